// A bound building group renamed while a request in it is open: the request follows the new name,
// so the match notice, the relay and the thanks all reach the group as it is now called.
import { beforeAll, describe, expect, it } from 'vitest';
import { replayText, type ReplayOutput } from '../support/replay.ts';
import type { BotState } from '../../src/store/state.ts';

const OLD = '杏林苑7号楼群';
const NEW = '7号楼邻里互助';
const lines = [
  {
    setup: {
      now: '2023-01-12T19:00:00+08:00',
      rooms: [
        { topic: OLD, kind: 'building', building: '7', grid: '杏林一网格' },
        { topic: '杏林一网格群', kind: 'grid', grid: '杏林一网格' },
      ],
      people: [{ name: '韦晓岚', id: 'wxid_wei', role: 'grid_worker', grid: '杏林一网格' }],
    },
  },
  { at: '2023-01-12T19:02:00+08:00', room: OLD, from: '毛阿姨', text: '7号楼有没有邻居家有血氧仪,老伴咳得厉害想测一下' },
  { at: '2023-01-12T19:04:00+08:00', rename: { room: OLD, topic: NEW, by: '毛阿姨' } },
  // Nobody answers within half an hour: the relay to the grid group names the building.
  { at: '2023-01-12T19:40:00+08:00' },
  { at: '2023-01-12T19:45:00+08:00', room: NEW, from: '蒋师傅', text: '我家有血氧仪,可以借' },
  { at: '2023-01-12T20:10:00+08:00', room: NEW, from: '毛阿姨', text: '拿到了,谢谢蒋师傅' },
];

let out: ReplayOutput[];
let state: BotState;

beforeAll(async () => {
  ({ out, state } = await replayText(lines.map((l) => JSON.stringify(l)).join('\n')));
}, 60_000);

describe('a renamed group keeps its open requests', () => {
  it('moves the open request to the new name and matches an offer posted there', () => {
    expect(out.filter((o) => o.error)).toEqual([]);
    const req = state.aid.requests.find((r) => r.requester === '毛阿姨');
    expect(req).toMatchObject({ room: NEW, status: 'fulfilled', helper: '蒋师傅' });
  });

  it('speaks in the group under its new name only, @-mentioning both sides', () => {
    const inGroup = out.filter((o) => o.room === NEW);
    expect(inGroup.some((o) => o.mentions?.includes('毛阿姨') && o.mentions?.includes('蒋师傅'))).toBe(true);
    expect(out.filter((o) => o.room === OLD && o.at! > '2023-01-12T19:04')).toEqual([]);
  });
});
