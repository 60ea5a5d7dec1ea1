// Mutual-aid transcripts beyond the dev set (test/fixtures/replay-aid-*.jsonl), through the
// whole bot, checked against the must/should rules of shared/devset/replay-README.md.
// Behaviour only: who is @-mentioned, where and when the bot speaks, what the state says.
import { beforeAll, describe, expect, it } from 'vitest';
import { replayFile, type ReplayOutput } from '../support/replay.ts';
import { findPrivacyLeaks } from '../support/privacy.ts';
import type { BotState } from '../../src/store/state.ts';

interface Run {
  out: ReplayOutput[];
  state: BotState;
  input: Record<string, unknown>[];
}

const load = (name: string) => replayFile(`test/fixtures/replay-aid-${name}.jsonl`) as Promise<Run>;
const local = (t: string) => `${t}:00+08:00`;
/** Bot lines stamped exactly at a Shanghai time "2022-12-20T19:06". */
const at = (run: Run, t: string) => run.out.filter((o) => o.at === local(t));
const between = (run: Run, from: string, to: string) => run.out.filter((o) => (o.at ?? '') >= local(from) && (o.at ?? '') <= local(to));
const requestsOf = (run: Run, who: string) => run.state.aid.requests.filter((r) => r.requester === who);
const DOSE = /\d+(\.\d+)?\s*(ml|毫升|片|粒|mg|毫克|袋|支)/i;

/** The rules every transcript keeps. */
function commonRules(get: () => Run, rooms: { building: string[]; grid: string[] }, staff: string[]) {
  it('prints no error lines', () => {
    expect(get().out.filter((o) => o.error)).toEqual([]);
  });

  it('repeats in groups nothing that was not posted there (roster, people-config rooms)', () => {
    expect(findPrivacyLeaks(get().input, get().out)).toEqual([]);
  });

  it('sends private messages only to staff, to residents who wrote to the bot privately, and to both sides of a match made across groups', () => {
    const { out, input, state } = get();
    const askedPrivately = new Set(input.filter((l) => l.dm === true).map((l) => String(l.from)));
    const acrossGroups = new Set(
      state.aid.requests.flatMap((r) => r.offers.filter((o) => o.room && o.room !== r.room).flatMap((o) => [r.requester, o.helper])),
    );
    const strays = out.filter((o) => o.to && !staff.includes(o.to) && !askedPrivately.has(o.to) && !acrossGroups.has(o.to));
    expect(strays).toEqual([]);
  });

  it('speaks in building groups only to someone (every line @-mentions a person)', () => {
    const lines = get().out.filter((o) => o.room && rooms.building.includes(o.room));
    for (const l of lines) expect(l.mentions?.length ?? 0).toBeGreaterThan(0);
  });

  it('relays carry building and need only: no name, room number or phone', () => {
    const { out, input } = get();
    const names = new Set(input.flatMap((l) => (typeof l.from === 'string' ? [l.from] : [])));
    for (const o of out.filter((x) => x.room && rooms.grid.includes(x.room) && /转发/.test(x.text ?? ''))) {
      for (const n of names) if (!staff.includes(n)) expect(o.text).not.toContain(n);
      expect(o.text).not.toMatch(/\d{3,4}室|\d单元\d{3,4}|(?<!\d)\d{3,4}(?![\d分])|1[3-9]\d{9}/);
    }
  });

  it('never gives a dose, and medicine matches carry a safety line', () => {
    for (const o of get().out) expect(o.text ?? '').not.toMatch(DOSE);
    const matches = get().out.filter(
      (o) => o.room && (o.mentions?.length ?? 0) >= 2 && /布洛芬|美林|泰诺林|止咳|连花|退烧|蒙脱石/.test(o.text ?? ''),
    );
    for (const m of matches) expect(m.text).toMatch(/说明书|遵医嘱|医生|药师/);
  });

  it('escalates each request at most once per level', () => {
    for (const r of get().state.aid.requests) {
      const relays = get().out.filter(
        (o) => o.room && rooms.grid.includes(o.room) && /转发/.test(o.text ?? '') && r.items.some((i) => o.text!.includes(i.name)),
      );
      expect(relays.length, `${r.requester} ${r.items.map((i) => i.name)}`).toBeLessThanOrEqual(1);
    }
  });
}

