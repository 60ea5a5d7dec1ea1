// Follow-ups in a mutual-aid thread: alternatives offered by the asker, one more thing asked,
// a single-item swap, counter-questions, bare 'X的' choices, a parent said to be old, an offer run out.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { createParser, toContract, type Parser } from '../../src/domain/parse/index.ts';

let p: Parser;
beforeAll(() => {
  p = createParser(loadItemLexicon(resolve(import.meta.dirname, '../../config')));
});
const names = (text: string) => p.parse(text).items.map((i) => `${i.name}/${i.category}`);

describe('the asker offers an alternative: request with the item, leaning on the thread', () => {
  it.each([
    ['没有美林的话布洛芬片也行', '布洛芬片/fever_medicine'],
    ['布洛芬也可以', '布洛芬/fever_medicine'],
    ['泰诺林也行', '泰诺林/child_fever_medicine'],
    ['美林没有的话泰诺林也行', '泰诺林/child_fever_medicine'],
    ['没有泰诺林的话美林也可以', '美林/child_fever_medicine'],
    ['对乙酰氨基酚也行', '对乙酰氨基酚/fever_medicine'],
    ['连花清瘟也可以', '连花清瘟/cold_medicine'],
    ['感冒灵也行的', '感冒灵/cold_medicine'],
    ['抗原也行', '抗原/antigen_test'],
    ['没有退烧药的话退烧贴也行', '退烧贴/other_medicine'],
    ['口罩也可以', '口罩/mask'],
    ['止咳糖浆也行', '止咳糖浆/cough_medicine'],
  ])('%s', (text, item) => {
    const r = p.parse(text);
    expect(r.intent).toBe('request');
    expect(names(text)).toEqual([item]);
    expect(r.contextDependent).toBe(true);
  });
});

describe('one more thing asked: request', () => {
  it.each([
    ['还需要一个体温计', '体温计/thermometer'],
    ['还需要一个口罩', '口罩/mask'],
    ['还缺一盒抗原', '抗原/antigen_test'],
    ['另外还需要两个口罩', '口罩/mask'],
    ['我还需要一瓶酒精', '酒精/disinfectant'],
    ['还差一个体温计', '体温计/thermometer'],
    ['还要一盒布洛芬', '布洛芬/fever_medicine'],
    ['再要一包尿不湿', '尿不湿/baby_supplies'],
    ['还缺一瓶止咳糖浆', '止咳糖浆/cough_medicine'],
    ['还差两包纸尿裤', '纸尿裤/baby_supplies'],
    ['还需要一盒连花清瘟', '连花清瘟/cold_medicine'],
  ])('%s', (text, item) => {
    expect(p.parse(text).intent).toBe('request');
    expect(names(text)).toEqual([item]);
  });
});

describe('one thing held, open to a swap, nothing named as wanted: offer', () => {
  it.each([
    ['我有布洛芬,可以换', '布洛芬/fever_medicine'],
    ['我家有抗原,可以换', '抗原/antigen_test'],
    ['我有两盒连花清瘟,能换', '连花清瘟/cold_medicine'],
    ['我家有口罩,可以置换', '口罩/mask'],
    ['我有体温计 可以交换', '体温计/thermometer'],
    ['有多的酒精,可以换', '酒精/disinfectant'],
    ['我这有一罐奶粉,可以换', '奶粉/baby_supplies'],
    ['我家有多的鸡蛋,能换', '鸡蛋/food'],
    ['我有N95,可以交换', 'N95/mask'],
    ['家里有两盒感冒灵,可以置换', '感冒灵/cold_medicine'],
  ])('%s', (text, item) => {
    expect(p.parse(text).intent).toBe('offer');
    expect(names(text)).toEqual([item]);
  });

  it.each(['我有抗原,可以换布洛芬', '我有布洛芬,想换抗原', '我家有n95 缺体温计 可以换'])('%s names what is wanted: both', (text) => {
    expect(p.parse(text).intent).toBe('both');
  });
});

describe("a helper's counter-question keeps its items: offer, leaning on the thread", () => {
  it.each([
    ['你要布洛芬还是对乙酰氨基酚?', ['布洛芬/fever_medicine', '对乙酰氨基酚/fever_medicine']],
    ['对乙酰氨基酚可以吗?', ['对乙酰氨基酚/fever_medicine']],
    ['你要美林还是泰诺林?', ['美林/child_fever_medicine', '泰诺林/child_fever_medicine']],
    ['要连花清瘟还是感冒灵?', ['连花清瘟/cold_medicine', '感冒灵/cold_medicine']],
    ['布洛芬还是对乙酰氨基酚?我都有', ['布洛芬/fever_medicine', '对乙酰氨基酚/fever_medicine']],
    ['泰诺林可以吗?', ['泰诺林/child_fever_medicine']],
    ['感冒灵行吗?', ['感冒灵/cold_medicine']],
    ['布洛芬要吗?', ['布洛芬/fever_medicine']],
    ['给你拿布洛芬可以吗', ['布洛芬/fever_medicine']],
    ['体温计要不要?', ['体温计/thermometer']],
    ['布洛芬也可以吗?', ['布洛芬/fever_medicine']],
  ])('%s', (text, items) => {
    const r = p.parse(text);
    expect(r.intent).toBe('offer');
    expect(names(text)).toEqual(items);
    expect(r.contextDependent).toBe(true);
    expect(r.question).toBe(true);
  });

  it.each(['孩子发烧吃布洛芬还是对乙酰氨基酚好?', '布洛芬可以吃吗'])('%s is a medical question, not an offer', (text) => {
    expect(p.parse(text).intent).toBe('other');
  });
});

