// Reading grid workers' reports as they really write them: short, spoken, several events in a
// message. The core is negation (没听见 is not "heard") and someone else answering (闺女接的 is
// not the person). Items come from the real lexicon (config/items.yaml) through the parser.
import { describe, expect, it } from 'vitest';
import { createParser } from '../../src/domain/parse/index.ts';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { analyzeReport, readCorrection, type ReportAnalysis } from '../../src/domain/callbacks/index.ts';

const parser = createParser(loadItemLexicon('config'));
const read = (text: string): ReportAnalysis => analyzeReport(text, (t) => parser.extractItems(t));
const needs = (text: string) =>
  read(text)
    .needs.map((n) => n.name)
    .sort();

describe('not reached is never reached', () => {
  const cases: [string, string][] = [
    ['老太太没听见，估计耳背', 'not_heard'],
    ['打了没听到电话', 'not_heard'],
    ['响了半天没人接', 'no_answer'],
    ['电话一直没人接听', 'no_answer'],
    ['手机关机了', 'switched_off'],
    ['她手机没电了，关机', 'switched_off'],
    ['号码停机了', 'out_of_service'],
    ['打过去提示是空号', 'out_of_service'],
    ['一直占线', 'busy'],
    ['正在通话中，等会再打', 'busy'],
    ['打不通', 'no_contact'],
    ['电话打不同', 'no_contact'],
    ['联系不上，也不回', 'no_contact'],
    ['去敲门没人应', 'no_one_home'],
    ['上门了，家里没人', 'no_one_home'],
    ['不在家，出去买菜了，晚上再打', 'away'],
    ['没关机，就是没人接', 'no_answer'],
    ['不是没人接，是关机', 'switched_off'],
  ];
  for (const [text, reason] of cases) {
    it(`${text} -> unreachable (${reason})`, () => {
      expect(read(text)).toMatchObject({ outcome: 'unreachable', reason, clears: false });
    });
  }

  it('counts the attempts the words give', () => {
    expect(read('打了三次都没接').attempts).toBe(3);
    expect(read('打了好几遍都没人接').attempts).toBe(3);
    expect(read('还是没人接').attempts).toBe(1);
    expect(read('上午没接，下午打了还是没接').attempts).toBe(2);
    // Two words for one try.
    expect(read('号码好像停机了，提示是空号').attempts).toBe(1);
  });

  it('a connection that went dead is not a reach; why an earlier try failed does not undo one', () => {
    expect(read('电话通了没人说话，挂了再打就关机了').outcome).toBe('unreachable');
    expect(read('下午打通了，耳朵背没听见铃声，人挺好')).toMatchObject({ outcome: 'reached', clears: true });
  });

  it('keeps someone sent to check with the miss', () => {
    expect(read('电话没人接 让楼长去看了')).toMatchObject({ outcome: 'unreachable', reason: 'no_answer', checkBy: '楼长' });
    expect(read('让邻居去敲门看看')).toMatchObject({ outcome: 'unreachable', checkBy: '邻居' });
    expect(read('没打通，麻烦物业上门看一下')).toMatchObject({ outcome: 'unreachable', checkBy: '物业' });
    expect(read('那边没人接，已经让她楼上邻居去看了')).toMatchObject({ outcome: 'unreachable', checkBy: '邻居' });
  });

  it('notes a retry the worker plans, not one already made', () => {
    expect(read('关机了晚点再打')).toMatchObject({ outcome: 'unreachable', reason: 'switched_off', retry: true });
    expect(read('上午没接，下午打了还是没接').retry).toBe(false);
  });
});

describe('someone else answered', () => {
  const cases: [string, string, 'answered' | 'visited' | 'told'][] = [
    ['家属接的', '家属', 'answered'],
    ['他闺女接的 说老人睡了', '闺女', 'answered'],
    ['电话是她儿子接的，说去医院复查了', '儿子', 'answered'],
    ['接电话的是保姆，说老人在午睡', '保姆', 'answered'],
    ['她老伴接的，说她在洗澡', '老伴', 'answered'],
    ['没人接，打给她女儿，女儿说在家呢', '女儿', 'told'],
    ['邻居说她早上还在楼下遛弯', '邻居', 'told'],
    ['楼长去看了，说人没事', '楼长', 'visited'],
    ['没人接，让邻居去敲门，邻居说她在家挺好', '邻居', 'visited'],
    // The line connected, but not to the person.
    ['打通了是保姆接的，老人在午睡，保姆说一切正常', '保姆', 'answered'],
    ['接通了，是她女儿接的', '女儿', 'answered'],
    ['打通了，她女儿说挺好', '女儿', 'told'],
  ];
  for (const [text, who, how] of cases) {
    it(`${text} -> proxy (${who})`, () => {
      expect(read(text)).toMatchObject({ outcome: 'proxy', proxy: { who, how } });
    });
  }

  it('keeps what family says about the person', () => {
    const r = read('她儿子接的，说老人发烧了，家里没有退烧药');
    expect(r.outcome).toBe('proxy');
    expect(r.flags).toContain('fever');
    expect(r.needs.map((n) => n.category)).toContain('fever_medicine');
  });
});

