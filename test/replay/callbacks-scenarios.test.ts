// Two more callback days through the whole bot (test/fixtures/replay-callbacks-*.jsonl), checked
// against the rules of shared/devset/replay-README.md: roster data only in private, to the
// responsible worker or the admin; grid groups see counts only; one reminder per worker per
// morning; unreachable-all-day escalated to the admin once; needs become anonymous requests.
// Behaviour, not wording.
import { beforeAll, describe, expect, it } from 'vitest';
import { replayFile, hhmm, day, type ReplayOutput } from '../support/replay.ts';
import { findPrivacyLeaks } from '../support/privacy.ts';

type Run = Awaited<ReturnType<typeof replayFile>>;
interface Setup {
  rooms: { topic: string; kind: string; grid?: string }[];
  people: { name: string; role: string; grid?: string }[];
  roster: { name: string; phone: string; worker: string; building: string; room: string }[];
}

const setupOf = (run: Run) => run.input.find((l) => 'setup' in l)!.setup as Setup;
const dmsOf = (run: Run, who: string) => run.input.filter((l) => l.dm === true && l.from === who).map((l) => String(l.text));
const UNREACHABLE_ESCALATION = /联系不上|没接通|未接通|打不通/;
/** An escalation of someone unreachable: not the statistics or the evening totals. */
const isEscalation = (t: string) => UNREACHABLE_ESCALATION.test(t) && /上门/.test(t) && !/统计|汇总|小结/.test(t);

/** The rules every callback transcript must keep, whatever its people. */
function commonRules(get: () => Run) {
  it('prints no error lines', () => {
    expect(get().out.filter((o) => o.error)).toEqual([]);
  });

  it('leaks no roster name, phone, room or private finding into any group', () => {
    expect(findPrivacyLeaks(get().input, get().out)).toEqual([]);
  });

  it('never puts a roster phone or name in any group message', () => {
    const { roster } = setupOf(get());
    for (const o of get().out.filter((x) => x.room)) {
      for (const r of roster) {
        expect(o.text, `${o.at} ${o.room}`).not.toContain(r.phone);
        expect(o.text, `${o.at} ${o.room}`).not.toContain(r.name);
      }
    }
  });

  it('gives grid groups counts only, at most once a day per group', () => {
    const { rooms, people } = setupOf(get());
    const gridRooms = rooms.filter((r) => r.kind === 'grid').map((r) => r.topic);
    const inGrid = get().out.filter((o) => o.room && gridRooms.includes(o.room));
    const perDay = new Map<string, number>();
    for (const o of inGrid) {
      const key = `${o.room}|${day(o)}`;
      perDay.set(key, (perDay.get(key) ?? 0) + 1);
      for (const p of people) expect(o.text).not.toContain(p.name);
      expect(o.text).not.toMatch(/1[3-9]\d{9}/);
      expect(o.text).not.toMatch(/\d+号楼\d{3,4}/);
    }
    for (const n of perDay.values()) expect(n).toBe(1);
  });

  it('sends roster phones only to the responsible worker or an admin', () => {
    const { roster, people } = setupOf(get());
    const admins = people.filter((p) => p.role === 'admin').map((p) => p.name);
    for (const o of get().out.filter((x) => x.to)) {
      for (const r of roster) if (o.text!.includes(r.phone)) expect([r.worker, ...admins], `${o.at} ${r.name} to ${o.to}`).toContain(o.to);
    }
  });

  it('shows each worker their own people only (names they typed themselves aside)', () => {
    const { roster, people } = setupOf(get());
    for (const w of people.filter((p) => p.role === 'grid_worker')) {
      const typed = dmsOf(get(), w.name).join('\n');
      const others = roster.filter((r) => r.worker !== w.name && !typed.includes(r.name));
      for (const o of get().out.filter((x) => x.to === w.name)) {
        for (const r of others) expect(o.text, `${o.at} to ${w.name}`).not.toContain(r.name);
      }
    }
  });

  it('sends one morning reminder per worker with a roster, none to residents', () => {
    const { roster, people } = setupOf(get());
    const days = [
      ...new Set(
        get()
          .input.filter((l) => typeof l.at === 'string')
          .map((l) => String(l.at).slice(0, 10)),
      ),
    ];
    const workers = [...new Set(roster.map((r) => r.worker))];
    for (const d of days) {
      for (const w of workers) {
        const morning = get().out.filter((o) => o.to === w && day(o) === d && hhmm(o) <= '09:05');
        expect(morning, `${w} ${d}`).toHaveLength(1);
      }
      for (const p of people.filter((x) => x.role === 'grid_worker' && !workers.includes(x.name))) {
        expect(get().out.filter((o) => o.to === p.name && day(o) === d && hhmm(o) <= '09:05').length).toBeLessThanOrEqual(1);
      }
    }
    const staff = people.filter((p) => p.role !== 'resident').map((p) => p.name);
    expect(get().out.filter((o) => o.to && !staff.includes(o.to))).toEqual([]);
  });

  it('escalates an unreachable person to the admin at most once a day', () => {
    const { roster, people } = setupOf(get());
    const admins = people.filter((p) => p.role === 'admin').map((p) => p.name);
    for (const r of roster) {
      const byDay = new Map<string, number>();
      for (const o of get().out.filter((x) => admins.includes(x.to ?? '') && x.text!.includes(r.name) && isEscalation(x.text!))) {
        byDay.set(day(o), (byDay.get(day(o)) ?? 0) + 1);
      }
      for (const n of byDay.values()) expect(n, r.name).toBe(1);
    }
  });

  it('keeps staff messages about roster people out of the union’s hand-offs', () => {
    const { roster } = setupOf(get());
    for (const h of get().state.handoffs) for (const r of roster) expect(h.question).not.toContain(r.name);
  });
}

