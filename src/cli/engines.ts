// Loads config and builds the engines for the commands that need no chat transport.
// Each engine is imported only when asked for: `parse` never loads the FAQ engine (natural's
// classifier) and `ask` never loads or trains the parser.
import { loadMainConfig, resolveConfigDir } from '../config/load.ts';
import type { Parser } from '../domain/parse/index.ts';
import type { FaqEngine } from '../domain/faq/index.ts';
import { Directory } from '../bot/directory.ts';
import type { LinliConfigFile } from '../config/schema.ts';

export interface Engines<P extends Parser | null = Parser | null, F extends FaqEngine | null = FaqEngine | null> {
  configDir: string;
  config: LinliConfigFile;
  directory: Directory;
  parser: P;
  faq: F;
}

export function loadEngines(configDirFlag: string | undefined, opts: { parser: true; faq: false }): Promise<Engines<Parser, null>>;
export function loadEngines(configDirFlag: string | undefined, opts: { parser: false; faq: true }): Promise<Engines<null, FaqEngine>>;
export function loadEngines(configDirFlag: string | undefined, opts: { parser: boolean; faq: boolean }): Promise<Engines>;
export async function loadEngines(configDirFlag: string | undefined, opts: { parser: boolean; faq: boolean }): Promise<Engines> {
  const configDir = resolveConfigDir(configDirFlag);
  const config = loadMainConfig(configDir);
  const directory = new Directory(config.rooms, config.people);
  const parser = opts.parser ? await loadParser(configDir) : null;
  const faq = opts.faq ? await loadFaq(configDir, config) : null;
  return { configDir, config, directory, parser, faq };
}

async function loadParser(configDir: string): Promise<Parser> {
  const [{ loadItemLexicon }, { createParser }, { loadReaderModels }] = await Promise.all([
    import('../config/load-items.ts'),
    import('../domain/parse/index.ts'),
    import('./reader-model.ts'),
  ]);
  const lexicon = loadItemLexicon(configDir);
  // The readers the build step trained for these sources and this lexicon, else train now.
  return createParser(lexicon, loadReaderModels(lexicon));
}

async function loadFaq(configDir: string, config: LinliConfigFile): Promise<FaqEngine> {
  const [{ loadKnowledgeBase }, { createFaqEngine }] = await Promise.all([
    import('../config/load-faq.ts'),
    import('../domain/faq/index.ts'),
  ]);
  return createFaqEngine(loadKnowledgeBase(configDir), config.faq);
}
