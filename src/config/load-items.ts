// Edge loader for config/items.yaml: reads the file, validates it, names the bad key on error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, describeZodError } from './errors.ts';
import { itemLexiconSchema, type ItemLexicon } from './items-schema.ts';

export function loadItemLexicon(configDir: string): ItemLexicon {
  const file = join(configDir, 'items.yaml');
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: cannot read or parse YAML: ${(err as Error).message}`);
  }
  const result = itemLexiconSchema.safeParse(raw ?? {});
  if (!result.success) throw new ConfigError(describeZodError(file, result.error));
  return result.data;
}
