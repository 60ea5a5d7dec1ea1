// The medicine safety line (test/fixtures/replay-aid-safety-line.jsonl) goes on a match only
// when a medicine someone takes by dose changes hands: not an oximeter, a cooling patch or food.
import { beforeAll, describe, expect, it } from 'vitest';
import { replayFile, type ReplayOutput } from '../support/replay.ts';

const B7 = '长乐园7号楼群';
const SAFETY = /说明书|遵医嘱/;
const DOSE = /\d+(\.\d+)?\s*(ml|毫升|片|粒|mg|毫克|袋|支)/i;

describe('safety line on match notices', () => {
  let out: ReplayOutput[];
  beforeAll(async () => {
    ({ out } = await replayFile('test/fixtures/replay-aid-safety-line.jsonl'));
  }, 60_000);
  /** The one notice in the building group that @-mentions this requester first. */
  const noticeFor = (who: string): ReplayOutput => {
    const found = out.filter((o) => o.room === B7 && o.mentions?.[0] === who);
    expect(found, who).toHaveLength(1);
    return found[0]!;
  };

  it('prints no error lines', () => {
    expect(out.filter((o) => o.error)).toEqual([]);
  });

  it('leaves it off devices, patches and food', () => {
    expect(noticeFor('谢婷').text).toMatch(/血氧仪/);
    for (const who of ['谢婷', '龚敏', '袁娟']) expect(noticeFor(who).text, who).not.toMatch(SAFETY);
  });

  it('looks at what changes hands: a patch offered for a request of medicine and patches gets none', () => {
    expect(noticeFor('石磊').text).toMatch(/退烧贴/);
    expect(noticeFor('石磊').text).not.toMatch(SAFETY);
  });

  it('leaves it off a standing offer and pickup stock of patches', () => {
    expect(noticeFor('汪雨').mentions).toEqual(['汪雨', '邹萍']);
    expect(noticeFor('汪雨').text).not.toMatch(SAFETY);
    expect(noticeFor('贺军').text).toMatch(/领取/);
    expect(noticeFor('贺军').text).not.toMatch(SAFETY);
  });

  it('puts it on medicine matches, from a neighbour and from pickup stock', () => {
    expect(noticeFor('魏兰').text).toMatch(SAFETY);
    expect(noticeFor('严梅').text).toMatch(/对乙酰氨基酚/);
    expect(noticeFor('严梅').text).toMatch(SAFETY);
  });

  it('never gives a dose', () => {
    for (const o of out) expect(o.text ?? '').not.toMatch(DOSE);
  });
});
