// Behaviour of the message parser: location forms, item words, who, urgency, thread context, hints.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { createParser, toContract, type Parser } from '../../src/domain/parse/index.ts';

let p: Parser;
beforeAll(() => {
  p = createParser(loadItemLexicon(resolve(import.meta.dirname, '../../config')));
});
const items = (text: string) => p.parse(text).items.map((i) => `${i.name}/${i.category}`);
const where = (text: string) =>
  Object.values(p.parse(text).location)
    .map((v) => v ?? '-')
    .join(',');

describe('location', () => {
  it.each([
    ['2号楼的老人需要退烧药', '2,-,-,-'],
    ['二号楼有人发烧了,谁家有布洛芬', '2,-,-,-'],
    ['9栋谁有抗原', '9,-,-,-'],
    ['11幢的邻居有没有口罩', '11,-,-,-'],
    ['3-2-301 求体温计', '3,2,-,301'],
    ['地址:15-3-1502,谁家有感冒药', '15,3,-,1502'],
    ['5号楼1102需要美林', '5,-,-,1102'],
    ['6号楼3单元有没有酒精', '6,3,-,-'],
    ['我住在四楼,谁家有退烧贴', '-,-,4,-'],
    ['我家在十二层,求几个口罩', '-,-,12,-'],
    ['九楼903,求止咳药', '-,-,9,903'],
    ['1102室的老人需要帮忙', '-,-,-,1102'],
    ['C座2单元有没有板蓝根', 'C,2,-,-'],
    ['三号楼五楼,谁家有胃药', '3,-,5,-'],
  ])('%s -> %s', (text, expected) => {
    expect(where(text)).toBe(expected);
  });

  it.each([
    '急！120一直打不通,谁家有速效救心丸',
    '谁家有5号电池,遥控器没电了',
    '孩子烧到38.5度,体温计显示385',
    '12351是什么电话',
    '家里84用完了,谁有',
    '买了10个口罩,2022年最难的冬天',
    '谁家有999感冒灵',
  ])('reads no room or building from numbers that are not homes: %s', (text) => {
    const l = p.parse(text).location;
    expect(l.building).toBeNull();
    expect(l.room).toBeNull();
  });
});

describe('items', () => {
  it('keeps typos and traditional characters as written, with the right category', () => {
    expect(items('谁家有布诺芬')).toEqual(['布诺芬/fever_medicine']);
    expect(items('求莲花清瘟')).toEqual(['莲花清瘟/cold_medicine']);
    expect(items('有没有连花清温胶囊')).toEqual(['连花清温胶囊/cold_medicine']);
    expect(items('谁有对乙酰氨基芬')).toEqual(['对乙酰氨基芬/fever_medicine']);
    expect(items('請問誰家有退燒藥')).toEqual(['退燒藥/fever_medicine']);
  });

  it('recognises child formulations', () => {
    expect(items('求小儿退烧药')).toEqual(['小儿退烧药/child_fever_medicine']);
    expect(items('谁家有宝宝退烧药')).toEqual(['宝宝退烧药/child_fever_medicine']);
    expect(items('谁有布洛芬混悬液')).toEqual(['布洛芬混悬液/child_fever_medicine']);
    expect(items('谁家有对乙酰氨基酚滴剂')).toEqual(['对乙酰氨基酚滴剂/child_fever_medicine']);
    expect(items('有没有泰诺林')).toEqual(['泰诺林/child_fever_medicine']);
    expect(items('谁家有泰诺')).toEqual(['泰诺/fever_medicine']);
    expect(items('求儿童止咳药水')).toEqual(['儿童止咳药水/cough_medicine']);
  });

  it('covers brands residents use beyond the contract examples', () => {
    expect(items('谁家有散利痛')).toEqual(['散利痛/fever_medicine']);
    expect(items('求快克或者氨酚烷胺')).toEqual(['快克/cold_medicine', '氨酚烷胺/cold_medicine']);
    expect(items('谁家有布洛芬缓释胶囊')).toEqual(['布洛芬缓释胶囊/fever_medicine']);
    expect(items('想借血氧仪')).toEqual(['血氧仪/other_medicine']);
    expect(items('谁家有制氧机')).toEqual(['制氧机/other_medicine']);
    expect(items('谁有安宫牛黄丸')).toEqual(['安宫牛黄丸/other_medicine']);
    expect(items('求一次性口罩')).toEqual(['一次性口罩/mask']);
    expect(items('谁能帮忙代购,顺便送医')).toEqual(['代购/help_service', '送医/help_service']);
  });

  it('reads one-character food words only when they stand alone', () => {
    expect(items('我家有米有面')).toEqual(['米/food', '面/food']);
    expect(items('谁家有多余的挂面,外面买不到')).toEqual(['挂面/food']);
    expect(items('求几个柠檬泡水喝')).toEqual(['柠檬/food']);
  });

  it('drops what was only taken or is broken when something else is asked', () => {
    expect(items('吃了布洛芬胃疼,谁家有胃药')).toEqual(['胃药/stomach_medicine']);
    expect(items('谁有纽扣电池,体温计没电了')).toEqual(['纽扣电池/daily_supplies']);
    expect(items('家里美林用完了,谁家有')).toEqual(['美林/child_fever_medicine']);
  });

  it('names nothing in notices and chat, but extractItems still reads a report', () => {
    expect(p.parse('布洛芬和对乙酰氨基酚别一起吃').items).toEqual([]);
    expect(p.extractItems('发烧38度5,家里没有退烧药,降压药也快吃完了').map((i) => i.name)).toEqual(['退烧药', '降压药']);
  });
});

