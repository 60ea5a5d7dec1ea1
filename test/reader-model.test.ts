// The readers the build step trains and stores (dist/reader-model.bin): loading them must give
// exactly the parses of a fresh training, the same training must give the same bytes, and a file
// that no longer fits the sources or the lexicon must be refused (the parser then trains at start).
import { cpSync, mkdtempSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../src/config/load-items.ts';
import { createParser } from '../src/domain/parse/index.ts';
import { trainingPosts } from '../src/domain/parse/training/index.ts';
import {
  decodeReaderModels,
  encodeReaderModels,
  loadReaderModels,
  parserSources,
  projectRoot,
  readerModelKey,
} from '../src/cli/reader-model.ts';
import { hostileLines } from '../scripts/hostile-input.ts';

const root = resolve(import.meta.dirname, '..');
const lexicon = loadItemLexicon(resolve(root, 'config'));
const fresh = createParser(lexicon);

// Our own phrasings: asks and offers the rules decide, and chat and news only the models read.
const OWN = [
  '谁家有多余的退烧贴,孩子晚上一直烧',
  '我这儿还有半盒连花清瘟,要的说一声',
  '楼下药店今天开门了吗',
  '刚才那个是几单元的',
  '好的好的,辛苦了',
  '物业说明天上午停水两个小时',
  '用一盒布洛芬换两包口罩,有人要吗',
  '哈哈哈',
  '他家老人好点了没',
  '不用了,已经买到了,谢谢大家',
];

function sample(): string[] {
  const posts = trainingPosts().map((p) => p.text);
  return [...OWN, ...posts.filter((_, i) => i % 3 === 0), ...hostileLines(300, 7).filter((l) => l.length < 2000)];
}

describe('the stored reader model', () => {
  it('parses every sampled post exactly as the freshly trained readers do, confidence included', () => {
    const key = readerModelKey(root, lexicon);
    const { key: read, models } = decodeReaderModels(encodeReaderModels(fresh.readerModels(), key));
    expect(read).toBe(key);
    const loaded = createParser(lexicon, models);
    expect(loaded).not.toBe(fresh);
    const posts = sample();
    expect(posts.length).toBeGreaterThan(1000);
    const diffs = posts.filter((t) => JSON.stringify(loaded.parse(t)) !== JSON.stringify(fresh.parse(t)));
    expect(diffs).toEqual([]);
    // The models were really read back, number for number.
    const a = fresh.readerModels();
    expect(models.intent.features).toEqual(a.intent.features);
    expect(Array.from(models.intent.weights)).toEqual(Array.from(a.intent.weights));
    expect(Array.from(models.context.bias)).toEqual(Array.from(a.context.bias));
    expect(models.rulePrecision).toEqual(a.rulePrecision);
    // Chat the rules leave open goes through the models: their confidence is not a rule's precision.
    const precisions = new Set(a.rulePrecision.map(([, p]) => Math.round(p * 1000) / 1000));
    expect(posts.filter((t) => !precisions.has(loaded.parse(t).confidence)).length).toBeGreaterThan(50);
  }, 60_000);

  it('is the same bytes when the same corpus and lexicon are trained again', () => {
    // The same lexicon with its keys in another order: another cache entry, so a second training.
    const again = createParser(Object.fromEntries(Object.entries(lexicon).reverse()) as typeof lexicon);
    expect(again).not.toBe(fresh);
    const key = readerModelKey(root, lexicon);
    expect(encodeReaderModels(again.readerModels(), key).equals(encodeReaderModels(fresh.readerModels(), key))).toBe(true);
  }, 60_000);

  it('is loaded only when its key fits the sources and the lexicon', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-model-'));
    const file = join(dir, 'reader-model.bin');
    expect(loadReaderModels(lexicon, root, file)).toBeUndefined(); // missing
    writeFileSync(file, encodeReaderModels(fresh.readerModels(), readerModelKey(root, lexicon)));
    expect(loadReaderModels(lexicon, root, file)?.rulePrecision).toEqual(fresh.readerModels().rulePrecision);
    const otherLexicon = { ...lexicon, notItems: [...lexicon.notItems, '空气'] };
    expect(loadReaderModels(otherLexicon, root, file)).toBeUndefined(); // another lexicon
    writeFileSync(file, encodeReaderModels(fresh.readerModels(), 'a key of other sources'));
    expect(loadReaderModels(lexicon, root, file)).toBeUndefined(); // stale
    writeFileSync(file, 'LINLI-READERS {"format":1,"key":"x"}\n');
    expect(loadReaderModels(lexicon, root, file)).toBeUndefined(); // broken
  });

  it('is keyed by every file of the training folder and every source the parser imports', () => {
    const sources = parserSources(root);
    const training = readdirSync(join(root, 'src/domain/parse/training'), { withFileTypes: true }).filter((e) => e.isFile());
    expect(training.length).toBeGreaterThan(2);
    for (const e of training) expect(sources).toContain(`src/domain/parse/training/${e.name}`);
    for (const f of [
      'src/domain/parse/features.ts',
      'src/domain/parse/intent.ts',
      'src/domain/parse/cues.ts',
      'src/domain/text/softmax.ts',
      'src/domain/text/segmenter.ts',
    ]) {
      expect(sources).toContain(f);
    }
    expect(sources.some((f) => f.startsWith('src/domain/faq/'))).toBe(false);

    // A copy of the domain: changing a corpus, adding a corpus file or changing a rule changes the key.
    const copy = mkdtempSync(join(tmpdir(), 'linli-key-'));
    cpSync(join(root, 'src/domain'), join(copy, 'src/domain'), { recursive: true });
    const before = readerModelKey(copy, lexicon);
    expect(readerModelKey(copy, lexicon)).toBe(before);
    appendFileSync(join(copy, 'src/domain/parse/training/corpus.ts'), '\n// one more line\n');
    const afterCorpus = readerModelKey(copy, lexicon);
    expect(afterCorpus).not.toBe(before);
    writeFileSync(join(copy, 'src/domain/parse/training/corpus-new.ts'), 'export const MORE = ``;\n');
    const afterNewFile = readerModelKey(copy, lexicon);
    expect(afterNewFile).not.toBe(afterCorpus);
    appendFileSync(join(copy, 'src/domain/parse/cues.ts'), '\n// a changed rule\n');
    expect(readerModelKey(copy, lexicon)).not.toBe(afterNewFile);
  });

  it('finds the project folder from the source tree', () => {
    expect(projectRoot()).toBe(root);
  });
});