describe('busy evening: several requests at once in one building group', () => {
  let run: Run;
  beforeAll(async () => {
    run = await load('busy-evening');
  }, 60_000);
  const B5 = '和平小区5号楼群';
  const G = '和平一网格群';
  commonRules(() => run, { building: [B5, '和平小区6号楼群'], grid: [G] }, ['孟丽', '王晓慧']);

  it('opens one request per asker and none for replies, questions, pictures or chit-chat', () => {
    for (const who of ['张秀兰', '李强', '王芳', '吴涛']) expect(requestsOf(run, who), who).toHaveLength(1);
    for (const who of ['赵刚', '陈静', '周磊', '刘阿姨', '孙丽', '钱伟']) expect(requestsOf(run, who), who).toHaveLength(0);
  });

  it('matches the 布洛芬 offer to the older 布洛芬 request, not the newest one, and says where', () => {
    const notice = at(run, '2022-12-20T19:06').filter((o) => o.room === B5);
    expect(notice).toHaveLength(1);
    expect(notice[0]!.mentions).toEqual(['张秀兰', '陈静']);
    expect(notice[0]!.text).toMatch(/301/); // she posted 2单元301 in the group at 19:05
  });

  it('attaches a quoted 我这有 to the quoted request', () => {
    expect(at(run, '2022-12-20T19:08').find((o) => o.room === B5)?.mentions).toEqual(['李强', '周磊']);
  });

  it('tells the helper when the requester cancels after a match', () => {
    expect(requestsOf(run, '李强')[0]!.status).toBe('cancelled');
    const told = at(run, '2022-12-20T19:20').filter((o) => o.mentions?.includes('周磊') || o.to === '周磊');
    expect(told).toHaveLength(1);
  });

  it('matches the cough syrup to 王芳 after the counter-questions', () => {
    expect(at(run, '2022-12-20T19:25').find((o) => o.room === B5)?.mentions).toEqual(['王芳', '钱伟']);
  });

  it('stays silent on questions, follow-ups, pictures, emoji, delivery and chit-chat', () => {
    for (const t of ['19:04', '19:05', '19:10', '19:11', '19:12', '19:15', '19:16', '19:30', '19:40', '21:00', '21:20']) {
      expect(at(run, `2022-12-20T${t}`), t).toEqual([]);
    }
    // A closing line on thanks is allowed; more is not.
    expect(at(run, '2022-12-20T19:35').length).toBeLessThanOrEqual(1);
  });

  it('closes on thanks and on 完成', () => {
    expect(requestsOf(run, '张秀兰')[0]!.status).toBe('fulfilled');
    expect(requestsOf(run, '王芳')[0]!.status).toBe('fulfilled');
    expect(at(run, '2022-12-20T21:05').find((o) => o.room === B5)?.mentions).toEqual(['王芳']);
  });

  it('answers the @-mention, refreshes the repeated ask, and relays it once after 30 minutes', () => {
    expect(at(run, '2022-12-20T20:00').find((o) => o.room === B5)?.mentions).toEqual(['吴涛']);
    const req = requestsOf(run, '吴涛')[0]!;
    expect(req.messageIds).toHaveLength(2);
    const relays = run.out.filter((o) => o.room === G);
    expect(relays).toHaveLength(1);
    expect(relays[0]!.at! >= local('2022-12-20T20:00')).toBe(true);
    expect(relays[0]!.at! <= local('2022-12-20T20:35')).toBe(true);
    expect(relays[0]!.text).toMatch(/体温计/);
    expect(relays[0]!.text).toMatch(/5号楼/);
    expect(req.escalatedToWorkerAt).toBeNull(); // not urgent
  });

  it('lists only open requests with 求助列表 and 我的求助', () => {
    const list = at(run, '2022-12-20T21:10').find((o) => o.room === B5)!;
    expect(list.mentions).toEqual(['孙丽']);
    expect(list.text).toMatch(/体温计/);
    expect(list.text).not.toMatch(/抗原|止咳|布洛芬/);
    const mine = at(run, '2022-12-20T21:11').find((o) => o.room === B5)!;
    expect(mine.mentions).toEqual(['吴涛']);
    expect(mine.text).toMatch(/体温计/);
  });

  it('sends the morning summary privately and tells 吴涛 once when his request expires', () => {
    expect(between(run, '2022-12-21T08:00', '2022-12-21T09:00').filter((o) => o.room)).toEqual([]);
    expect(between(run, '2022-12-21T08:00', '2022-12-21T09:00').some((o) => o.to === '孟丽' || o.to === '王晓慧')).toBe(true);
    const told = run.out.filter((o) => (o.at ?? '') > local('2022-12-21T09:00') && o.mentions?.includes('吴涛'));
    expect(told).toHaveLength(1);
    expect(requestsOf(run, '吴涛')[0]!.status).toBe('expired');
  });

  it('never relays the matched, cancelled or fulfilled requests', () => {
    expect(run.out.filter((o) => o.room === G && /布洛芬|抗原|止咳/.test(o.text ?? ''))).toEqual([]);
    expect(run.out.filter((o) => o.to === '孟丽' && /无人响应/.test(o.text ?? ''))).toEqual([]);
  });

  it('is quiet: a handful of lines in the building group', () => {
    expect(run.out.filter((o) => o.room === B5).length).toBeLessThanOrEqual(11);
  });
});

