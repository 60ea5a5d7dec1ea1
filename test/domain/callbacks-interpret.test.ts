import { describe, expect, it } from 'vitest';
import { interpretWorkerMessage, resolveAmbiguity, nicknamesFromNote, type CallbackInterpretation, type RosterEntry } from '../../src/domain/callbacks/index.ts';
import { entry, fakeExtractItems, GRID_DAY } from './callbacks-fixtures.ts';

const OTHER = [
  entry('张柱业', '1', '502', '王芳', 'daily', '独居'),
  entry('刘福贵', '4', '301', '王芳', 'daily', '独居,外号"刘老倔"'),
  entry('刘德胜', '4', '502', '王芳', 'daily', '腿脚不便'),
  entry('李桂兰', '5', '101', '王芳', 'daily', '空巢,大家叫她胖婶'),
  entry('王秀英', '5', '202', '王芳', 'weekly', '独居'),
];
const ROSTER: RosterEntry[] = [...GRID_DAY, ...OTHER];

const as = (worker: string, isAdmin = false) => (text: string) =>
  interpretWorkerMessage(text, { worker, isAdmin, roster: ROSTER, extractItems: fakeExtractItems });
const shao = as('邵婷婷');
const wang = as('王芳');
const admin = as('王晓慧', true);

function report(r: CallbackInterpretation) {
  if (r.kind !== 'report') throw new Error(`expected a report, got ${JSON.stringify(r)}`);
  return r;
}
const needNames = (r: CallbackInterpretation) => report(r).needs.map((n) => n.name).sort();

describe('queries', () => {
  it('due today, not called, status, stats', () => {
    expect(shao('今天要回访哪些人')).toEqual({ kind: 'query', query: 'due_today' });
    expect(shao('今天的回访名单发我一下')).toEqual({ kind: 'query', query: 'due_today' });
    expect(shao('还有谁没打')).toEqual({ kind: 'query', query: 'not_called' });
    expect(shao('谁还没回访?')).toEqual({ kind: 'query', query: 'not_called' });
    expect(shao('还剩几个')).toEqual({ kind: 'query', query: 'not_called' });
    expect(wang('张柱业最近情况')).toMatchObject({ kind: 'query', query: 'status', person: { name: '张柱业' } });
    expect(shao('刘德顺怎么样了?')).toMatchObject({ kind: 'query', query: 'status', person: { name: '刘德顺' } });
    expect(admin('回访统计')).toEqual({ kind: 'query', query: 'stats' });
  });

  it('messages for other features are none', () => {
    expect(shao('库存 布洛芬 +20')).toEqual({ kind: 'none' });
    expect(shao('求助列表')).toEqual({ kind: 'none' });
    expect(shao('好的收到')).toEqual({ kind: 'none' });
    expect(shao('')).toEqual({ kind: 'none' });
  });
});

describe('person resolution', () => {
  it('full name', () => {
    expect(report(shao('张桂兰打过了,挺好的')).entry.name).toBe('张桂兰');
  });

  it('surname + honorific', () => {
    expect(report(shao('刘大爷电话打通了,挺好')).entry.name).toBe('刘德顺');
    expect(report(shao('孙奶奶咳嗽,止咳药没了')).entry.name).toBe('孙玉华');
    expect(report(shao('老周打了,挺好')).entry.name).toBe('周长海');
  });

  it('honorific with the full name in brackets', () => {
    const r = report(wang('刘大爷(刘德胜)降压药快吃完了'));
    expect(r.entry.name).toBe('刘德胜');
    expect(r.needs.map((n) => n.name)).toEqual(['降压药']);
    expect(r.flags).toContain('no_medicine');
  });

  it('nickname written in the note', () => {
    expect(nicknamesFromNote('独居,外号"刘老倔"')).toEqual(['刘老倔']);
    expect(nicknamesFromNote('空巢,大家叫她胖婶')).toEqual(['胖婶']);
    expect(report(wang('刘老倔没人接')).entry.name).toBe('刘福贵');
    expect(report(wang('胖婶正常')).entry.name).toBe('李桂兰');
  });

  it('asks back when two people fit, and narrows by room', () => {
    const r = wang('刘大爷发烧了');
    expect(r.kind).toBe('ambiguous');
    if (r.kind !== 'ambiguous') return;
    expect(r.candidates.map((c) => c.name).sort()).toEqual(['刘德胜', '刘福贵']);
    expect(resolveAmbiguity('刘福贵', r.candidates)?.name).toBe('刘福贵');
    expect(resolveAmbiguity('2', r.candidates)).toBe(r.candidates[1]);
    expect(resolveAmbiguity('502那个', r.candidates)?.name).toBe('刘德胜');
    expect(resolveAmbiguity('不知道', r.candidates)).toBeNull();
    expect(report(wang('4号楼301刘大爷发烧了')).entry.name).toBe('刘福贵');
  });

  it("another worker's person is not found", () => {
    expect(shao('张柱业已回访,在发烧')).toEqual({ kind: 'unknown_person', name: '张柱业' });
    expect(shao('赵大妈没人接')).toEqual({ kind: 'unknown_person', name: '赵大妈' });
    expect(shao('陈桂花电话没人接')).toEqual({ kind: 'unknown_person', name: '陈桂花' });
  });

  it('admins search everyone', () => {
    expect(report(admin('张柱业已回访,在发烧')).entry.worker).toBe('王芳');
  });
});

