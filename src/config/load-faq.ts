// Loads and validates the union FAQ knowledge base; watches it for staff edits.
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { FaqFileSchema, FaqSynonymsFileSchema, type KnowledgeBase } from './faq-schema.ts';

export const FAQ_FILE = 'faq.yaml';
export const FAQ_SYNONYMS_FILE = 'faq-synonyms.yaml';

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

function readYaml<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read YAML: ${(err as Error).message}`);
  }
  const result = schema.safeParse(data ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`);
    throw new Error(`${file}: invalid knowledge base\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

/** Reads config/faq.yaml and (if present) config/faq-synonyms.yaml. Throws an Error naming file, key and problem. */
export function loadKnowledgeBase(configDir: string): KnowledgeBase {
  const main = readYaml(join(configDir, FAQ_FILE), FaqFileSchema);
  const synPath = join(configDir, FAQ_SYNONYMS_FILE);
  const syn = existsSync(synPath)
    ? readYaml(synPath, FaqSynonymsFileSchema)
    : { synonyms: {}, outOfScope: { cues: [], greetings: [], uncovered: [], everyday: [] } };
  return { entries: main.entries, synonyms: syn.synonyms, outOfScope: syn.outOfScope };
}

/**
 * Reloads the knowledge base when one of its files changes (debounced). A broken edit keeps
 * the old knowledge base: onError gets the message, onReload is not called. Returns a stop function.
 */
export function watchKnowledgeBase(
  configDir: string,
  onReload: (kb: KnowledgeBase) => void,
  onError: (err: Error) => void,
  debounceMs = 200,
): () => void {
  let timer: NodeJS.Timeout | null = null;
  let lastText = '';
  const snapshot = () =>
    [FAQ_FILE, FAQ_SYNONYMS_FILE]
      .map((f) => {
        try {
          return readFileSync(join(configDir, f), 'utf8');
        } catch {
          return '';
        }
      })
      .join('\u0000');
  lastText = snapshot();
  const reload = () => {
    timer = null;
    const now = snapshot();
    if (now === lastText) return;
    lastText = now;
    try {
      onReload(loadKnowledgeBase(configDir));
    } catch (err) {
      onError(err instanceof Error ? err : new Error(String(err)));
    }
  };
  const watcher: FSWatcher = watch(configDir, (_event, filename) => {
    const name = filename?.toString();
    if (name && name !== FAQ_FILE && name !== FAQ_SYNONYMS_FILE) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  });
  watcher.on('error', (err) => onError(err instanceof Error ? err : new Error(String(err))));
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