describe('callbacks: two workers in one grid (replay-callbacks-two-workers)', () => {
  let run: Run;
  let out: ReplayOutput[] = [];
  beforeAll(async () => {
    run = await replayFile('test/fixtures/replay-callbacks-two-workers.jsonl');
    out = run.out;
  }, 60_000);
  const at = (d: string, time: string, to?: string) => out.filter((o) => day(o) === d && hhmm(o) === time && (!to || o.to === to));
  const D1 = '2023-01-11';
  const D2 = '2023-01-12';
  const callsOf = (name: string, d?: string) => {
    const entry = run.state.roster.find((e) => e.name === name)!;
    return run.state.calls.filter((c) => c.rosterId === entry.id && (!d || c.date === d));
  };

  commonRules(() => run);

  it('lists all seven of 陈红’s people on the first morning, incl. the weekly one and the Wednesday one', () => {
    const m = out.find((o) => o.to === '陈红' && day(o) === D1)!;
    for (const n of ['王秀兰', '王桂芝', '张志强', '李凤英', '赵德明', '孙淑华', '周玉梅']) expect(m.text).toContain(n);
    expect(m.text).toContain('13900002006');
  });

  it('answers 今天要回访哪些人 with each worker’s own list', () => {
    const chen = at(D1, '09:10', '陈红')[0]!.text!;
    const liu = at(D1, '09:12', '刘静')[0]!.text!;
    for (const n of ['王秀兰', '周玉梅', '赵德明']) expect(chen).toContain(n);
    for (const n of ['吴建国', '郑美兰', '马桂英']) expect(liu).toContain(n);
    expect(chen).not.toContain('吴建国');
    expect(liu).not.toContain('周玉梅');
  });

  it('understands a nickname from the note (胖婶 = 王秀兰)', () => {
    expect(callsOf('王秀兰', D1)).toMatchObject([{ outcome: 'reached' }]);
  });

  it('asks back for 王奶奶 (two 王), records nothing until the worker answers, then records the one she meant', () => {
    const ask = at(D1, '09:33', '陈红')[0]!.text!;
    expect(ask).toContain('王秀兰');
    expect(ask).toContain('王桂芝');
    expect(run.state.calls.filter((c) => c.at < '2023-01-11T01:35:00.000Z' && c.text.includes('王奶奶'))).toEqual([]);
    expect(callsOf('王桂芝', D1)[0]).toMatchObject({ outcome: 'unreachable' });
  });

  it('alerts the admin at once on 胸口疼/喘不上气 and 摔倒, privately', () => {
    expect(at(D1, '09:50', '赵主任').some((o) => o.text!.includes('张志强'))).toBe(true);
    expect(at(D1, '10:12', '赵主任').some((o) => o.text!.includes('马桂英'))).toBe(true);
  });

  it('does not record a report about another worker’s person', () => {
    expect(callsOf('吴建国').every((c) => c.worker === '刘静')).toBe(true);
    expect(at(D1, '11:00', '陈红')[0]!.text).not.toMatch(/已记录/);
  });

  it('turns 周玉梅’s needs into one anonymous request in 6号楼群 and matches the neighbour’s offer', () => {
    const post = at(D1, '10:20').find((o) => o.room === '海港小区6号楼群');
    expect(post?.text).toMatch(/退烧/);
    const req = run.state.aid.requests.filter((r) => r.onBehalfOf === '周玉梅');
    expect(req).toHaveLength(1);
    const match = at(D1, '10:40').find((o) => o.room === '海港小区6号楼群');
    expect(match?.mentions).toContain('钟晓梅');
    expect(req[0]!.status).toBe('fulfilled'); // 药够吃了 the next morning
  });

  it('records 都打完了,都挺好 for 刘静’s people still pending', () => {
    for (const n of ['郑美兰', '冯长海', '何丽华']) expect(callsOf(n, D1).some((c) => c.outcome === 'reached')).toBe(true);
  });

  it('answers 还有谁没打 with who is left', () => {
    const left = at(D1, '14:30', '陈红')[0]!.text!;
    for (const n of ['赵德明', '王桂芝', '孙淑华']) expect(left).toContain(n);
    for (const n of ['王秀兰', '张志强', '周玉梅', '李凤英']) expect(left).not.toContain(n);
  });

  it('escalates 孙淑华 (unreachable all day) to the admin by 18:00, and nobody reached later', () => {
    const esc = out.filter((o) => o.to === '赵主任' && isEscalation(o.text!));
    expect(esc).toHaveLength(1);
    expect(esc[0]!.text).toContain('孙淑华');
    expect(esc[0]!.at! <= '2023-01-11T18:00:00+08:00').toBe(true);
  });

  it('gives 回访统计 to the admin with both workers', () => {
    const stats = at(D1, '19:00', '赵主任')[0]!.text!;
    expect(stats).toContain('陈红');
    expect(stats).toContain('刘静');
  });

  it('answers 周玉梅最近情况 with her open findings', () => {
    expect(at(D1, '19:30', '陈红')[0]!.text).toMatch(/发烧|退烧药/);
  });

  it('does not show 陈红’s person to 刘静 in the evening or morning aid lists', () => {
    for (const o of out.filter((x) => x.to === '刘静')) expect(o.text).not.toMatch(/周玉梅|6号楼601/);
  });

  it('drops the weekly person done yesterday and the Wednesday person on Thursday', () => {
    const m = out.find((o) => o.to === '陈红' && day(o) === D2)!.text!;
    for (const n of ['王秀兰', '王桂芝', '张志强', '孙淑华', '周玉梅']) expect(m).toContain(n);
    expect(m).not.toContain('李凤英');
    expect(m).not.toContain('赵德明');
    expect(m).toMatch(/胸/); // yesterday's finding to follow up
  });

  it('records the home visit and tells the admin the escalated case is settled', () => {
    expect(callsOf('孙淑华', D2)).toMatchObject([{ outcome: 'visited' }]);
    expect(at(D2, '09:20', '赵主任').some((o) => o.text!.includes('孙淑华'))).toBe(true);
  });

  it('answers 还有谁没打 on the second day without those done', () => {
    const chen = at(D2, '09:50', '陈红')[0]!.text!;
    for (const n of ['王秀兰', '王桂芝', '张志强']) expect(chen).toContain(n);
    for (const n of ['孙淑华', '周玉梅', '李凤英', '赵德明']) expect(chen).not.toContain(n);
    const liu = at(D2, '10:00', '刘静')[0]!.text!;
    for (const n of ['吴建国', '何丽华', '马桂英']) expect(liu).toContain(n);
    for (const n of ['郑美兰', '冯长海']) expect(liu).not.toContain(n);
  });
});

