// Loads config and builds the union-answer engine for `linli ask`, which needs no chat transport.
// The FAQ engine (natural's classifier) is imported only here, so `parse` never loads it;
// `linli parse` loads its parser itself (parse-command.ts), as its worker threads need the parts.
import { loadMainConfig, resolveConfigDir } from '../config/load.ts';
import type { FaqEngine } from '../domain/faq/index.ts';
import type { LinliConfigFile } from '../config/schema.ts';

export interface FaqEngines {
  configDir: string;
  config: LinliConfigFile;
  faq: FaqEngine;
}

export async function loadFaqEngine(configDirFlag: string | undefined): Promise<FaqEngines> {
  const configDir = resolveConfigDir(configDirFlag);
  const config = loadMainConfig(configDir);
  const [{ loadKnowledgeBase }, { createFaqEngine }] = await Promise.all([
    import('../config/load-faq.ts'),
    import('../domain/faq/index.ts'),
  ]);
  return { configDir, config, faq: createFaqEngine(loadKnowledgeBase(configDir), config.faq) };
}
