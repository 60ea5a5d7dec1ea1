// Editing config/faq.yaml from the web page: every candidate goes through the same loader as the
// config files (in a scratch folder), a bad one is refused and the file left as it was, a good
// one replaces the file atomically and is used at once.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, YAMLSeq } from 'yaml';
import { FAQ_FILE, FAQ_SYNONYMS_FILE, loadKnowledgeBase } from '../config/load-faq.ts';
import type { KnowledgeBase } from '../config/faq-schema.ts';
import { createFaqEngine } from '../domain/faq/index.ts';
import type { LinliConfigFile } from '../config/schema.ts';

export type Checked = { ok: true; kb: KnowledgeBase } | { ok: false; problem: string };

export const readFaqText = (configDir: string): string => readFileSync(join(configDir, FAQ_FILE), 'utf8');

/** Validates faq.yaml text exactly as a start would (with the current synonyms file). */
export function checkFaqText(configDir: string, text: string): Checked {
  const scratch = mkdtempSync(join(tmpdir(), 'linli-kb-'));
  try {
    writeFileSync(join(scratch, FAQ_FILE), text);
    const syn = join(configDir, FAQ_SYNONYMS_FILE);
    if (existsSync(syn)) copyFileSync(syn, join(scratch, FAQ_SYNONYMS_FILE));
    return { ok: true, kb: loadKnowledgeBase(scratch) };
  } catch (err) {
    return { ok: false, problem: (err instanceof Error ? err.message : String(err)).replaceAll(scratch, 'config') };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Writes checked text to config/faq.yaml (temp file, then rename). */
export function saveFaqText(configDir: string, text: string): void {
  const file = join(configDir, FAQ_FILE);
  const temp = `${file}.web-${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

/** faq.yaml text with these wordings added to an entry's questions (comments kept); null if no such entry. */
export function withWordings(text: string, entryId: string, questions: readonly string[]): string | null {
  const doc = parseDocument(text);
  const entries = doc.get('entries');
  if (!(entries instanceof YAMLSeq)) return null;
  const index = entries.items.findIndex((e) => (e as { get?: (k: string) => unknown }).get?.('id') === entryId);
  if (index < 0) return null;
  const list = doc.getIn(['entries', index, 'questions']);
  if (!(list instanceof YAMLSeq)) return null;
  const have = new Set(list.items.map((q) => String((q as { value?: unknown }).value ?? q)));
  for (const q of questions) if (!have.has(q)) list.add(doc.createNode(q));
  return doc.toString();
}

/** A new entry as staff type it on the page (questions one per line, keywords split on 、,, or spaces). */
export interface NewEntryForm {
  topic: string;
  title: string;
  questions: string;
  keywords: string;
  answer: string;
}

const lines = (text: string): string[] => [
  ...new Set(
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  ),
];
const words = (text: string): string[] => [
  ...new Set(
    text
      .split(/[、,，;；\s]+/)
      .map((w) => w.trim())
      .filter(Boolean),
  ),
];

/** An id for a new entry: its topic and the first free number (ids are lower-case, digits and "-"). */
export function newEntryId(taken: ReadonlySet<string>, topic: string): string {
  const base = `${topic.replace(/_/g, '-').replace(/[^a-z0-9-]/g, '') || 'entry'}-web`;
  let n = 1;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/**
 * faq.yaml text with a new entry appended (comments kept). Nothing here is checked: the text
 * then goes through checkFaqText like any other edit, so a bad entry is refused by the loader's
 * own rules (two phrasings at least, no phone number but 12351, a known topic …).
 */
export function withNewEntry(text: string, form: NewEntryForm): { text: string; id: string } | null {
  const doc = parseDocument(text);
  const entries = doc.get('entries');
  if (!(entries instanceof YAMLSeq)) return null;
  const taken = new Set(entries.items.map((e) => String((e as { get?: (k: string) => unknown }).get?.('id') ?? '')));
  const id = newEntryId(taken, form.topic.trim());
  const entry: Record<string, unknown> = { id, topic: form.topic.trim() };
  if (form.title.trim()) entry.title = form.title.trim();
  entry.questions = lines(form.questions);
  entry.keywords = words(form.keywords);
  entry.answer = form.answer.replace(/\r\n/g, '\n').trim();
  entries.add(doc.createNode(entry));
  return { text: doc.toString(), id };
}

export interface KbPreview {
  entryId: string;
  entryTitle: string;
  questions: string[];
  answers: { question: string; band: string; reply: string }[];
}

export function previewWordings(kb: KnowledgeBase, bands: LinliConfigFile['faq'], entryId: string, questions: string[]): KbPreview {
  const engine = createFaqEngine(kb, bands);
  const entry = kb.entries.find((e) => e.id === entryId);
  return {
    entryId,
    entryTitle: entry?.title ?? entryId,
    questions,
    answers: questions.map((q) => {
      const a = engine.ask(q);
      return { question: q, band: a.band, reply: a.reply };
    }),
  };
}
