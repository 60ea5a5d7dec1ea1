// The parser's fast paths give what the plain paths give: the joint feature numbering of the two
// learned readers, a stored model's lazily built feature map, the folds' skip for text with nothing
// to fold, and the family matcher's skip of spans that can match nothing.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { JointFeatureIds } from '../../src/domain/parse/feature-ids.ts';
import { foldSound, foldText } from '../../src/domain/parse/fold.ts';
import { createParser } from '../../src/domain/parse/index.ts';
import { SoftmaxModel, trainSoftmax, type Example } from '../../src/domain/text/softmax.ts';

const lexicon = loadItemLexicon(resolve(import.meta.dirname, '../../config'));

// A toy task: which of three words a short "post" leans to.
const examples: Example[] = [
  { features: ['w:药', 'c1:求', 'len:short'], label: 'request' },
  { features: ['w:药', 'c1:有', 'w:门口'], label: 'offer' },
  { features: ['w:谢谢', 'c1:谢'], label: 'thanks' },
  { features: ['c1:求', 'w:急'], label: 'request' },
  { features: ['c1:有', 'w:自取'], label: 'offer' },
  { features: ['w:谢谢', 'w:收到'], label: 'thanks' },
];

describe('feature ids', () => {
  const trained = trainSoftmax(examples);
  const stored = SoftmaxModel.fromData(trained.data());

  it('a model counts each feature once, in the order first named, and drops unknown ones', () => {
    const ids = trained.idsOf(['w:药', 'c1:求', 'w:药', 'nope', 'c1:求', 'w:急']);
    expect(ids).toEqual(trained.idsOf(['w:药', 'c1:求', 'w:急']));
    expect(new Set(ids).size).toBe(3);
    // A second post is not affected by the marks of the first.
    expect(trained.idsOf(['w:急', 'w:药'])).toEqual([ids[2], ids[0]]);
    expect(trained.predict(['w:药', 'w:药', 'c1:求'])).toEqual(trained.predict(['w:药', 'c1:求']));
  });

  it('a stored model, its map built on first need, predicts what the trained one does', () => {
    for (const e of [...examples, { features: ['w:谢谢', 'w:药', 'unknown'], label: '' }]) {
      expect(stored.predict(e.features)).toEqual(trained.predict(e.features));
      expect(stored.probabilityOf(e.features, 'offer')).toBe(trained.probabilityOf(e.features, 'offer'));
      expect(stored.predictIds(stored.idsOf(e.features))).toEqual(stored.predict(e.features));
    }
    expect(stored.data().features).toEqual(trained.data().features);
  });

  it('one joint numbering gives each model the ids its own map gives', () => {
    const other = trainSoftmax([
      { features: ['w:门口', 'rule:offer', 'w:自取'], label: 'true' },
      { features: ['c1:求', 'rule:request'], label: 'false' },
    ]);
    const joint = new JointFeatureIds([trained.data().features, other.data().features]);
    const posts = [
      ['w:药', 'w:门口', 'rule:offer', 'w:药', 'c1:有', 'nope'],
      ['rule:request', 'c1:求', 'w:谢谢', 'rule:request'],
      ['nothing', 'known'],
    ];
    for (const features of posts) {
      const ids = joint.idsOf(features);
      expect(new Set(ids).size).toBe(ids.length);
      expect(joint.forModel(0, ids)).toEqual(trained.idsOf(features));
      expect(joint.forModel(1, ids)).toEqual(other.idsOf(features));
    }
  });
});

describe('folds', () => {
  it('text with nothing to fold comes back as it is; the rest folds, keeping its length', () => {
    for (const plain of ['3号楼谁家有体温计', '我家有布洛芬,放门口了', '']) expect(foldText(plain)).toBe(plain);
    const cases: [string, string][] = [
      ['誰家有退燒藥', '谁家有退烧药'],
      ['俺家木有感冒药了', '我家没有感冒药了'],
      ['边个屋企有口罩', '哪个家里有口罩'],
      ['有没得退烧贴?等一哈', '有没有退烧贴?等一下'],
      ['冇人回', '没人回'],
    ];
    for (const [text, folded] of cases) {
      expect(foldText(text)).toBe(folded);
      expect(foldText(text)).toHaveLength(text.length);
    }
  });

  it('sound-alike characters fold only where there are some', () => {
    expect(foldSound('布诺芬和板兰根')).toBe('布洛芬和板蓝根');
    expect(foldSound('抗元')).toBe('抗原');
    const plain = '谁家有口罩';
    expect(foldSound(plain)).toBe(plain);
  });
});

describe('medicines known by their form', () => {
  const parser = createParser(lexicon);
  const names = (text: string) => parser.extractItems(text).map((i) => i.name);

  it('a drug name by its syllables, a name by its dosage form, a listed name continued', () => {
    expect(names('有人有奥司他韦吗,老人流感了')).toContain('奥司他韦');
    expect(names('我这儿还剩半盒蒲地蓝消炎片')).toContain('蒲地蓝消炎片');
    expect(names('想求一板头孢克肟')).toContain('头孢克肟');
  });

  it('an everyday word that ends like a form is not a medicine', () => {
    expect(names('发几张照片给大家看看')).toEqual([]);
    expect(names('吃完饭下楼散步去了')).toEqual([]);
  });
});
