import { describe, expect, it } from 'vitest';
import { classifyLine } from '../src/cli/input.ts';
import { parseArgs } from '../src/cli/args.ts';

describe('CLI input lines', () => {
  it('skips blank lines and strips a BOM and CR', () => {
    expect(classifyLine('   ', 1)).toBeNull();
    expect(classifyLine('\uFEFF我家有\r', 2)).toEqual({ line: 2, kind: 'text', text: '我家有' });
  });

  it('reads JSON objects and reports broken JSON as an error for that line', () => {
    expect(classifyLine('{"text": "求布洛芬"}', 3)).toEqual({ line: 3, kind: 'json', value: { text: '求布洛芬' } });
    const bad = classifyLine('{"text": "求布洛芬"', 4);
    expect(bad?.kind).toBe('error');
    expect(bad?.line).toBe(4);
  });

  it('refuses lines over 64 KiB', () => {
    const item = classifyLine('药'.repeat(30_000), 5);
    expect(item).toMatchObject({ kind: 'error', line: 5 });
  });

  it('treats a line that is not an object as plain text', () => {
    expect(classifyLine('123', 1)).toMatchObject({ kind: 'text', text: '123' });
    expect(classifyLine('[图片]', 1)).toMatchObject({ kind: 'text' });
  });
});

describe('CLI arguments', () => {
  it('takes flags with values and positionals', () => {
    expect(parseArgs(['parse', '--config', 'cfg', 'in.jsonl'])).toEqual({ positionals: ['parse', 'in.jsonl'], flags: { config: 'cfg' } });
    expect(parseArgs(['--help', 'parse']).flags.help).toBe(true);
  });
});
