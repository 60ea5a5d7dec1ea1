// shared/devset/replay-grid-day.jsonl through the whole bot: a grid worker's callback day,
// checked against shared/devset/replay-README.md, section (b).
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../support/shared.ts';
import { replayFile, hhmm, day, type ReplayOutput } from '../support/replay.ts';
import { findPrivacyLeaks } from '../support/privacy.ts';

// Resolved while the file loads: without the transcript the file fails at once, naming it.
const TRANSCRIPT = sharedPath('devset/replay-grid-day.jsonl');
const WORKER = '邵婷婷';
const ALL6 = ['张桂兰', '刘德顺', '李秀英', '孙玉华', '周长海', '王淑芬'];
let out: ReplayOutput[] = [];
let run: Awaited<ReturnType<typeof replayFile>>;

beforeAll(async () => {
  run = await replayFile(TRANSCRIPT);
  out = run.out;
}, 60_000);

const upTo = (iso: string) => out.filter((o) => (o.at ?? '') <= iso);
const on = (d: string, time: string) => out.filter((o) => day(o) === d && hhmm(o) === time);

describe('grid day', () => {
  it('prints no error lines', () => {
    expect(out.filter((o) => o.error)).toEqual([]);
  });

  it('sends one private morning reminder listing all six, with building-room, phone and note', () => {
    const morning = upTo('2022-12-21T09:05:00+08:00');
    expect(morning).toHaveLength(1);
    expect(morning[0]!.to).toBe(WORKER);
    for (const name of ALL6) expect(morning[0]!.text).toContain(name);
    expect(morning[0]!.text).toContain('1号楼502');
    expect(morning[0]!.text).toContain('13800001002');
    expect(morning[0]!.text).toContain('空巢');
  });

  it('answers 今天要回访哪些人 privately with the same six', () => {
    const reply = on('2022-12-21', '09:20');
    expect(reply).toHaveLength(1);
    expect(reply[0]!.to).toBe(WORKER);
    for (const name of ALL6) expect(reply[0]!.text).toContain(name);
  });

  it('records 刘德顺 with fever and both medicines, and keeps one request for him', () => {
    const ack = on('2022-12-21', '09:55').find((o) => o.to === WORKER);
    expect(ack?.text).toMatch(/刘德顺/);
    expect(ack?.text).toMatch(/发烧/);
    expect(ack?.text).toMatch(/退烧药/);
    expect(ack?.text).toMatch(/降压药/);
    const call = run.state.calls.find((c) => c.text.startsWith('刘德顺电话打通了'))!;
    expect(call.outcome).toBe('reached');
    expect(call.needs.map((n) => n.category)).toEqual(expect.arrayContaining(['fever_medicine', 'other_medicine']));
    const forHim = run.state.aid.requests.filter((r) => r.location.building === '1' && r.location.room === '502');
    expect(forHim).toHaveLength(1);
  });

  it('keeps 李秀英 on the to-do list after an unanswered call', () => {
    const call = run.state.calls.find((c) => c.text === '李秀英打了两次都没人接')!;
    expect(call.outcome).toBe('unreachable');
  });

  it('matches 赵秀梅 to the worker’s request in 1号楼群 and 钱桂英 to 孙奶奶 in 2号楼群', () => {
    expect(on('2022-12-21', '10:52').find((o) => o.room === '楚凤社区1号楼群')?.mentions).toEqual([WORKER, '赵秀梅']);
    expect(on('2022-12-21', '19:30').find((o) => o.room === '楚凤社区2号楼群')?.mentions).toEqual([WORKER, '钱桂英']);
  });

  it('closes the 1号楼 request on the worker’s thanks', () => {
    const req = run.state.aid.requests.find((r) => r.location.building === '1' && r.location.room === '502')!;
    expect(req.status).toBe('fulfilled');
  });

  it('escalates 李秀英 to the admin once, by 18:00, suggesting a home visit', () => {
    const toAdmin = out.filter((o) => o.to === '王晓慧' && o.text?.includes('李秀英') && /联系不上|没接通/.test(o.text));
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]!.at! <= '2022-12-21T18:00:00+08:00').toBe(true);
    expect(toAdmin[0]!.text).toMatch(/上门/);
  });

  it('reminds the worker by 18:00 of 王淑芬 not called and 李秀英 unreachable', () => {
    const chase = out.filter((o) => o.to === WORKER && (o.at ?? '') > '2022-12-21T15:20' && (o.at ?? '') <= '2022-12-21T18:00:00+08:00');
    expect(chase.some((o) => o.text!.includes('王淑芬') && o.text!.includes('李秀英'))).toBe(true);
  });

  it('never escalates 孙奶奶’s non-urgent request', () => {
    expect(out.filter((o) => o.room === '楚凤一网格群' && /止咳|枇杷/.test(o.text ?? ''))).toEqual([]);
  });

  it('sends the next morning’s reminder with the five daily entries and yesterday’s findings', () => {
    const morning = out.filter((o) => o.to === WORKER && day(o) === '2022-12-22' && (o.at ?? '') <= '2022-12-22T09:05:00+08:00');
    expect(morning).toHaveLength(1);
    const text = morning[0]!.text!;
    for (const name of ['张桂兰', '刘德顺', '李秀英', '孙玉华', '王淑芬']) expect(text).toContain(name);
    expect(text).not.toContain('周长海');
    expect(text).toMatch(/降压药/);
    expect(text).toMatch(/钱桂英|待确认|响应/);
  });

  it('answers 还有谁没打 with the four not yet called today', () => {
    const reply = on('2022-12-22', '09:35')[0]!;
    for (const name of ['张桂兰', '李秀英', '孙玉华', '王淑芬']) expect(reply.text).toContain(name);
    expect(reply.text).not.toContain('刘德顺');
    expect(reply.text).not.toContain('周长海');
  });

  it('sends nothing to the other grid’s worker', () => {
    expect(out.filter((o) => o.to === '邱靓')).toEqual([]);
  });

  it('leaks no roster name, phone, room or private finding into any group', () => {
    expect(findPrivacyLeaks(run.input, out)).toEqual([]);
  });
});
