// A neighbour answering a relay in the grid group (test/fixtures/replay-aid-cross-group.jsonl):
// an @-mention only reaches someone in that group, so a helper outside the requester's group
// is thanked where he spoke and both sides are told privately.
import { beforeAll, describe, expect, it } from 'vitest';
import { replayFile, type ReplayOutput } from '../support/replay.ts';
import type { BotState } from '../../src/store/state.ts';

const B5 = '清水湾5号楼群';
const B6 = '清水湾6号楼群';
const G = '清水湾网格群';
const local = (t: string) => `2022-12-22T${t}:00+08:00`;

describe('grid-group responders', () => {
  let out: ReplayOutput[];
  let state: BotState;
  let input: Record<string, unknown>[];
  beforeAll(async () => {
    ({ out, state, input } = await replayFile('test/fixtures/replay-aid-cross-group.jsonl'));
  }, 60_000);
  const at = (t: string) => out.filter((o) => o.at === local(t));

  it('prints no error lines', () => {
    expect(out.filter((o) => o.error)).toEqual([]);
  });

  it('@-mentions in a group only people seen there or placed there by the people config', () => {
    const setup = (
      input[0] as {
        setup: {
          rooms: { topic: string; building?: string; grid?: string }[];
          people: { name: string; role: string; building?: string; grid?: string }[];
        };
      }
    ).setup;
    const member = (name: string, room: string, when: string): boolean => {
      const spoke = input.some((l) => l.room === room && l.from === name && String(l.at) <= when);
      const r = setup.rooms.find((x) => x.topic === room)!;
      const p = setup.people.find((x) => x.name === name);
      const byConfig =
        p !== undefined && (p.role === 'grid_worker' ? p.grid === r.grid : p.building !== undefined && p.building === r.building);
      return spoke || byConfig;
    };
    const lines = out.filter((o) => o.room && o.mentions?.length);
    expect(lines.length).toBeGreaterThan(4);
    for (const o of lines)
      for (const name of o.mentions!) expect(member(name, o.room!, o.at!), `${name} in ${o.room} at ${o.at}`).toBe(true);
  });

  it("a helper who has posted in the requester's group is @-mentioned there with her", () => {
    const back = at('10:15').filter((o) => o.room === B5);
    expect(back.map((o) => o.mentions)).toEqual([['孔梅', '邓丽']]);
    expect(at('10:15').filter((o) => o.to)).toEqual([]);
  });

  it('a helper from outside her group is thanked in the grid group and both are told privately', () => {
    const lines = at('11:15');
    expect(lines.filter((o) => o.room === B6)).toEqual([]);
    expect(lines.filter((o) => o.room === G).map((o) => o.mentions)).toEqual([['焦阳']]);
    const toHer = lines.find((o) => o.to === '韦强');
    const toHim = lines.find((o) => o.to === '焦阳');
    expect(toHer?.text).toMatch(/焦阳/);
    expect(toHer?.text).toMatch(/美林/);
    expect(toHim?.text).toMatch(/韦强/);
    expect(toHim?.text).toMatch(/6号楼/);
  });

  it("keeps the room number in the requester's group: not in the grid group, not in the helper's message", () => {
    for (const o of out.filter((x) => x.room === G || x.to === '焦阳' || x.to === '卢刚')) expect(o.text).not.toMatch(/802/);
    expect(at('11:15').find((o) => o.room === G)?.text).not.toMatch(/韦强/);
  });

  it('a person the people config places in another building counts as outside', () => {
    const lines = at('13:40');
    expect(lines.filter((o) => o.room === B6)).toEqual([]);
    expect(
      lines
        .filter((o) => o.to)
        .map((o) => o.to)
        .sort(),
    ).toEqual(['卢刚', '毛静'].sort());
    expect(state.aid.requests.find((r) => r.requester === '毛静')!.helper).toBe('卢刚');
  });

  it("a standing offer from another building's group is matched privately to both, never with an @ in her group", () => {
    const lines = at('15:30');
    expect(lines.filter((o) => o.room)).toEqual([]);
    expect(lines.find((o) => o.to === '史娜')?.text).toMatch(/武军[\s\S]*连花清瘟/);
    expect(lines.find((o) => o.to === '武军')?.text).toMatch(/史娜/);
    expect(state.aid.requests.find((r) => r.requester === '史娜')!.status).toBe('matched');
  });

  it("the requester's thanks in her own group still closes the request, with nothing more about it", () => {
    const req = state.aid.requests.find((r) => r.requester === '韦强')!;
    expect(req.status).toBe('fulfilled');
    expect(
      out.filter((o) => (o.at ?? '') > local('11:15') && (o.to === '韦强' || o.to === '焦阳' || o.mentions?.includes('韦强'))),
    ).toEqual([]);
  });
});
