// linli reads its input a chunk at a time and answers each chunk with one write; the lines and
// their numbers must be exactly those node:readline gives, however the input is cut into chunks.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { classifyLine, readInputBatches, readInputLines, type InputLine } from '../src/cli/input.ts';

async function byReadline(chunks: (string | Buffer)[]): Promise<InputLine[]> {
  const out: InputLine[] = [];
  let n = 0;
  for await (const raw of createInterface({ input: Readable.from(chunks), crlfDelay: Infinity })) {
    const item = classifyLine(raw, ++n);
    if (item) out.push(item);
  }
  return out;
}

async function byBatches(chunks: (string | Buffer)[]): Promise<{ lines: InputLine[]; batches: number }> {
  const lines: InputLine[] = [];
  let batches = 0;
  for await (const batch of readInputBatches(Readable.from(chunks))) {
    batches += 1;
    lines.push(...batch);
  }
  return { lines, batches };
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

// Pieces of input that stress line ends: CR, LF, CRLF, blank lines, a BOM, JSON, 4-byte characters.
const PIECES = ['\n', '\r', '\r\n', '\n\n', '  ', '求布洛芬', '{"text": "我家有"}', '{"text": 1', '\uFEFF', '🙏', 'a', '，'];

describe('reading input a chunk at a time', () => {
  it('gives the lines and line numbers readline gives, for any cut of the bytes', async () => {
    const rand = random(11);
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => PIECES[Math.floor(rand() * PIECES.length)]!).join('');
      const bytes = Buffer.from(text);
      // Cut anywhere, in the middle of a character or between CR and LF included.
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(rand() * 8);
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      const expected = await byReadline(chunks);
      expect((await byBatches(chunks)).lines, JSON.stringify(text)).toEqual(expected);
      // Chunks that are already strings (a file opened as UTF-8) read the same.
      expect((await byBatches([text.slice(0, 5), text.slice(5)])).lines).toEqual(await byReadline([text.slice(0, 5), text.slice(5)]));
    }
  });

  it('answers a whole chunk at once and a line typed alone at once', async () => {
    const many = Array.from({ length: 500 }, (_, i) => `${i}号楼求口罩`).join('\n') + '\n';
    const { lines, batches } = await byBatches([many]);
    expect(lines).toHaveLength(500);
    expect(batches).toBe(1);
    const typed = await byBatches(['求布洛芬\n', '我家有\n']);
    expect(typed.batches).toBe(2);
    expect(typed.lines.map((l) => l.line)).toEqual([1, 2]);
  });

  it('drops a character cut off at the very end, as readline does', async () => {
    const cut = [Buffer.from('求布洛芬\n我家有'), Buffer.from('药').subarray(0, 2)];
    expect((await byBatches(cut)).lines).toEqual(await byReadline(cut));
    expect((await byBatches(cut)).lines.at(-1)).toEqual({ line: 2, kind: 'text', text: '我家有' });
  });

  it('counts skipped blank lines and reads a last line with no line end', async () => {
    const items: InputLine[] = [];
    for await (const item of readInputLines(Readable.from(['\n\r\n  \n求退烧药\r\n\n最后一行']))) items.push(item);
    expect(items).toEqual([
      { line: 4, kind: 'text', text: '求退烧药' },
      { line: 6, kind: 'text', text: '最后一行' },
    ]);
  });
});