describe('escalation: standing offer at 物业, relays, grid-group offers, expiry', () => {
  let run: Run;
  beforeAll(async () => {
    run = await load('escalation');
  }, 60_000);
  const B8 = '幸福里小区8号楼群';
  const B9 = '幸福里小区9号楼群';
  const G2 = '幸福二网格群';
  commonRules(() => run, { building: [B8, B9], grid: [G2] }, ['黄梅', '王晓慧']);

  it('matches a later request to the standing offer at 物业, with the pickup hint', () => {
    const notice = at(run, '2022-12-21T11:00').find((o) => o.room === B8)!;
    expect(notice.mentions).toEqual(['郑大爷', '徐师傅']);
    expect(notice.text).toMatch(/物业/);
    expect(requestsOf(run, '郑大爷')[0]!.status).toBe('fulfilled');
  });

  it('relays the urgent request once at 10 minutes, then tells the grid worker once at 20', () => {
    const relays = run.out.filter((o) => o.room === G2 && /美林|泰诺林/.test(o.text ?? ''));
    expect(relays).toHaveLength(1);
    expect(relays[0]!.at! >= local('2022-12-21T13:10') && relays[0]!.at! <= local('2022-12-21T13:12')).toBe(true);
    expect(relays[0]!.mentions).toContain('黄梅');
    expect(relays[0]!.text).toMatch(/8号楼/);
    const alerts = run.out.filter((o) => o.to === '黄梅' && /林芳/.test(o.text ?? '') && (o.at ?? '') < local('2022-12-21T20:00'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.at! >= local('2022-12-21T13:20') && alerts[0]!.at! <= local('2022-12-21T13:22')).toBe(true);
    expect(alerts[0]!.text).toMatch(/1203/); // details go privately to the worker
  });

  it('matches an offer in the grid group from outside her group: both told privately, the helper thanked in the grid group', () => {
    const lines = at(run, '2022-12-21T13:25');
    expect(lines.filter((o) => o.room === B8)).toEqual([]); // 何军 (9号楼) cannot be @-mentioned in 8号楼群
    expect(lines.filter((o) => o.room === G2).map((o) => o.mentions)).toEqual([['何军']]);
    expect(
      lines
        .filter((o) => o.to)
        .map((o) => o.to)
        .sort(),
    ).toEqual(['何军', '林芳'].sort());
    expect(lines.find((o) => o.to === '林芳')!.text).toMatch(/何军/);
    expect(lines.find((o) => o.to === '何军')!.text).toMatch(/林芳/);
    expect(lines.find((o) => o.to === '何军')!.text).not.toMatch(/1203/);
    expect(requestsOf(run, '林芳')[0]!.status).toBe('fulfilled');
    expect(requestsOf(run, '何军')).toHaveLength(0);
    const later = run.out.filter(
      (o) =>
        (o.at ?? '') > local('2022-12-21T13:25') &&
        /林芳|美林|泰诺林/.test(o.text ?? '') &&
        !/互助情况|今晚互助|还在进行/.test(o.text ?? ''),
    );
    expect(later).toEqual([]);
  });

  it('stays silent on 帮顶, pictures, emoji and chit-chat in the grid group', () => {
    for (const t of ['09:02', '13:03', '13:05', '13:15']) expect(at(run, `2022-12-21T${t}`), t).toEqual([]);
    for (const who of ['陶姐', '韩冬', '徐师傅']) expect(requestsOf(run, who), who).toHaveLength(0);
  });

  it('does not relay a 不急 request or one posted by the grid worker', () => {
    expect(requestsOf(run, '冯丽')).toHaveLength(1);
    expect(requestsOf(run, '黄梅')).toHaveLength(1);
    expect(run.out.filter((o) => o.room === G2 && /酒精|蔬菜/.test(o.text ?? ''))).toEqual([]);
  });

  it('attaches a grid-group offer that quotes a relay to the quoted request, not the newest', () => {
    const lines = at(run, '2022-12-21T16:50');
    expect(
      lines
        .filter((o) => o.to)
        .map((o) => o.to)
        .sort(),
    ).toEqual(['宋伟', '韩冬'].sort());
    expect(requestsOf(run, '宋伟')[0]!.offers.map((o) => o.helper)).toEqual(['韩冬']);
    expect(requestsOf(run, '曹阳')[0]!.offers).toHaveLength(0);
  });

  it('relays each normal request once after 30 minutes and tells the helper of a cancel', () => {
    const relays = run.out.filter((o) => o.room === G2 && /转发/.test(o.text ?? ''));
    expect(relays.filter((o) => /蒙脱石散/.test(o.text!))).toHaveLength(1);
    expect(relays.filter((o) => /体温计/.test(o.text!))).toHaveLength(1);
    expect(requestsOf(run, '宋伟')[0]!.status).toBe('cancelled');
    const told = at(run, '2022-12-21T18:00').filter((o) => o.mentions?.includes('韩冬'));
    expect(told).toHaveLength(1);
    if (told[0]!.room === G2) expect(told[0]!.text).not.toContain('宋伟'); // unnamed outside his group
    expect(run.out.filter((o) => (o.at ?? '') > local('2022-12-21T18:00') && o.room && /蒙脱石散/.test(o.text ?? ''))).toEqual([]);
  });

  it('expires the unanswered requests after 24 hours, telling each requester once', () => {
    for (const who of ['冯丽', '曹阳']) {
      const told = run.out.filter((o) => (o.at ?? '') > local('2022-12-22T09:00') && o.mentions?.includes(who));
      expect(told, who).toHaveLength(1);
    }
    expect(requestsOf(run, '冯丽')[0]!.status).toBe('expired');
  });

  it('sends the morning summary privately', () => {
    const morning = between(run, '2022-12-22T08:00', '2022-12-22T09:00');
    expect(morning.filter((o) => o.room)).toEqual([]);
  });
});

describe('exchange, item-first matching, cancel by command, a private question', () => {
  let run: Run;
  beforeAll(async () => {
    run = await load('exchange');
  }, 60_000);
  const A1 = '阳光花园1号楼群';
  const A2 = '阳光花园2号楼群';
  const G3 = '阳光一网格群';
  commonRules(() => run, { building: [A1, A2], grid: [G3] }, ['田静', '王晓慧']);

  it('records 我有A,求B as a request for B and a standing offer of A, matching both ways', () => {
    expect(requestsOf(run, '马丽')).toHaveLength(1);
    expect(requestsOf(run, '马丽')[0]!.items.map((i) => i.category)).toEqual(['fever_medicine']);
    expect(run.state.aid.offers.some((o) => o.helper === '马丽' && o.items.some((i) => i.category === 'mask'))).toBe(true);
    expect(at(run, '2022-12-22T10:05').find((o) => o.room === A1)?.mentions).toEqual(['高峰', '马丽']);
    expect(at(run, '2022-12-22T10:10').find((o) => o.room === A1)?.mentions).toEqual(['马丽', '罗敏']);
    expect(requestsOf(run, '罗敏')).toHaveLength(0);
    expect(requestsOf(run, '高峰')).toHaveLength(1);
    expect(requestsOf(run, '马丽')[0]!.status).toBe('fulfilled');
    expect(at(run, '2022-12-22T10:08')).toEqual([]);
    expect(at(run, '2022-12-22T10:41')).toEqual([]);
  });

  it('matches by item first: adult tablets go to the adult request, 美林 to the child', () => {
    expect(at(run, '2022-12-22T11:10').find((o) => o.room === A2)?.mentions).toEqual(['白雪', '钟华']);
    expect(at(run, '2022-12-22T11:12')).toEqual([]);
    expect(at(run, '2022-12-22T11:20').find((o) => o.room === A2)?.mentions).toEqual(['江涛', '唐敏']);
    expect(requestsOf(run, '江涛')).toHaveLength(1);
    expect(requestsOf(run, '白雪')[0]!.status).toBe('fulfilled');
  });

  it('tells the helper when the requester cancels with 取消', () => {
    expect(requestsOf(run, '江涛')[0]!.status).toBe('cancelled');
    const lines = at(run, '2022-12-22T11:30');
    expect(lines.some((o) => o.mentions?.includes('唐敏'))).toBe(true);
    expect(lines.some((o) => o.mentions?.includes('江涛'))).toBe(true);
  });

  it('answers a resident who asks privately, privately', () => {
    const reply = at(run, '2022-12-22T12:00');
    expect(reply).toHaveLength(1);
    expect(reply[0]!.to).toBe('高峰');
    expect(reply[0]!.text).toMatch(/口罩/);
  });

  it('refreshes a repeated ask, relays it once, and says nothing about it after the cancel', () => {
    expect(requestsOf(run, '宋阿姨')).toHaveLength(1);
    for (const t of ['12:10', '12:16', '12:17']) expect(at(run, `2022-12-22T${t}`), t).toEqual([]);
    expect(run.out.filter((o) => o.room === G3 && /血压计/.test(o.text ?? ''))).toHaveLength(1);
    expect(requestsOf(run, '宋阿姨')[0]!.status).toBe('cancelled');
    expect(run.out.filter((o) => (o.at ?? '') > local('2022-12-22T13:30') && o.room && /血压计/.test(o.text ?? ''))).toEqual([]);
  });
});
