// Edge loader for config/items.yaml: reads the file, validates it, names the bad key on error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, describeZodError } from './errors.ts';
import { itemsFileSchema, type ItemLexicon } from './items-schema.ts';

/** config/items.yaml: the parser's lexicon and the mutual-aid block, read and checked once. */
export interface ItemsFile {
  lexicon: ItemLexicon;
  notDosed: string[];
}

export function loadItemLexicon(configDir: string): ItemLexicon {
  return loadItemsFile(configDir).lexicon;
}

export function loadItemsFile(configDir: string): ItemsFile {
  const file = join(configDir, 'items.yaml');
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: cannot read or parse YAML: ${(err as Error).message}`);
  }
  const result = itemsFileSchema.safeParse(raw ?? {});
  if (!result.success) throw new ConfigError(describeZodError(file, result.error));
  const { notDosed, ...lexicon } = result.data;
  return { lexicon, notDosed };
}