describe('intent', () => {
  it.each([
    ['谁家有布洛芬?', 'request'],
    ['求两片对乙酰氨基酚', 'request'],
    ['急需美林,孩子烧到39度', 'request'],
    ['体温计可以借一下吗', 'request'],
    ['有没有邻居能帮忙跑腿', 'request'],
    ['我家有布洛芬,需要的说', 'offer'],
    ['有需要的可以来拿,放门口自取', 'offer'],
    ['我也有,泰诺林行不行?', 'offer'],
    ['给你放门口了', 'offer'],
    ['我有抗原,急求退烧药,可以置换', 'both'],
    ['拿两包尿不湿换一罐奶粉', 'both'],
    ['收到了,谢谢', 'thanks'],
    ['药已经拿到了,太感谢了', 'thanks'],
    ['不用了,已经买到了', 'cancel'],
    ['不用了,家里柜子里翻出来一盒', 'cancel'],
    ['药房明早发抗原', 'info'],
    ['温馨提示:出门戴好口罩', 'info'],
    ['我家没有了,帮顶一下', 'other'],
    ['大家晚上好', 'other'],
    ['请问药店还有布洛芬卖吗?', 'other'],
  ])('%s -> %s', (text, intent) => {
    expect(p.parse(text).intent).toBe(intent);
  });
});

describe('forWhom and urgency', () => {
  it.each([
    ['老人发烧了,谁家有退烧药', 'elderly'],
    ['5楼独居大爷需要送药上门', 'elderly'],
    ['孩子咳嗽,谁家有止咳糖浆', 'child'],
    ['我怀孕五个月,发烧了,谁有对乙酰氨基酚', 'pregnant'],
    ['我发烧了,谁家有布洛芬', 'self'],
    ['谁家有退烧药,老公烧到39度', 'unknown'],
    ['谁家有宝宝退烧药', 'child'],
    ['家里有泰诺林,需要的说', 'unknown'],
  ])('%s -> %s', (text, who) => {
    expect(p.parse(text).forWhom).toBe(who);
  });

  it('sees urgency in words, high fever and feverish infants, but not in 不急', () => {
    expect(p.parse('谁家有感冒药?不急,明天放门口就行').urgent).toBe(false);
    expect(p.parse('谁家有黄桃罐头,不着急').urgent).toBe(false);
    expect(p.parse('谁家有急支糖浆').urgent).toBe(false);
    expect(p.parse('谁家有退烧药,在线等').urgent).toBe(true);
    expect(p.parse('孩子烧到39度5了,谁有美林').urgent).toBe(true);
    expect(p.parse('宝宝十个月,发烧了,谁家有滴剂').urgent).toBe(true);
    expect(p.parse('深夜打扰,谁家有布洛芬').urgent).toBe(true);
    expect(p.parse('我家有布洛芬,马上给你送过去').urgent).toBe(false); // offers are not urgent
  });

  it('reads the temperature', () => {
    expect(p.parse('发烧38度8').temperature).toBe(38.8);
    expect(p.parse('孩子38.8度了').temperature).toBe(38.8);
    expect(p.parse('烧到39度5').temperature).toBe(39.5);
    expect(p.parse('老人烧到39了').temperature).toBe(39);
    expect(p.parse('体温三十九度五').temperature).toBe(39.5);
    expect(p.parse('谁家有布洛芬').temperature).toBeNull();
  });
});