describe('a question about where states no location', () => {
  it.each([
    '5单元的还是6单元的?',
    '3号楼还是5号楼的?',
    '4楼还是5楼?',
    '你是5单元的吗?',
    '是2栋还是3栋?',
    '你住12楼吗?',
    '9号楼还是10号楼啊?',
    '您是3单元的吗',
    '1单元的还是2单元的呢?',
    '你在6号楼吗?',
  ])('%s', (text) => {
    const r = toContract(p.parse(text));
    expect(r.location).toEqual({ building: null, unit: null, floor: null, room: null });
    expect(r.intent).toBe('other');
  });

  it.each([
    ['5单元的谁家有布洛芬?', '5'],
    ['我在5单元,谁家有布洛芬', '5'],
  ])('%s still states its unit', (text, unit) => {
    expect(p.parse(text).location.unit).toBe(unit);
  });
});

describe("bare 'X的' in a list of choices names the thing", () => {
  it.each([
    ['孩子5岁,止咳的退烧的都行', ['止咳的/cough_medicine', '退烧的/fever_medicine']],
    ['孩子3岁,止咳的退烧的都行', ['止咳的/cough_medicine', '退烧的/fever_medicine']],
    ['退烧的或者止咳的都可以', ['退烧的/fever_medicine', '止咳的/cough_medicine']],
    ['退烧的都行,孩子烧到39度', ['退烧的/fever_medicine']],
    ['老人咳得厉害,止咳的都行', ['止咳的/cough_medicine']],
    ['止痛的退烧的都可以', ['止痛的/fever_medicine', '退烧的/fever_medicine']],
    ['退热的和止咳的都行', ['退热的/fever_medicine', '止咳的/cough_medicine']],
    ['宝宝咳嗽,止咳的就行', ['止咳的/cough_medicine']],
    ['家里老人发烧,退烧的就可以', ['退烧的/fever_medicine']],
    ['退烧的、止咳的都行', ['退烧的/fever_medicine', '止咳的/cough_medicine']],
  ])('%s', (text, items) => {
    expect(p.parse(text).intent).toBe('request');
    expect(names(text)).toEqual(items);
  });

  it('孩子5岁 says who it is for', () => {
    expect(p.parse('孩子5岁,止咳的退烧的都行').forWhom).toBe('child');
  });

  it.each(['吃了退烧的还是烧', '孩子刚退烧的,还有点咳', '要退烧的话多喝水'])('%s names nothing', (text) => {
    expect(toContract(p.parse(text)).items).toEqual([]);
  });
});

describe('a parent said to be old is elderly', () => {
  it.each([
    '谁家有布洛芬?我爸发烧了,老人家78了',
    '我妈阳了,老人家七十多了,谁家有抗原',
    '我爸咳嗽得厉害,80岁了,谁有止咳药',
    '我婆婆烧到39度,老人家身体不好,求退烧药',
    '我妈发烧了,老人家82了,谁家有退烧药',
    '求布洛芬,我爸发烧了,老人家快80了',
    '我公公咳嗽,老人家70了,有没有止咳糖浆',
    '谁家有体温计?我妈头疼,老人家身体弱',
    '我母亲发烧了,老人家八十了,求退烧药',
    '我岳父阳了,老人家七十五了,谁家有抗原',
  ])('%s', (text) => {
    expect(p.parse(text).forWhom).toBe('elderly');
  });

  it('老公发烧了,家里还有老人 stays unknown', () => {
    expect(p.parse('老公发烧了,家里还有老人,求布洛芬').forWhom).toBe('unknown');
  });
});

describe('an offer run out: other, exposed as exhausted, contract unchanged', () => {
  it.each([
    '抗原已经被领完了',
    '我的抗原都送完了,没有了',
    '布洛芬已经被领完了',
    '我的口罩都送完了',
    '抗原都被拿光了,不好意思',
    '药都分完了,谢谢大家关注',
    '退烧药已经送完了,没有了',
    '口罩已经发完了',
    '鸡蛋都被要走了',
    '我家的连花清瘟都送光了',
    '体温计被借走了,不好意思',
  ])('%s', (text) => {
    const r = p.parse(text);
    expect(r.intent).toBe('other');
    expect(r.exhausted).toBe(true);
    expect(Object.keys(toContract(r)).sort()).toEqual(['contextDependent', 'forWhom', 'intent', 'items', 'location', 'text', 'urgent']);
  });

  it.each(['药店的布洛芬被抢光了,谁家有', '我家有抗原,需要的来拿'])('%s is not exhausted', (text) => {
    expect(p.parse(text).exhausted).toBe(false);
  });
});
