// Reads config/linli.yaml and validates it; the YAML is for staff, so every error names
// the file, the key and the problem.
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configSchema, type LinliConfigFile } from './schema.ts';
import { ConfigError, describeZodError } from './errors.ts';

export const DEFAULT_CONFIG_DIR = 'config';

export function resolveConfigDir(dir?: string | null): string {
  return resolve(dir ?? process.env.LINLI_CONFIG ?? DEFAULT_CONFIG_DIR);
}

export function readYamlFile(file: string): unknown {
  if (!existsSync(file)) throw new ConfigError(`${file}: file not found`);
  try {
    return parseYaml(readFileSync(file, 'utf8')) ?? {};
  } catch (err) {
    throw new ConfigError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

export function loadMainConfig(configDir: string): LinliConfigFile {
  const file = join(configDir, 'linli.yaml');
  const result = configSchema.safeParse(readYamlFile(file));
  if (!result.success) throw new ConfigError(describeZodError(file, result.error));
  const { answerAt, suggestAt } = result.data.faq;
  if (suggestAt > answerAt) throw new ConfigError(`${file}: faq.suggestAt: must not be above faq.answerAt (${answerAt})`);
  return result.data;
}
