// The second real-style blind set is measured as figures only, so nobody reads its lines: a broken
// label would silently skew the figures. This checks its shape against the parse contract instead.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, FOR_WHOM, INTENTS } from '../src/domain/types.ts';

const FIELDS = ['text', 'intent', 'items', 'category', 'for_whom', 'location', 'urgent', 'context_dependent'];
// Only these intents name things asked or offered (contract: `items`).
const WITH_ITEMS = new Set(['request', 'offer', 'both']);

/** What is wrong with one labelled line; empty when it follows the contract. */
function problemsOf(line: string): string[] {
  let row: Record<string, unknown>;
  try {
    row = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return ['not JSON'];
  }
  const out: string[] = [];
  if (JSON.stringify(Object.keys(row)) !== JSON.stringify(FIELDS)) out.push(`fields ${Object.keys(row).join(',')}`);
  const { text, intent, items, category, for_whom, location, urgent, context_dependent } = row;
  if (typeof text !== 'string' || text.trim() === '') out.push('empty text');
  if (!(INTENTS as readonly unknown[]).includes(intent)) out.push(`intent ${String(intent)}`);
  if (!Array.isArray(items) || items.some((i) => typeof i !== 'string' || i === '')) out.push('items not names');
  else {
    const names = items as string[];
    // Names are as written: each one is found in the text.
    for (const n of names) if (typeof text === 'string' && !text.includes(n)) out.push(`item ${n} not in text`);
    if (names.length > 0 && !WITH_ITEMS.has(String(intent))) out.push(`items on ${String(intent)}`);
    if ((names.length === 0) !== (category === 'none')) out.push('category does not match items');
  }
  if (category !== 'none' && !(CATEGORIES as readonly unknown[]).includes(category)) out.push(`category ${String(category)}`);
  if (!(FOR_WHOM as readonly unknown[]).includes(for_whom)) out.push(`for_whom ${String(for_whom)}`);
  if (typeof location !== 'string' || !/^(\d+)?$/.test(location)) out.push(`location ${String(location)}`);
  if (typeof urgent !== 'boolean') out.push('urgent not boolean');
  if (typeof context_dependent !== 'boolean') out.push('context_dependent not boolean');
  return out;
}

const good = {
  text: '谁家有体温计',
  intent: 'request',
  items: ['体温计'],
  category: 'thermometer',
  for_whom: 'unknown',
  location: '',
  urgent: false,
  context_dependent: false,
};

describe('the format check', () => {
  it('passes a line that follows the contract', () => {
    expect(problemsOf(JSON.stringify(good))).toEqual([]);
  });

  it.each([
    ['an unknown intent', { ...good, intent: 'ask' }],
    ['an unknown category', { ...good, category: 'medicine' }],
    ['a category with no items', { ...good, items: [] }],
    ['an item the text does not write', { ...good, items: ['口罩'] }],
    ['items on a notice', { ...good, intent: 'info' }],
    ['a building that is not digits', { ...good, location: '2号楼' }],
    ['a string for a boolean', { ...good, urgent: 'false' }],
    ['a missing field', { ...good, context_dependent: undefined }],
    ['a source field', { ...good, source: 'http://example.com' }],
  ])('catches %s', (_, row) => {
    expect(problemsOf(JSON.stringify(row))).not.toEqual([]);
  });
});

describe('test/fixtures/parse-real-heldout-2.jsonl', () => {
  const lines = readFileSync(resolve(import.meta.dirname, 'fixtures/parse-real-heldout-2.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim());

  it('holds 150 distinct posts', () => {
    expect(lines).toHaveLength(150);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { text: string }).text)).size).toBe(150);
  });

  it('labels every line by the parse contract', () => {
    const bad = lines.flatMap((l, i) => problemsOf(l).map((p) => `line ${i + 1}: ${p}`));
    expect(bad).toEqual([]);
  });
});