describe('outcomes, flags and needs', () => {
  it('the grid-day reports', () => {
    const a = report(shao('张桂兰打过了，挺好的，没发烧，吃饭也正常'));
    expect(a).toMatchObject({ outcome: 'reached', flags: [], needs: [], clears: true, danger: [] });

    const b = report(shao('刘德顺电话打通了，发烧38度5，家里没有退烧药，降压药也快吃完了'));
    expect(b.outcome).toBe('reached');
    expect(b.flags.sort()).toEqual(['fever', 'no_medicine']);
    expect(needNames(b)).toEqual(['退烧药', '降压药']);
    expect(b.temperature).toBe(38.5);
    expect(b.clears).toBe(false);

    const c = report(shao('李秀英打了两次都没人接'));
    expect(c).toMatchObject({ outcome: 'unreachable', attempts: 2, clears: false });

    const d = report(shao('孙玉华还行，就是咳嗽，说家里止咳药没了，子女在外地'));
    expect(d.outcome).toBe('reached');
    expect(d.flags).toContain('cough');
    expect(needNames(d)).toEqual(['止咳药']);

    expect(report(shao('周长海打了，挺好，儿子昨天回来了'))).toMatchObject({ outcome: 'reached', flags: [], clears: true });
    expect(report(shao('李秀英还是打不通'))).toMatchObject({ outcome: 'unreachable', attempts: 1 });
    expect(report(shao('王淑芬打了，她耳朵背，说话费劲，听着精神还行，没发烧'))).toMatchObject({ outcome: 'reached', flags: [] });

    const e = report(shao('李秀英我上门看了，老伴发烧，她自己也有点烧，已经把退烧药送过去了'));
    expect(e.outcome).toBe('visited');
    expect(e.flags.sort()).toEqual(['fever', 'household_fever']);
    expect(e.needs).toEqual([]);

    const f = report(shao('刘德顺退烧了，药够吃，降压药他儿子给买了'));
    expect(f).toMatchObject({ outcome: 'reached', flags: [], needs: [], clears: true });
  });

  it('the issue examples', () => {
    const a = report(wang('张柱业已回访,在发烧,家里没有退烧药'));
    expect(a.outcome).toBe('reached');
    expect(a.flags.sort()).toEqual(['fever', 'no_medicine']);
    expect(needNames(a)).toEqual(['退烧药']);
    expect(report(wang('李桂兰电话没人接')).outcome).toBe('unreachable');
    expect(report(wang('王秀英 正常'))).toMatchObject({ outcome: 'reached', flags: [], clears: true });
  });

  it('variants', () => {
    expect(report(shao('张桂兰第一次没接,后来打通了,挺好')).outcome).toBe('reached');
    expect(report(shao('周长海电话关机')).outcome).toBe('unreachable');
    expect(report(shao('打不通王淑芬,我就上门看了,没事')).outcome).toBe('visited');
    expect(report(shao('刘德顺说想去医院看看')).flags).toContain('needs_doctor');
    expect(report(shao('孙玉华最近心情不好,老哭')).flags).toContain('low_mood');
    expect(report(shao('孙玉华不咳了,挺好')).flags).toEqual([]);
    expect(report(shao('张桂兰体温37.8,有点不舒服')).flags).toContain('fever');
    expect(report(shao('王淑芬没咳嗽也没发烧')).flags).toEqual([]);
    expect(report(shao('张桂兰的女儿发烧了,她自己没事')).flags).toEqual(['household_fever']);
    expect(report(shao('刘德顺不用去医院')).flags).not.toContain('needs_doctor');
  });

  it('danger words', () => {
    const a = report(shao('张桂兰在家摔倒了,起不来'));
    expect(a.flags).toContain('fall');
    expect(a.danger).toEqual(['摔倒']);
    const b = report(shao('刘德顺说胸口疼,喘不上气'));
    expect(b.flags.sort()).toEqual(['breathing', 'chest_pain']);
    expect(b.danger.sort()).toEqual(['喘不上气', '胸口疼'].sort());
    expect(report(shao('李秀英我上门看了,人昏迷了,已打120')).danger).toEqual(expect.arrayContaining(['昏迷']));
    expect(report(shao('李秀英说呼吸困难')).danger).toEqual(['呼吸困难']);
    expect(report(shao('张桂兰没摔倒,挺好')).danger).toEqual([]);
  });

  it('everyone done', () => {
    expect(shao('都打完了,都挺好')).toEqual({ kind: 'report_all', outcome: 'reached', clears: true });
    expect(shao('全部打完了')).toEqual({ kind: 'report_all', outcome: 'reached', clears: true });
  });

  it('several people in one message', () => {
    const r = shao('张桂兰、王淑芬都正常,李秀英没人接');
    expect(r.kind).toBe('reports');
    if (r.kind !== 'reports') return;
    expect(r.reports.map((x) => [x.entry.name, x.outcome])).toEqual([
      ['张桂兰', 'reached'],
      ['王淑芬', 'reached'],
      ['李秀英', 'unreachable'],
    ]);
  });
});
