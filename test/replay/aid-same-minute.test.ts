// Two requests in the same minute (test/fixtures/replay-aid-same-minute.jsonl): a reply that
// names an item goes to the request it fits; a bare 我家有 to the latest ask.
import { beforeAll, describe, expect, it } from 'vitest';
import { replayFile, type ReplayOutput } from '../support/replay.ts';
import type { BotState } from '../../src/store/state.ts';

const B8 = '和美家园8号楼群';
const local = (t: string) => `2022-12-25T${t}:00+08:00`;

describe('which request a reply answers', () => {
  let out: ReplayOutput[];
  let state: BotState;
  beforeAll(async () => {
    ({ out, state } = await replayFile('test/fixtures/replay-aid-same-minute.jsonl'));
  }, 60_000);
  const noticeAt = (t: string) => out.filter((o) => o.at === local(t) && o.room === B8);
  const request = (who: string) => state.aid.requests.find((r) => r.requester === who)!;

  it('prints no error lines', () => {
    expect(out.filter((o) => o.error)).toEqual([]);
  });

  it('a bare 我家有 goes to the request asked second in the same minute', () => {
    expect(noticeAt('19:01').map((o) => o.mentions)).toEqual([['段飞', '苗苗']]);
    expect(request('金花').offers.map((o) => o.helper)).not.toContain('苗苗');
  });

  it('a reply naming an item goes to the request it fits, even when another is later', () => {
    expect(noticeAt('19:02').map((o) => o.mentions)).toEqual([['金花', '常青']]);
  });

  it('of two requests stamped the same moment, the one posted second is the latest', () => {
    expect(noticeAt('20:01').map((o) => o.mentions)).toEqual([['柏林', '苗苗']]);
    expect(request('洪涛').status).toBe('open');
  });

  it('the requester adding to her thread makes hers the latest ask again', () => {
    expect(noticeAt('21:02').map((o) => o.mentions)).toEqual([['邵刚', '蔡华']]);
    expect(request('崔莉').offers).toEqual([]);
  });

  it('a helper answering the older request does not make it the latest ask', () => {
    expect(noticeAt('22:01').map((o) => o.mentions)).toEqual([['樊静', '温馨']]);
    expect(noticeAt('22:02').map((o) => o.mentions)).toEqual([['鲁平', '喻波']]);
    expect(request('樊静').offers.map((o) => o.helper)).toEqual(['温馨']);
  });

  it('opens no request for a reply', () => {
    for (const who of ['苗苗', '常青', '蔡华', '温馨', '喻波'])
      expect(
        state.aid.requests.filter((r) => r.requester === who),
        who,
      ).toEqual([]);
  });
});