describe('reached after all', () => {
  const cases: [string, 'reached' | 'visited'][] = [
    ['上午打了没接 下午接了', 'reached'],
    ['上午没人接，下午再打通了，挺好', 'reached'],
    ['第一次没接，后来回电话了', 'reached'],
    ['老伴接了，后来她自己也说了几句，精神不错', 'reached'],
    ['老人自己接的，挺好', 'reached'],
    ['喊了半天才听见，没事', 'reached'],
    ['她没听清我说啥，喊了几遍才明白，没事', 'reached'],
    ['接了，就是说话听不清', 'reached'],
    ['打不通，我就上门看了，挺好', 'visited'],
    ['我去敲门了，她在家，挺好的', 'visited'],
    ['上门看了，人没事，手机没电了', 'visited'],
    ['挺好的，就是儿子不在家', 'reached'],
    ['电话打通了，挺好，儿子说下周回来', 'reached'],
    ['电话没打通，微信语音她接了，挺好', 'reached'],
  ];
  for (const [text, outcome] of cases) {
    it(`${text} -> ${outcome}`, () => {
      expect(read(text).outcome).toBe(outcome);
    });
  }
});

describe('needs', () => {
  it('reads 缺X, 没有X了, X快吃完了, 想要X', () => {
    expect(needs('缺降压药')).toEqual(['降压药']);
    expect(needs('家里没有体温计了')).toEqual(['体温计']);
    expect(needs('鸡蛋快吃完了')).toEqual(['鸡蛋']);
    expect(needs('牛奶喝完了')).toEqual(['牛奶']);
    expect(needs('想要个体温计')).toEqual(['体温计']);
  });

  it('asks only for what is missing', () => {
    expect(needs('有退烧药，没有体温计')).toEqual(['体温计']);
    expect(needs('退烧药有，就是缺口罩')).toEqual(['口罩']);
  });

  it('turns "nobody can go out and buy" into an errand, a named thing into the thing', () => {
    expect(read('家里没人能出门买药').needs).toEqual([{ name: '帮忙买药', category: 'help_service' }]);
    expect(read('需要人帮忙买菜').needs).toEqual([{ name: '帮忙买菜', category: 'help_service' }]);
    expect(needs('没人帮她买点东西')).toEqual(['帮忙买东西']);
    expect(needs('需要人帮忙买降压药')).toEqual(['降压药']);
  });

  it('reads no need where there is none', () => {
    expect(read('家里啥也不缺')).toMatchObject({ needs: [], clears: true });
    expect(read('药够吃，不用买')).toMatchObject({ needs: [], clears: true });
    expect(needs('没发烧，也不咳嗽')).toEqual([]);
  });

  it('flags missing medicine, not a missing thermometer', () => {
    expect(read('发烧38度2，没药了').flags).toEqual(expect.arrayContaining(['fever', 'no_medicine']));
    expect(read('想要个体温计').flags).not.toContain('no_medicine');
  });
});

describe('deliveries', () => {
  it('the worker took it from the pickup point', () => {
    const r = read('张柱业的退烧药我从爱心药领取处拿了送过去了');
    expect(r.outcome).toBe('delivery');
    expect(r.delivered).toMatchObject({ by: 'worker', fromPickup: true, count: 1 });
    expect(r.delivered!.items.map((i) => i.name)).toEqual(['退烧药']);
  });

  it('reads how many and who brought it', () => {
    expect(read('我从领取处拿了两盒布洛芬给她送过去了').delivered).toMatchObject({ by: 'worker', fromPickup: true, count: 2 });
    expect(read('止咳药邻居给送了').delivered).toMatchObject({ by: '邻居', fromPickup: false });
    expect(read('降压药他儿子给买了').delivered).toMatchObject({ by: '儿子' });
  });

  it('a planned delivery is not one, nor is a trip to hospital', () => {
    expect(read('药我下午给她送过去').delivered).toBeNull();
    expect(read('儿子把她送到医院了').delivered).toBeNull();
    expect(read('儿子把她送到医院了').flags).toContain('needs_doctor');
  });

  it('a call with a delivery stays a call', () => {
    const r = read('打通了，挺好，退烧药我已经送过去了');
    expect(r.outcome).toBe('reached');
    expect(r.clears).toBe(true);
    expect(r.delivered).toMatchObject({ by: 'worker' });
  });
});

describe('negated good news and symptoms', () => {
  it('不是很好 is not good news; 不是发烧 is no fever', () => {
    expect(read('不是很好，有点咳').clears).toBe(false);
    expect(read('她说不是发烧，是着凉了').flags).not.toContain('fever');
    expect(read('没再烧了').flags).not.toContain('fever');
  });
});

describe('corrections', () => {
  it('reads what the record should say instead', () => {
    expect(readCorrection('不对')).toEqual({ content: '', wrongPerson: false });
    expect(readCorrection('不对，改成没接通')).toEqual({ content: '没接通', wrongPerson: false });
    expect(readCorrection('改成家属接的')).toEqual({ content: '家属接的', wrongPerson: false });
    expect(readCorrection('张柱业不是正常，是没人接')).toEqual({ content: '张柱业没人接', wrongPerson: false });
    expect(readCorrection('记错人了，是姜玉芬没接')).toEqual({ content: '姜玉芬没接', wrongPerson: true });
    expect(readCorrection('刚才那条记错了')).toEqual({ content: '', wrongPerson: false });
  });

  it('leaves reports that merely contain 不是 alone', () => {
    expect(readCorrection('她说不是发烧，是着凉了')).toBeNull();
    expect(readCorrection('张柱业挺好')).toBeNull();
    expect(readCorrection('不是很舒服')).toBeNull();
  });
});
