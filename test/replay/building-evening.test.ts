// shared/devset/replay-building-evening.jsonl through the whole bot, checked against the
// must and should rules of shared/devset/replay-README.md, section (a).
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../support/shared.ts';
import { replayFile, hhmm, day, type ReplayOutput } from '../support/replay.ts';
import { findPrivacyLeaks } from '../support/privacy.ts';

// Resolved while the file loads: without the transcript the file fails at once, naming it.
const TRANSCRIPT = sharedPath('devset/replay-building-evening.jsonl');
const B3 = '金象泰小区3号楼群';
const GRID = '楚凤二网格群';
let out: ReplayOutput[] = [];
let state: Awaited<ReturnType<typeof replayFile>>['state'];
let input: Record<string, unknown>[] = [];

beforeAll(async () => {
  ({ out, state, input } = await replayFile(TRANSCRIPT));
}, 60_000);

const inRoom = (room: string) => out.filter((o) => o.room === room);
const at = (time: string, d = '2022-12-18') => out.filter((o) => hhmm(o) === time && day(o) === d);

describe('building evening', () => {
  it('prints no error lines', () => {
    expect(out.filter((o) => o.error)).toEqual([]);
  });

  it('matches 我家有 to 陈思雨 and names where (1102)', () => {
    const notice = at('19:03').find((o) => o.room === B3);
    expect(notice?.mentions).toEqual(['陈思雨', '刘建国']);
    expect(notice?.text).toMatch(/1102/);
  });

  it('opens exactly one request for 陈思雨 despite the follow-ups, the ? and the delivery', () => {
    expect(state.aid.requests.filter((r) => r.requester === '陈思雨')).toHaveLength(1);
    const req = state.aid.requests.find((r) => r.requester === '陈思雨')!;
    expect(req.offers.map((o) => o.helper)).toEqual(expect.arrayContaining(['刘建国', '孙桂芝']));
    expect(req.status).toBe('fulfilled');
    expect(req.urgent).toBe(true);
    expect(req.location).toMatchObject({ building: '3', unit: '2', room: '1102' });
  });

  it('matches 周航 to 王丽 and 赵敏 to 马建军', () => {
    expect(at('19:34').find((o) => o.room === B3)?.mentions).toEqual(['王丽', '周航']);
    expect(at('20:06').find((o) => o.room === B3)?.mentions).toEqual(['马建军', '赵敏']);
  });

  it('records the antigen offer as standing and never matches the pharmacy notice to it', () => {
    expect(
      state.aid.offers.some((o) => o.helper === '赵敏' && o.items.some((i) => i.category === 'antigen_test') && o.pickup?.includes('保安')),
    ).toBe(true);
    expect(state.aid.requests.some((r) => r.requester === '李阿姨')).toBe(false);
    expect(at('20:20')).toEqual([]);
    expect(at('21:40')).toEqual([]);
  });

  it('escalates 林晓雯 once per level by 22:10, with who, what, where and when privately', () => {
    const before = out.filter((o) => (o.at ?? '') < '2022-12-18T22:11');
    const toWorker = before.filter((o) => o.to === '邱靓' && o.text?.includes('林晓雯'));
    const relay = before.filter((o) => o.room === GRID);
    expect(toWorker.length + relay.length).toBeGreaterThan(0);
    expect(toWorker.length).toBeLessThanOrEqual(1);
    expect(relay.length).toBeLessThanOrEqual(1);
    if (toWorker[0]) {
      for (const detail of ['602', '孕妇', '对乙酰氨基酚', '38.8', '21:36']) expect(toWorker[0].text).toContain(detail);
    }
    for (const r of relay) {
      expect(r.mentions).toContain('邱靓');
      expect(r.text).not.toMatch(/602|林晓雯|1[3-9]\d{9}/);
    }
  });

  it('never escalates the cancelled, the not-urgent or the matched request', () => {
    const escalations = out.filter((o) => (o.room === GRID || o.to === '邱靓' || o.to === '王晓慧') && hhmm(o) !== '08:30');
    for (const e of escalations) expect(e.text).not.toMatch(/蒙脱石散|黄桃|N95/);
  });

  it('counts the grid worker as the helper and fires no later level after 22:15', () => {
    const after = out.filter((o) => (o.at ?? '') >= '2022-12-18T22:15' && o.text?.includes('林晓雯') && o.room !== B3);
    expect(after.filter((o) => o.to === '王晓慧')).toEqual([]);
    expect(state.aid.requests.find((r) => r.requester === '林晓雯')?.status).toBe('fulfilled');
  });

  it('closes 马建军 on his thanks the next morning and leaves 郭丽娜 unescalated to the worker', () => {
    expect(state.aid.requests.find((r) => r.requester === '马建军')?.status).toBe('fulfilled');
    const guo = state.aid.requests.find((r) => r.requester === '郭丽娜')!;
    expect(guo.urgent).toBe(false);
    expect(guo.escalatedToWorkerAt).toBeNull();
    expect(state.aid.requests.find((r) => r.requester === '吴红梅')?.status).toBe('cancelled');
  });

  it('is quiet: 4 to 8 messages in the building group, none to residents privately', () => {
    expect(inRoom(B3).length).toBeGreaterThanOrEqual(4);
    expect(inRoom(B3).length).toBeLessThanOrEqual(8);
    const residents = ['陈思雨', '刘建国', '孙桂芝', '赵敏', '王丽', '周航', '马建军', '吴红梅', '郭丽娜', '林晓雯', '李阿姨'];
    expect(out.filter((o) => o.to && residents.includes(o.to))).toEqual([]);
  });

  it('sends any morning summary privately, never to the building group', () => {
    const morning = at('08:30', '2022-12-19');
    expect(morning.filter((o) => o.room)).toEqual([]);
  });

  it('never repeats a room number in a group unless it was posted there', () => {
    expect(findPrivacyLeaks(input, out)).toEqual([]);
  });
});