describe('thread context', () => {
  it.each([
    ['我家有', true],
    ['我这儿有!我给你送过去', true],
    ['+1,我家也需要退烧药', true],
    ['同求!!', true],
    ['收到了,谢谢!', true],
    ['不需要了,谢谢大家', true],
    ['我家没有了,帮顶一下', true],
    ['我家有两盒布洛芬,有需要的来拿', false],
    ['谁家有退烧药?', false],
    ['谢谢物业送来的爱心药', false],
  ])('%s -> contextDependent %s', (text, dependent) => {
    expect(p.parse(text).contextDependent).toBe(dependent);
  });

  it('tells standing offers, deliveries, pickup places and counter-questions apart', () => {
    const standing = p.parse('我有多余的抗原,放一楼保安处了,需要的自取');
    expect([standing.standing, standing.delivered, standing.pickup]).toEqual([true, false, '保安处']);
    const delivered = p.parse('送到了,挂门把手上了');
    expect([delivered.standing, delivered.delivered, delivered.pickup]).toEqual([false, true, '门把手']);
    expect(p.parse('放门卫了,你去拿一下').pickup).toBe('保安处');
    expect(p.parse('几栋?').question).toBe(true);
    expect(p.parse('大人吃的还是孩子吃的?').question).toBe(true);
    expect(p.parse('我也有,泰诺林行不行?').question).toBe(true);
    expect(p.parse('谁家有泰诺林?').question).toBe(false);
  });
});

describe('hints', () => {
  it('fills building, unit and room from the alias, then from the people config', () => {
    const ask = '谁家有退烧药,老人发烧了';
    expect(p.parse(ask, { senderAlias: '3-2-301 王姐' }).location).toEqual({ building: '3', unit: '2', floor: null, room: '301' });
    expect(p.parse(ask, { senderAlias: '5号楼1102李' }).location).toEqual({ building: '5', unit: null, floor: null, room: '1102' });
    expect(p.parse(ask, { senderAlias: '2栋-601' }).location).toEqual({ building: '2', unit: null, floor: null, room: '601' });
    expect(p.parse(ask, { senderAlias: '小王', personLocation: { building: '3', room: '602' } }).location).toEqual({
      building: '3',
      unit: null,
      floor: null,
      room: '602',
    });
  });

  it('keeps what the text states and never copies roomBuilding', () => {
    const a = p.parse('2单元1102,孩子发烧,谁有美林', { personLocation: { building: '3', room: '902' }, roomBuilding: '7' });
    expect(a.location).toEqual({ building: '3', unit: '2', floor: null, room: '1102' });
    expect(p.parse('谁家有美林', { roomBuilding: '7' }).location.building).toBeNull();
    // a stated building elsewhere does not take the sender's own room
    expect(p.parse('1号楼有老人需要退烧药', { senderAlias: '3-2-301 王姐' }).location).toEqual({
      building: '1',
      unit: null,
      floor: null,
      room: null,
    });
  });
});

describe('toContract', () => {
  it('has exactly the contract fields in contract order', () => {
    const c = toContract(p.parse('2号楼老人求退烧药,请大家帮忙'));
    expect(Object.keys(c)).toEqual(['text', 'intent', 'items', 'forWhom', 'location', 'urgent', 'contextDependent']);
    expect(Object.keys(c.location)).toEqual(['building', 'unit', 'floor', 'room']);
    expect(c).toEqual({
      text: '2号楼老人求退烧药,请大家帮忙',
      intent: 'request',
      items: [{ name: '退烧药', category: 'fever_medicine' }],
      forWhom: 'elderly',
      location: { building: '2', unit: null, floor: null, room: null },
      urgent: false,
      contextDependent: false,
    });
  });

  it('exposes lexicon words for the shared segmenter', () => {
    expect(p.userWords).toContain('连花清瘟');
    expect(p.userWords).toContain('保安处');
  });
});
