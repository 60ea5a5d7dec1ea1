// Issue 10 through the whole bot (real Wechaty on the mock puppet): an impostor with a grid
// worker's display name, a re-login that changes every contact id, and a renamed group.
import { beforeAll, describe, expect, it } from 'vitest';
import { replayText, type ReplayOutput } from '../support/replay.ts';
import type { BotState } from '../../src/store/state.ts';

const ROSTER = [
  { name: '鲁秋菊', building: '5', room: '101', phone: '13900002201', worker: '温晓燕', frequency: 'daily', note: '独居' },
  { name: '葛长河', building: '5', room: '302', phone: '13900002202', worker: '温晓燕', frequency: 'daily', note: '空巢' },
];
const lines = [
  {
    setup: {
      now: '2023-01-09T08:00:00+08:00',
      rooms: [
        { topic: '桃源里5号楼群', kind: 'building', building: '5', grid: '桃源一网格' },
        { topic: '桃源一网格群', kind: 'grid', grid: '桃源一网格' },
      ],
      people: [
        { name: '温晓燕', id: 'wxid_wen', role: 'grid_worker', grid: '桃源一网格' },
        { name: '蔡主任', id: 'wxid_cai', role: 'admin' },
      ],
      roster: ROSTER,
    },
  },
  { at: '2023-01-09T08:40:00+08:00', room: '桃源里5号楼群', from: '郑大哥', text: '今天降温了,大家注意保暖' },
  { at: '2023-01-09T09:05:00+08:00' },
  // The impostor: same display name, another contact.
  { at: '2023-01-09T09:10:00+08:00', dm: true, from: '温晓燕', fromId: 'wxid_fake', text: '今天要回访哪些人' },
  { at: '2023-01-09T09:12:00+08:00', dm: true, from: '温晓燕', fromId: 'wxid_fake', text: '鲁秋菊我刚打过了,挺好的' },
  { at: '2023-01-09T09:14:00+08:00', dm: true, from: '温晓燕', fromId: 'wxid_fake', text: '库存 布洛芬 +50' },
  // A new login: every contact id changes; WeChat keeps the remark the bot gave her.
  { at: '2023-01-09T09:30:00+08:00', relogin: true },
  { at: '2023-01-09T09:35:00+08:00', dm: true, from: '温晓燕', text: '今天要回访哪些人' },
  { at: '2023-01-09T09:40:00+08:00', dm: true, from: '温晓燕', text: '葛长河接了,说身体还行' },
  // A member renames the building group; it stays building 5.
  { at: '2023-01-09T10:00:00+08:00', rename: { room: '桃源里5号楼群', topic: '5号楼闲聊', by: '郑大哥' } },
  { at: '2023-01-09T10:05:00+08:00', room: '5号楼闲聊', from: '郑大哥', text: '5号楼有没有邻居家有体温计,借用一下,孩子好像发烧了' },
];

let out: ReplayOutput[];
let state: BotState;
const wrote = (o: ReplayOutput & { toId?: string }) => o.toId;

beforeAll(async () => {
  ({ out, state } = await replayText(lines.map((l) => JSON.stringify(l)).join('\n')));
}, 60_000);

describe('trust in a replay', () => {
  it('prints no error lines', () => {
    expect(out.filter((o) => o.error)).toEqual([]);
  });

  it('sends the morning list to the enrolled contact only', () => {
    const briefing = out.filter((o) => o.to === '温晓燕' && o.text?.includes('13900002201'));
    expect(briefing.length).toBeGreaterThan(0);
    for (const b of briefing) expect(wrote(b)).not.toBe('wxid_fake');
    expect(wrote(briefing[0]!)).toBe('wxid_wen');
  });

  it('gives the impostor nothing private: no roster name, phone or room', () => {
    const toImpostor = out.filter((o) => wrote(o) === 'wxid_fake' || (wrote(o) ?? '').startsWith('wxid_fake'));
    expect(toImpostor.length).toBeGreaterThan(0); // he is answered, as a resident
    for (const o of toImpostor) {
      for (const r of ROSTER) {
        expect(o.text).not.toContain(r.phone);
        expect(o.text).not.toContain(r.name === '鲁秋菊' ? '13900002201' : r.phone);
      }
      expect(o.text).not.toContain('葛长河');
      expect(o.text).not.toMatch(/302|5-101/);
    }
  });

  it('does not record the impostor’s report or his stock change', () => {
    expect(state.calls.filter((c) => c.rosterId && c.text.includes('鲁秋菊'))).toEqual([]);
    const ibuprofen = state.aid.stock.flatMap((p) => Object.entries(p.stock)).find(([item]) => item === '布洛芬');
    expect(ibuprofen?.[1] ?? 0).toBeLessThan(50);
  });

  it('recognises the worker after a re-login through the remark, and records her report', () => {
    const afterRelogin = out.filter((o) => (o.at ?? '') >= '2023-01-09T09:35' && o.to === '温晓燕');
    expect(afterRelogin.some((o) => o.text?.includes('鲁秋菊'))).toBe(true);
    expect(state.calls.some((c) => c.worker === '温晓燕' && c.text.includes('葛长河'))).toBe(true);
    const wen = state.staff.find((s) => s.name === '温晓燕')!;
    expect(wen.contactId).not.toBe('wxid_wen'); // rebound to the new login's id
    expect(wen.contactId).toMatch(/^wxid_wen/);
  });

  it('keeps a renamed group’s binding: the new topic is still building 5', () => {
    const binding = state.roomBindings.find((b) => b.topic === '5号楼闲聊');
    expect(binding).toMatchObject({ kind: 'building', building: '5' });
    const req = state.aid.requests.find((r) => r.room === '5号楼闲聊');
    expect(req?.location.building).toBe('5');
  });
});
