// Expiry through the whole bot (test/fixtures/replay-aid-expiry.jsonl): "nobody answered"
// is said once, only to residents whose request nobody answered; a request someone answered
// and a grid worker's own post close quietly.
import { beforeAll, describe, expect, it } from 'vitest';
import { replayFile, type ReplayOutput } from '../support/replay.ts';
import type { BotState } from '../../src/store/state.ts';

const B3 = '安康里3号楼群';
const B4 = '安康里4号楼群';
const local = (t: string) => `${t}:00+08:00`;

describe('expiry notices', () => {
  let out: ReplayOutput[];
  let state: BotState;
  beforeAll(async () => {
    ({ out, state } = await replayFile('test/fixtures/replay-aid-expiry.jsonl'));
  }, 60_000);
  const after = (t: string) => out.filter((o) => (o.at ?? '') >= local(t));
  const request = (who: string) => state.aid.requests.find((r) => r.requester === who)!;

  it('prints no error lines', () => {
    expect(out.filter((o) => o.error)).toEqual([]);
  });

  it('closes every request after 24 hours, answered or not', () => {
    for (const who of ['潘雪', '杜明', '柳青', '葛文']) expect(request(who).status, who).toBe('expired');
  });

  it('tells each resident whose request nobody answered, once, in her own group, that nobody answered', () => {
    for (const [who, room] of [
      ['潘雪', B3],
      ['葛文', B4],
    ] as const) {
      const told = after('2022-12-23T12:10').filter((o) => o.mentions?.includes(who));
      expect(told, who).toHaveLength(1);
      expect(told[0]!.room).toBe(room);
      expect(told[0]!.text).toMatch(/没有(邻居|人)回应/);
    }
  });

  it('says nothing to the requester or the helper of a request that had an answer', () => {
    const matchedAt = local('2022-12-23T09:25');
    expect(out.filter((o) => o.at === matchedAt && o.room === B3)[0]?.mentions).toEqual(['杜明', '姚红']);
    const later = out.filter(
      (o) => (o.at ?? '') > matchedAt && (o.mentions?.some((n) => n === '杜明' || n === '姚红') || o.to === '杜明' || o.to === '姚红'),
    );
    expect(later).toEqual([]);
  });

  it('never tells a grid worker that her own post expired', () => {
    expect(out.filter((o) => o.room !== undefined && o.room !== '安康一网格群' && o.mentions?.includes('柳青'))).toEqual([]);
    expect(out.filter((o) => o.to === '柳青' && /结束|过了24小时|超过/.test(o.text ?? ''))).toEqual([]);
    expect(out.filter((o) => o.at === local('2022-12-24T09:40'))).toEqual([]); // when her post expired
  });

  it('says nothing more about expired requests on later days, except in the staff digest', () => {
    const lines = after('2022-12-24T10:00').filter((o) => o.room);
    expect(lines).toEqual([]);
  });
});
