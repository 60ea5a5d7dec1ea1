// Tests that read ../shared fail, naming the file, when it is missing: they never skip and never pass
// silently. Also that no test in the suite is skipped, by condition or otherwise.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceFiles } from './support/imports.ts';
import { MissingSharedFile, SHARED_DIR, sharedFiles, sharedPath } from './support/shared.ts';

const root = mkdtempSync(join(tmpdir(), 'linli-shared-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('reading ../shared', () => {
  it('is the shared folder beside the project', () => {
    expect(SHARED_DIR).toBe(resolve('..', 'shared'));
  });

  it('a missing file is an error that names it, not a skip', () => {
    expect(() => sharedPath('devset/parse-dev.jsonl', root)).toThrow(MissingSharedFile);
    expect(() => sharedPath('devset/parse-dev.jsonl', root)).toThrow(
      `missing ${join(root, 'devset/parse-dev.jsonl')} (shared/devset/parse-dev.jsonl)`,
    );
  });

  it('a missing or empty folder is an error too; a present file is its path', () => {
    expect(() => sharedFiles('devset', '.jsonl', root)).toThrow(/missing .*shared\/devset/);
    mkdirSync(join(root, 'devset'));
    writeFileSync(join(root, 'devset', 'notes.md'), '# notes\n');
    expect(() => sharedFiles('devset', '.jsonl', root)).toThrow(/no \.jsonl file in .*shared\/devset/);
    writeFileSync(join(root, 'devset', 'b.jsonl'), '{}\n');
    writeFileSync(join(root, 'devset', 'a.jsonl'), '{}\n');
    expect(sharedFiles('devset', '.jsonl', root)).toEqual([join(root, 'devset', 'a.jsonl'), join(root, 'devset', 'b.jsonl')]);
    expect(sharedPath('devset/a.jsonl', root)).toBe(join(root, 'devset', 'a.jsonl'));
  });
});

describe('the test suite', () => {
  const tests = sourceFiles(resolve('test')).map((file) => ({ file: relative(resolve('.'), file), text: readFileSync(file, 'utf8') }));
  // A string that starts with ../shared or ../../shared: a path around the helper.
  const sharedLiteral = /(['"`])(?:\.\.\/)+shared\//;
  // it.skip, describe.skipIf, test.runIf, it.todo, it.only, and ctx.skip() inside a test.
  const skipping = /\b(?:it|test|describe|suite)\s*\.\s*(?:skip|skipIf|runIf|todo|only)\b|\.skip\(\s*\)/;

  // This file names the forms it looks for; it is checked by its own last test instead.
  const others = tests.filter(({ file }) => file !== 'test/shared-files.test.ts');

  it('reads ../shared only through test/support/shared.ts', () => {
    expect(others.length).toBeGreaterThan(20);
    const offenders = others
      .filter(({ file, text }) => file !== 'test/support/shared.ts' && sharedLiteral.test(text))
      .map(({ file }) => file);
    expect(offenders, 'use sharedPath() from test/support/shared.ts').toEqual([]);
  });

  it('skips nothing, by condition or otherwise', () => {
    const offenders = others.flatMap(({ file, text }) =>
      text
        .split('\n')
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => skipping.test(line))
        .map(({ line, i }) => `${file}:${i + 1}: ${line.trim()}`),
    );
    expect(offenders, offenders.join('\n')).toEqual([]);
  });

  it('the two checks above see what they look for', () => {
    expect(sharedLiteral.test("replayFile('../shared/devset/replay-grid-day.jsonl')")).toBe(true);
    expect(sharedLiteral.test("new URL('../../shared/devset/x.jsonl', import.meta.url)")).toBe(true);
    expect(sharedLiteral.test('// shared/devset/replay-grid-day.jsonl through the whole bot')).toBe(false);
    for (const line of [
      "describe.skipIf(!existsSync(p))('dev set', () => {",
      "it.skip('later', () => {",
      'it.todo("x")',
      "test.only('x', f)",
      'ctx.skip()',
    ]) {
      expect(skipping.test(line), line).toBe(true);
    }
    expect(skipping.test("it('skips nothing', () => {")).toBe(false);
  });
});
