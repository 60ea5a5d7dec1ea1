// The shared input rules of the CLI contracts: UTF-8 lines from a file or stdin, blank lines
// skipped, each line numbered from 1; lines over 64 KiB and broken JSON become error lines.
import { once } from 'node:events';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

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
  const trimmed = text.trim();
  if (trimmed === '') return null;
  // A UTF-16 unit is at most 3 bytes of UTF-8: short lines need no count.
  if (text.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(text, 'utf8') > MAX_LINE_BYTES) {
    return { line, kind: 'error', error: `line is longer than 64 KiB` };
  }
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

// Line ends as node:readline reads them: \n, \r\n, and a \r alone.
const LINE_END = /\r?\n|\r(?!\n)/g;

/** Consecutive raw lines of the input: `lines[i]` is line `first + i` (blank lines included). */
export interface RawBatch {
  first: number;
  lines: string[];
}

/**
 * Yields the raw lines of each chunk of input together, in order, numbered from 1. Lines split as
 * node:readline splits them (crlfDelay Infinity: a \r that ends one chunk and a \n that starts the
 * next are one line end), without its per-line events: the caller answers a chunk with one write.
 * Typed input arrives a line per chunk and is answered at once.
 */
export async function* readRawBatches(stream: Readable): AsyncGenerator<RawBatch> {
  // Like readline: bytes decoded here, and a cut-off character at the very end is dropped.
  const decoder = new StringDecoder('utf8');
  let n = 0;
  let rest = '';
  let afterCR = false;
  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (afterCR && text.startsWith('\n')) text = text.slice(1);
    afterCR = false;
    if (text === '') continue;
    LINE_END.lastIndex = 0;
    if (!LINE_END.test(text)) {
      rest += text;
      continue;
    }
    text = rest + text;
    afterCR = text.endsWith('\r');
    const lines: string[] = [];
    let start = 0;
    LINE_END.lastIndex = 0;
    for (let m = LINE_END.exec(text); m; m = LINE_END.exec(text)) {
      lines.push(text.slice(start, m.index));
      start = LINE_END.lastIndex;
    }
    rest = text.slice(start);
    yield { first: n + 1, lines };
    n += lines.length;
  }
  if (rest.length > 0) yield { first: n + 1, lines: [rest] };
}

/** The classified lines of a raw batch; blank lines are skipped but keep their numbers. */
export function classifyBatch(batch: RawBatch): InputLine[] {
  const out: InputLine[] = [];
  for (let i = 0; i < batch.lines.length; i++) {
    const item = classifyLine(batch.lines[i]!, batch.first + i);
    if (item) out.push(item);
  }
  return out;
}

/** Yields the classified lines of each chunk of input together, in order (see readRawBatches). */
export async function* readInputBatches(stream: Readable): AsyncGenerator<InputLine[]> {
  for await (const raw of readRawBatches(stream)) {
    const batch = classifyBatch(raw);
    if (batch.length > 0) yield batch;
  }
}

/** Yields classified lines in order; blank lines are skipped but still counted. */
export async function* readInputLines(stream: Readable): AsyncGenerator<InputLine> {
  for await (const batch of readInputBatches(stream)) yield* batch;
}

/** Writes one JSON object per line to stdout in one write, respecting back-pressure. */
export async function writeJsonLines(values: unknown[]): Promise<void> {
  await writeOut(jsonLines(values));
}

/** One JSON object per line, each line ended. */
export function jsonLines(values: unknown[]): string {
  let out = '';
  for (const v of values) out += JSON.stringify(v) + '\n';
  return out;
}

/** Writes already-formatted output to stdout, respecting back-pressure. */
export async function writeOut(out: string): Promise<void> {
  if (out === '') return;
  if (!process.stdout.write(out)) await once(process.stdout, 'drain');
}

/** Writes one JSON object as a line to stdout, respecting back-pressure. */
export async function writeJsonLine(value: unknown): Promise<void> {
  await writeJsonLines([value]);
}

export function errorLine(line: number, error: string): { error: string; line: number } {
  return { error, line };
}
