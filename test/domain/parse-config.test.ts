// The item lexicon loader: the real file validates, and a bad file names the file and the key.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { CATEGORIES } from '../../src/domain/types.ts';

function dirWith(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-items-'));
  writeFileSync(join(dir, 'items.yaml'), yaml);
  return dir;
}

describe('loadItemLexicon', () => {
  it('loads config/items.yaml with words for every category', () => {
    const lex = loadItemLexicon(resolve(import.meta.dirname, '../../config'));
    for (const c of CATEGORIES) expect(lex.categories[c].length).toBeGreaterThan(0);
    expect(lex.categories.fever_medicine).toContain('布诺芬');
    expect(lex.categories.cold_medicine).toContain('连花清温');
    expect(lex.categories.child_fever_medicine).toContain('泰诺林');
    expect(Object.keys(lex.pickup)).toContain('保安处');
  });

  it('names the file, the key path and the problem when a category is wrong', () => {
    const categories = CATEGORIES.map((c) => `  ${c}: [x${c}]`)
      .join('\n')
      .replace('  mask: [xmask]', '  mask: 42');
    const dir = dirWith(`categories:\n${categories}\n`);
    expect(() => loadItemLexicon(dir)).toThrow(/items\.yaml[\s\S]*categories\.mask/);
  });

  it('rejects an unknown category and a missing one', () => {
    const categories = CATEGORIES.filter((c) => c !== 'food')
      .map((c) => `  ${c}: [x${c}]`)
      .join('\n');
    const dir = dirWith(`categories:\n${categories}\n  snacks: [薯片]\n`);
    expect(() => loadItemLexicon(dir)).toThrow(/categories\.food|snacks/);
  });

  it('reports YAML syntax errors with the file name', () => {
    expect(() => loadItemLexicon(dirWith('categories: [unclosed\n'))).toThrow(/items\.yaml/);
  });
});