describe('callbacks: two grids, units and weekdays (replay-callbacks-two-grids)', () => {
  let run: Run;
  let out: ReplayOutput[] = [];
  beforeAll(async () => {
    run = await replayFile('test/fixtures/replay-callbacks-two-grids.jsonl');
    out = run.out;
  }, 60_000);
  const at = (d: string, time: string, to?: string) => out.filter((o) => day(o) === d && hhmm(o) === time && (!to || o.to === to));
  const D1 = '2023-02-14';
  const D2 = '2023-02-15';
  const callsOf = (name: string, d?: string) => {
    const entry = run.state.roster.find((e) => e.name === name)!;
    return run.state.calls.filter((c) => c.rosterId === entry.id && (!d || c.date === d));
  };
  const morning = (w: string, d: string) => out.find((o) => o.to === w && day(o) === d)!.text!;

  commonRules(() => run);

  it('follows weekday and weekly frequencies across the two mornings', () => {
    expect(morning('黄丽娟', D1)).not.toContain('唐秀云'); // 一三五, Tuesday
    expect(morning('黄丽娟', D2)).toContain('唐秀云'); // Wednesday
    expect(morning('黄丽娟', D2)).not.toContain('杨淑珍'); // weekly, done yesterday
    expect(morning('高峰', D1)).toContain('余大海'); // 周二、周四
    expect(morning('高峰', D2)).not.toContain('余大海');
    expect(morning('高峰', D2)).not.toContain('曾宪忠');
  });

  it('sends nothing to the worker without a roster, and only an empty list when asked', () => {
    const xu = out.filter((o) => o.to === '许文');
    expect(xu).toHaveLength(1);
    expect(hhmm(xu[0]!)).toBe('11:10');
  });

  it('asks back for 刘奶奶 and records the one named; reads 杨老师 from the note', () => {
    expect(at(D1, '09:30', '黄丽娟')[0]!.text).toMatch(/刘翠花[\s\S]*刘长贵/);
    expect(callsOf('刘翠花', D1)).toMatchObject([{ outcome: 'reached' }]);
    expect(callsOf('杨淑珍', D1)).toMatchObject([{ outcome: 'reached' }]);
  });

  it('alerts the admin on 呼吸困难', () => {
    expect(at(D1, '09:55', '林书记').some((o) => o.text!.includes('蒋国华'))).toBe(true);
  });

  it('refuses another worker’s person, for reports and for status questions', () => {
    expect(at(D1, '11:00', '高峰')[0]!.text).not.toContain('13700004001');
    expect(callsOf('韩玉兰').every((c) => c.worker === '黄丽娟')).toBe(true);
    expect(run.state.handoffs).toEqual([]);
    expect(out.filter((o) => o.to === '林书记' && /待解答/.test(o.text!))).toEqual([]);
  });

  it('keeps 回访统计 for admins', () => {
    expect(at(D1, '11:20', '高峰')[0]!.text).not.toContain('黄丽娟');
    const stats = at(D1, '18:10', '林书记')[0]!.text!;
    expect(stats).toContain('黄丽娟');
    expect(stats).toContain('高峰');
  });

  it('keeps one open request for 12号楼601 when a neighbour asks for the same person', () => {
    const open = run.state.aid.requests.filter((r) => r.location.building === '12' && r.location.room === '601');
    expect(open).toHaveLength(1);
  });

  it('escalates 刘长贵 once and tells the admin when he is reached', () => {
    const esc = out.filter((o) => o.to === '林书记' && o.text!.includes('刘长贵') && isEscalation(o.text!));
    expect(esc).toHaveLength(1);
    expect(at(D1, '19:40', '林书记').some((o) => o.text!.includes('刘长贵'))).toBe(true);
    expect(out.filter((o) => o.to === '林书记' && day(o) === D2)).toEqual([]);
  });

  it('answers a status question after an ask-back without recording a call', () => {
    expect(at(D2, '09:51', '黄丽娟')[0]!.text).toContain('刘长贵');
    expect(callsOf('刘长贵', D2)).toEqual([]);
  });

  it('stays quiet on 好的,收到 and records nothing for 下午再打', () => {
    expect(at(D2, '09:52')).toEqual([]);
    expect(callsOf('唐秀云')).toEqual([]);
    expect(at(D2, '09:55', '黄丽娟')).toHaveLength(1);
  });

  it('settles 彭桂兰’s request when the worker says the medicine was delivered', () => {
    const req = run.state.aid.requests.find((r) => r.onBehalfOf === '彭桂兰')!;
    expect(req.status).toBe('fulfilled');
  });
});
