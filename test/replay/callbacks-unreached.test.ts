// A grid worker's day in which most calls do not reach the person (replay-callbacks-unreached):
// 没听见, 关机, 停机/空号, 占线, 闺女接的, 托邻居去敲门看看 — none may be recorded as reached,
// and each person stays in the chases and (unless family or a neighbour had news) in the
// all-day-unreachable escalation. Needs found on calls become anonymous requests; a delivery
// from the pickup point closes the need as the worker's and takes the stock; 不对 corrects;
// every private message gets a callbacks answer, never union suggestions.
import { beforeAll, describe, expect, it } from 'vitest';
import { replayFile, hhmm, day, type ReplayOutput } from '../support/replay.ts';
import { findPrivacyLeaks } from '../support/privacy.ts';

type Run = Awaited<ReturnType<typeof replayFile>>;
const WORKER = '于红霞';
const ADMIN = '孟凡军';
const D1 = '2023-03-06';
const D2 = '2023-03-07';
const ROSTER = ['张柱业', '姜玉芬', '董秀珍', '田桂花', '邹德山', '潘淑英'];

describe('callbacks: calls that did not reach the person (replay-callbacks-unreached)', () => {
  let run: Run;
  let out: ReplayOutput[] = [];
  beforeAll(async () => {
    run = await replayFile('test/fixtures/replay-callbacks-unreached.jsonl');
    out = run.out;
  }, 60_000);
  const at = (d: string, time: string, to?: string) => out.filter((o) => day(o) === d && hhmm(o) === time && (!to || o.to === to));
  const replyAt = (time: string, d = D1) => at(d, time, WORKER)[0]?.text ?? '';
  const callsOf = (name: string, d = D1) => {
    const entry = run.state.roster.find((e) => e.name === name)!;
    return run.state.calls.filter((c) => c.rosterId === entry.id && c.date === d);
  };
  const requestFor = (name: string) => run.state.aid.requests.filter((r) => r.onBehalfOf === name);

  it('prints no error lines and leaks nothing private into a group', () => {
    expect(out.filter((o) => o.error)).toEqual([]);
    expect(findPrivacyLeaks(run.input, out)).toEqual([]);
  });

  it('never records 没听见, 关机, 停机, 占线 or 家属接的 as reached', () => {
    expect(callsOf('姜玉芬')[0]).toMatchObject({ outcome: 'unreachable', reason: 'not_heard', attempts: 2 });
    expect(callsOf('董秀珍')[0]).toMatchObject({ outcome: 'unreachable', reason: 'switched_off' });
    expect(callsOf('田桂花')).toMatchObject([{ outcome: 'unreachable', reason: 'out_of_service' }]);
    expect(callsOf('邹德山')[0]).toMatchObject({ outcome: 'unreachable', reason: 'busy' });
    expect(callsOf('潘淑英')[0]).toMatchObject({ outcome: 'proxy', proxy: { who: '闺女', how: 'answered' } });
    // Nobody of these five was reached in person before the afternoon.
    for (const name of ['姜玉芬', '田桂花', '邹德山', '潘淑英']) {
      const morning = callsOf(name).filter((c) => c.at < '2023-03-06T04:00:00.000Z');
      expect(
        morning.some((c) => c.outcome === 'reached' || c.outcome === 'visited'),
        name,
      ).toBe(false);
    }
  });

  it('says in each acknowledgement what it understood', () => {
    expect(replyAt('09:15')).toMatch(/没听见/);
    expect(replyAt('09:15')).toMatch(/2次/);
    expect(replyAt('09:20')).toMatch(/关机/);
    expect(replyAt('09:25')).toMatch(/停机|空号/);
    expect(replyAt('09:30')).toMatch(/占线/);
    expect(replyAt('09:40')).toMatch(/闺女/);
    expect(replyAt('09:40')).toMatch(/本人/);
    for (const t of ['09:15', '09:20', '09:25', '09:30', '09:40']) expect(replyAt(t), t).not.toMatch(/已回访|情况正常/);
    expect(replyAt('11:05')).toMatch(/邻居/);
  });

  it('answers 今天还差几个 and 谁没接 with the right people, never with union topics', () => {
    const left = replyAt('10:05');
    for (const n of ['姜玉芬', '董秀珍', '田桂花', '邹德山', '潘淑英']) expect(left).toContain(n);
    expect(left).not.toContain('张柱业');
    const missed = replyAt('10:10');
    for (const n of ['姜玉芬', '董秀珍', '田桂花', '邹德山']) expect(missed).toContain(n);
    expect(missed).not.toContain('张柱业');
    for (const o of out.filter((x) => x.to === WORKER)) expect(o.text, o.at).not.toMatch(/您是想问|回复数字|转给工会工作人员|12351/);
    expect(run.state.handoffs).toEqual([]);
  });

  it('answers anything else the worker says with what can be said here, using her own people', () => {
    const help = replyAt('11:10');
    expect(help).toMatch(/还有谁没打/);
    const quoted = [...help.matchAll(/"([\u4e00-\u9fa5]{2,3}?)(?:正常|没人接|家属接的|缺降压药|什么情况)"/g)].map((m) => m[1]);
    expect(quoted.length).toBeGreaterThan(0);
    for (const n of quoted) expect(ROSTER).toContain(n);
    expect(at(D1, '11:12')).toEqual([]); // 好的: nothing to answer
  });

  it('gives the morning example with names from the worker’s own list', () => {
    for (const d of [D1, D2]) {
      const morning = out.find((o) => o.to === WORKER && day(o) === d)!.text!;
      const example = morning.split('\n').find((l) => l.includes('比如'))!;
      const names = [...example.matchAll(/"([\u4e00-\u9fa5]{2,3}?)(?:正常|没人接)"/g)].map((m) => m[1]);
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(ROSTER).toContain(n);
    }
  });

  it('corrects the last record on 不对,改成没接通', () => {
    const zou = callsOf('邹德山');
    expect(zou.filter((c) => c.at < '2023-03-06T10:00:00.000Z').map((c) => c.outcome)).toEqual([
      'unreachable',
      'unreachable',
      'unreachable',
    ]);
    expect(replyAt('10:20')).toMatch(/作废|撤销/);
    expect(replyAt('10:20')).toMatch(/未接通/);
  });

  it('turns needs found on a call (也 from family) into anonymous requests in the building group', () => {
    const fever = at(D1, '09:50').find((o) => o.room === '金象泰小区1号楼群')!;
    expect(fever.text).toMatch(/1号楼一位老人/);
    expect(fever.text).toMatch(/退烧药/);
    const errand = at(D1, '10:30').find((o) => o.room === '金象泰小区2号楼群')!;
    expect(errand.text).toMatch(/2号楼一位老人/);
    expect(errand.text).toMatch(/买菜/);
    expect(errand.text).toMatch(/米/);
    expect(requestFor('潘淑英')[0]?.items.map((i) => i.name)).toContain('体温计');
  });

  it('closes 张柱业’s need as delivered by the worker and takes it off the pickup point’s stock', () => {
    const [req] = requestFor('张柱业');
    expect(req).toMatchObject({ status: 'fulfilled', helper: WORKER, delivered: true });
    expect(run.state.aid.stock[0]!.stock['布洛芬']).toBe(11);
    expect(replyAt('10:45')).toMatch(/11/);
    const block = out
      .find((o) => o.to === WORKER && day(o) === D2)!
      .text!.split(/\n(?=\d+\. )/)
      .find((b) => b.includes('张柱业'))!;
    expect(block).toMatch(/您送到/);
    expect(block).not.toMatch(/邻居/);
    expect(block).not.toMatch(/缺药/);
  });

  it('keeps the unreached in the chases, family-only ones softly, and drops those reached', () => {
    const chase = at(D1, '14:00', WORKER)[0]!.text!;
    for (const n of ['姜玉芬', '田桂花', '邹德山', '潘淑英']) expect(chase).toContain(n);
    for (const n of ['张柱业', '董秀珍']) expect(chase).not.toContain(n);
    const late = at(D1, '17:30', WORKER)[0]!.text!;
    expect(late).not.toContain('姜玉芬'); // 下午打通了
    for (const n of ['田桂花', '邹德山', '潘淑英']) expect(late).toContain(n);
  });

  it('escalates the unreachable all day once, listing every attempt, and reads counts naturally', () => {
    const esc = out.filter((o) => o.to === ADMIN && /预警/.test(o.text!));
    expect(esc.map((o) => ROSTER.find((n) => o.text!.includes(n))).sort()).toEqual(['田桂花', '邹德山']);
    const zou = esc.find((o) => o.text!.includes('邹德山'))!.text!;
    for (const t of ['09:30', '10:20', '11:05']) expect(zou).toContain(t);
    expect(zou).toMatch(/3次/);
    expect(zou).toMatch(/都没接通/);
    expect(zou).toMatch(/邻居/);
    const tian = esc.find((o) => o.text!.includes('田桂花'))!.text!;
    expect(tian).toMatch(/1次/);
    expect(tian).not.toMatch(/都没接通/);
    expect(tian).toMatch(/停机/);
  });

  it('tells the admin when a neighbour brings news of the escalated person', () => {
    expect(at(D1, '18:30', ADMIN).some((o) => o.text!.includes('邹德山') && /邻居/.test(o.text!))).toBe(true);
    expect(callsOf('邹德山').at(-1)).toMatchObject({ outcome: 'proxy', proxy: { who: '邻居' } });
  });

  it('gives the grid group counts only', () => {
    const digest = out.filter((o) => o.room === '楚凤三网格群');
    expect(digest).toHaveLength(1);
    for (const n of ROSTER) expect(digest[0]!.text).not.toContain(n);
    expect(digest[0]!.text).not.toMatch(/1[3-9]\d{9}/);
  });

  it('lists the next day’s people still to call', () => {
    const left = replyAt('09:20', D2);
    for (const n of ['姜玉芬', '董秀珍', '田桂花', '邹德山', '潘淑英']) expect(left).toContain(n);
    expect(left).not.toContain('张柱业');
  });
});
