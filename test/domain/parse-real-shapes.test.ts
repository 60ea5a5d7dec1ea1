// Shapes of real group posts that the written dev set lacks (issue 8). Every phrasing here is the
// project's own, written to stand for a family of posts, not copied from any dev set.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { createParser, mainCategory } from '../../src/domain/parse/index.ts';

const parser = createParser(loadItemLexicon(resolve(import.meta.dirname, '../../config')));
const read = (text: string) => parser.parse(text);
const names = (text: string) => read(text).items.map((i) => `${i.name}/${i.category}`);

describe('items known by form and family, not by a list', () => {
  it.each([
    ['谁家有氯沙坦钾片,我爸的降压药吃完了', '氯沙坦钾片/other_medicine'],
    ['有没有人家里有奥司他韦,孩子甲流', '奥司他韦/other_medicine'],
    ['求一盒孟鲁司特钠颗粒', '孟鲁司特钠颗粒/other_medicine'],
    ['我家有牛黄解毒片,上火的可以来拿', '牛黄解毒片/other_medicine'],
    ['有没有治过敏的药,身上起疹子了', '治过敏的药/other_medicine'],
    ['谁有头孢克肟,发炎了', '头孢克肟/other_medicine'],
  ])('%s', (text, item) => {
    expect(names(text)).toContain(item);
  });

  it('places a medicine by what it treats', () => {
    expect(mainCategory(read('谁家有止咳化痰的口服液'))).toBe('cough_medicine');
    expect(mainCategory(read('有没有退热的颗粒,大人吃的'))).toBe('fever_medicine');
  });

  it('keeps everyday words that end like a dosage form out (照片, 肉丸 is food, 吃药)', () => {
    expect(names('谁家打印机能打照片')).toEqual([]);
    expect(names('谁家有速冻肉丸,孩子想吃')).toEqual(['肉丸/food']);
    expect(names('老人按时吃药了吗')).toEqual([]);
  });

  it.each([
    ['谁家有大葱?炒菜差一根', 'food'],
    ['冻了好多小鸡腿,谁要来拿', 'food'],
    ['家里西葫芦吃不完,放门口了', 'food'],
    ['谁家有多的灯泡,卫生间的坏了', 'daily_supplies'],
    ['煤气罐空了谁家能借一个', 'daily_supplies'],
    ['猫粮快没了谁家有多的', 'daily_supplies'],
    ['小区有没有电工?家里跳闸了', 'help_service'],
  ])('everyday things: %s -> %s', (text, category) => {
    expect(mainCategory(read(text))).toBe(category);
  });

  it('reads a lost person as a search for them, an urgent request', () => {
    const r = read('我家老爷子早上出门到现在没回家,穿灰棉袄,看到的邻居联系我');
    expect(r.intent).toBe('request');
    expect(r.items).toEqual([{ name: '寻人', category: 'help_service' }]);
    const kid = read('5岁男孩在小区广场走丢了,穿红衣服,急!');
    expect(kid.intent).toBe('request');
    expect(kid.urgent).toBe(true);
  });

  it('reads a search that ended as news, not a withdrawn ask', () => {
    expect(read('孩子在超市门口找到了,谢谢大家').intent).not.toBe('cancel');
    expect(read('老人找到了,在菜市场').intent).toBe('info');
  });
});

describe('numbers that are not items', () => {
  it.each(['我爸84岁了,烧到39度2,谁家有退烧药', '我住84号楼,谁家有退烧药', '999元一箱的那种不要,谁家有退烧药'])('%s', (text) => {
    const r = read(text);
    expect(r.items.map((i) => i.name)).toEqual(['退烧药']);
  });

  it('still reads 84 and 999 as the products when they are', () => {
    expect(names('谁家有84,要消毒')).toEqual(['84/disinfectant']);
    expect(names('求一盒999感冒灵')).toEqual(['999感冒灵/cold_medicine']);
  });

  it('makes an 84-year-old the patient and elderly', () => {
    expect(read('我爸84岁了,烧到39度2,谁家有退烧药').forWhom).toBe('elderly');
  });
});

describe('a child fever medicine said with a particle', () => {
  it.each(['谁家有宝宝的退烧药', '求孩子能吃的退烧药', '有没有小孩用的退热药', '儿童的布洛芬谁家有'])('%s', (text) => {
    expect(mainCategory(read(text))).toBe('child_fever_medicine');
    expect(read(text).forWhom).toBe('child');
  });

  it('keeps an adult tablet adult even for a child (the match notice flags it)', () => {
    expect(mainCategory(read('孩子的布洛芬片谁家有'))).toBe('fever_medicine');
  });
});

describe('intent from the shape of the sentence', () => {
  it.each([
    ['有人家里有多的口罩吗?', 'request'],
    ['我能要一个吗?', 'request'],
    ['你们剩下的我都要', 'request'],
    ['团长,明天还可以团牛奶吗?', 'request'],
    ['米就剩一顿的了,怎么办啊', 'request'],
    ['谁拿错了我的快递请放回原处', 'request'],
  ])('asks: %s', (text, intent) => {
    expect(read(text).intent).toBe(intent);
  });

  it.each([
    ['我提供两盒连花清瘟', 'offer'],
    ['还有缺抗原的吗?我多领了几盒,自己来拿', 'offer'],
    ['这个药可以吗?', 'offer'],
    ['我愿意跟你换', 'offer'],
    ['志愿者马上赶过去', 'offer'],
    ['需要体温计吗?我家有两个', 'offer'],
  ])('offers: %s', (text, intent) => {
    expect(read(text).intent).toBe(intent);
  });

  it.each(['给咱们的志愿者点赞!', '物业小哥太热心了,了不起'])('praise is thanks: %s', (text) => {
    expect(read(text).intent).toBe('thanks');
  });

  it.each(['收到!', '好的收到'])('a bare acknowledgement is not thanks: %s', (text) => {
    expect(read(text).intent).toBe('other');
  });

  it('thanks for a problem solved is thanks, not a withdrawal', () => {
    expect(read('太感谢您帮我解决了大问题!').intent).toBe('thanks');
  });

  it('an organiser telling everyone to collect is a notice', () => {
    expect(read('团的牛奶已经拉回来了,放在物业,大家自己去取').intent).toBe('info');
    expect(read('40份饺子在一楼大厅,大家自提').intent).toBe('info');
  });

  it('asking permission offers nothing', () => {
    expect(read('请问我能出小区买菜吗?').intent).toBe('other');
  });
});

describe('exchanges: the item asked for comes first (the contract category is what is needed)', () => {
  it.each([
    ['我家有两盒抗原,想换点布洛芬', ['布洛芬', '抗原']],
    ['用一箱苹果换一板鸡蛋', ['鸡蛋', '苹果']],
    ['谁家有奶粉,我拿尿不湿跟你换', ['奶粉', '尿不湿']],
    ['教孩子弹琴换两斤排骨', ['排骨']],
  ])('%s', (text, order) => {
    const r = read(text);
    expect(r.intent).toBe('both');
    expect(r.items.map((i) => i.name).slice(0, order.length)).toEqual(order);
  });
});

describe('confidence', () => {
  it('is a probability: the rules’ measured precision where a rule spoke, the model’s where none did', () => {
    const plain = read('谁家有布洛芬?孩子发烧了');
    expect(plain.confidence).toBeGreaterThan(0.75);
    expect(read('谁家有体温计?').confidence).toBe(plain.confidence); // one rule, one precision
    for (const text of ['车子排队进园区', '嗯嗯', '明天几点发菜', '我家有', '谢谢大家']) {
      const c = read(text).confidence;
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });
});
