// Held-out accuracy floors: labelled posts written apart from the dev set (test/fixtures/parse-heldout*.jsonl).
// parse-heldout-4 was written after the last tuning round and never tuned on: its floors sit just
// under what it measured, so they catch regressions, not reward fitting.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { createParser, toContract } from '../../src/domain/parse/index.ts';
import type { ParseResult } from '../../src/domain/types.ts';

const root = resolve(import.meta.dirname, '../..');
const parser = createParser(loadItemLexicon(resolve(root, 'config')));

type Key = (r: ParseResult) => string;
const KEYS: Record<string, Key> = {
  intent: (r) => r.intent,
  category: (r) => [...new Set(r.items.map((i) => i.category))].sort().join(),
  forWhom: (r) => r.forWhom,
  location: (r) => JSON.stringify(r.location),
  urgent: (r) => String(r.urgent),
  contextDependent: (r) => String(r.contextDependent),
};

function rates(file: string): Record<string, number> {
  const gold = readFileSync(resolve(root, 'test/fixtures', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ParseResult);
  const got = gold.map((g) => toContract(parser.parse(g.text)));
  return Object.fromEntries(
    Object.entries(KEYS).map(([name, key]) => [name, gold.filter((g, i) => key(g) === key(got[i]!)).length / gold.length]),
  );
}

// contextDependent floors of sets 3, 4, 5 and 6 were lowered in issue 8: chat and news are now read
// as the labellers of real messages read them (a remark in a busy chat leans on its thread), which
// these written sets, made of standalone posts, do not share.
const FLOORS: Record<string, Record<string, number>> = {
  'parse-heldout.jsonl': { intent: 0.95, category: 0.95, forWhom: 0.93, location: 0.95, urgent: 0.95, contextDependent: 0.95 },
  // Set 2's weak shapes were fixed as language patterns in the clause-level round: its intent floor rose with them.
  'parse-heldout-2.jsonl': { intent: 0.95, category: 0.93, forWhom: 0.9, location: 0.95, urgent: 0.93, contextDependent: 0.93 },
  // Set 3 (other personas, everyday group life) was measured, then its misses studied: a tuned-on set.
  'parse-heldout-3.jsonl': { intent: 0.96, category: 0.94, forWhom: 0.95, location: 0.98, urgent: 0.98, contextDependent: 0.89 },
  // Set 4 was honest until its misses were studied for kinds of error (quotes, bare replies, generic+specific items).
  'parse-heldout-4.jsonl': { intent: 0.9, category: 0.93, forWhom: 0.95, location: 0.98, urgent: 0.98, contextDependent: 0.9 },
  // Set 5 (fever-wave chat in many voices) was measured before that round, then tuned on: intent 0.913 -> 0.993.
  'parse-heldout-5.jsonl': { intent: 0.98, category: 0.98, forWhom: 0.96, location: 0.98, urgent: 0.98, contextDependent: 0.94 },
  // Set 6 was written after the last change and never tuned on: the honest figures.
  'parse-heldout-6.jsonl': { intent: 0.96, category: 0.97, forWhom: 0.97, location: 0.98, urgent: 0.97, contextDependent: 0.96 },
};

describe('parse held-out sets', () => {
  it.each(Object.keys(FLOORS))('%s stays above its floors', (file) => {
    const got = rates(file);
    for (const [field, floor] of Object.entries(FLOORS[file]!)) {
      expect(got[field], field).toBeGreaterThanOrEqual(floor);
    }
  });

  it('holds enough posts to mean something', () => {
    const count = (f: string) =>
      readFileSync(resolve(root, 'test/fixtures', f), 'utf8')
        .split('\n')
        .filter((l) => l.trim()).length;
    expect(count('parse-heldout.jsonl')).toBeGreaterThanOrEqual(200);
    expect(count('parse-heldout-2.jsonl')).toBeGreaterThanOrEqual(80);
    expect(count('parse-heldout-3.jsonl')).toBeGreaterThanOrEqual(150);
    expect(count('parse-heldout-4.jsonl')).toBeGreaterThanOrEqual(80);
    expect(count('parse-heldout-5.jsonl')).toBeGreaterThanOrEqual(150);
    expect(count('parse-heldout-6.jsonl')).toBeGreaterThanOrEqual(80);
  });
});
