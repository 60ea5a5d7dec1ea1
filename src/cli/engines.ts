// Loads config and builds the engines for the commands that need no chat transport.
import { loadMainConfig, resolveConfigDir } from '../config/load.ts';
import { loadItemLexicon } from '../config/load-items.ts';
import { loadKnowledgeBase } from '../config/load-faq.ts';
import { createParser, type Parser } from '../domain/parse/index.ts';
import { createFaqEngine, type FaqEngine } from '../domain/faq/index.ts';
import { Directory } from '../bot/directory.ts';
import type { LinliConfigFile } from '../config/schema.ts';

export interface Engines {
  configDir: string;
  config: LinliConfigFile;
  directory: Directory;
  parser: Parser;
  faq: FaqEngine | null;
}

export function loadEngines(configDirFlag: string | undefined, opts: { faq: boolean; parser?: boolean }): Engines {
  const configDir = resolveConfigDir(configDirFlag);
  const config = loadMainConfig(configDir);
  const directory = new Directory(config.rooms, config.people);
  const parser = createParser(loadItemLexicon(configDir));
  const faq = opts.faq
    ? createFaqEngine(loadKnowledgeBase(configDir), config.faq)
    : null;
  return { configDir, config, directory, parser, faq };
}
