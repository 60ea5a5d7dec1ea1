// Loads config and builds the engines for the commands that need no chat transport.
import { loadMainConfig, resolveConfigDir } from '../config/load.ts';
import { loadItemLexicon } from '../config/load-items.ts';
import { loadKnowledgeBase } from '../config/load-faq.ts';
import { createParser, type Parser } from '../domain/parse/index.ts';
import { createFaqEngine, type FaqEngine } from '../domain/faq/index.ts';
import { Directory } from '../bot/directory.ts';
import type { LinliConfigFile } from '../config/schema.ts';
import { loadReaderModels } from './reader-model.ts';

export interface Engines<P extends Parser | null = Parser | null, F extends FaqEngine | null = FaqEngine | null> {
  configDir: string;
  config: LinliConfigFile;
  directory: Directory;
  parser: P;
  faq: F;
}

/** Builds only what the command uses: `ask` needs no parser (its training and lexicon cost most of a start). */
export function loadEngines(configDirFlag: string | undefined, opts: { parser: true; faq: false }): Engines<Parser, null>;
export function loadEngines(configDirFlag: string | undefined, opts: { parser: false; faq: true }): Engines<null, FaqEngine>;
export function loadEngines(configDirFlag: string | undefined, opts: { parser: boolean; faq: boolean }): Engines;
export function loadEngines(configDirFlag: string | undefined, opts: { parser: boolean; faq: boolean }): Engines {
  const configDir = resolveConfigDir(configDirFlag);
  const config = loadMainConfig(configDir);
  const directory = new Directory(config.rooms, config.people);
  let parser: Parser | null = null;
  if (opts.parser) {
    const lexicon = loadItemLexicon(configDir);
    // The readers the build step trained for these sources and this lexicon, else train now.
    parser = createParser(lexicon, loadReaderModels(lexicon));
  }
  const faq = opts.faq ? createFaqEngine(loadKnowledgeBase(configDir), config.faq) : null;
  return { configDir, config, directory, parser, faq };
}
