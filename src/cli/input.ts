// The shared input rules of the CLI contracts: UTF-8 lines from a file or stdin, blank lines
// skipped, each line numbered from 1; lines over 64 KiB and broken JSON become error lines.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export const MAX_LINE_BYTES = 64 * 1024;

export type InputLine =
  | { line: number; kind: 'text'; text: string }
  | { line: number; kind: 'json'; value: Record<string, unknown> }
  | { line: number; kind: 'error'; error: string };

export class InputUnreadable extends Error {}

export function openInput(file: string | undefined): Readable {
  if (!file || file === '-') return process.stdin;
  if (!existsSync(file)) throw new InputUnreadable(`cannot read ${file}: no such file`);
  if (statSync(file).isDirectory()) throw new InputUnreadable(`cannot read ${file}: it is a directory`);
  return createReadStream(file, { encoding: 'utf8' });
}

/** Opens the input or says on stderr why it cannot (the caller then exits 2). */
export function openInputFor(command: string, file: string | undefined): Readable | null {
  try {
    return openInput(file);
  } catch (err) {
    if (!(err instanceof InputUnreadable)) throw err;
    process.stderr.write(`linli ${command}: ${err.message}\n`);
    return null;
  }
}

export function classifyLine(raw: string, line: number): InputLine | null {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r$/, '');
  if (text.trim() === '') return null;
  if (Buffer.byteLength(text, 'utf8') > MAX_LINE_BYTES) {
    return { line, kind: 'error', error: `line is longer than 64 KiB` };
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      return { line, kind: 'error', error: `invalid JSON: ${(err as Error).message}` };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { line, kind: 'error', error: 'expected a JSON object' };
    }
    return { line, kind: 'json', value: value as Record<string, unknown> };
  }
  return { line, kind: 'text', text: trimmed };
}

/** Yields classified lines in order; blank lines are skipped but still counted. */
export async function* readInputLines(stream: Readable): AsyncGenerator<InputLine> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n += 1;
    const item = classifyLine(raw, n);
    if (item) yield item;
  }
}

/** Writes one JSON object per line to stdout, respecting back-pressure. */
export async function writeJsonLine(value: unknown): Promise<void> {
  const ok = process.stdout.write(JSON.stringify(value) + '\n');
  if (!ok) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
}

export function errorLine(line: number, error: string): { error: string; line: number } {
  return { error, line };
}
