// Dev-set accuracy targets. The dev set is read here only, never by the parser.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { createParser, toContract } from '../../src/domain/parse/index.ts';
import type { ParseResult } from '../../src/domain/types.ts';
import { sharedPath } from '../support/shared.ts';

const root = resolve(import.meta.dirname, '../..');

describe('parse dev set', () => {
  it('meets the accuracy targets', () => {
    const gold = readFileSync(sharedPath('devset/parse-dev.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as ParseResult);
    const parser = createParser(loadItemLexicon(resolve(root, 'config')));
    const got = gold.map((g) => toContract(parser.parse(g.text)));
    const rate = (key: (r: ParseResult) => string) => gold.filter((g, i) => key(g) === key(got[i]!)).length / gold.length;
    expect(rate((r) => r.intent)).toBeGreaterThanOrEqual(0.95);
    expect(rate((r) => [...new Set(r.items.map((i) => i.category))].sort().join())).toBeGreaterThanOrEqual(0.93);
    expect(rate((r) => JSON.stringify(r.location))).toBeGreaterThanOrEqual(0.95);
    expect(rate((r) => String(r.contextDependent))).toBeGreaterThanOrEqual(0.95);
  });
});
