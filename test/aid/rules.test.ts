// Domain rules of mutual aid, without the bot: who hears of an expiry, when a match needs the
// safety line, and who counts as being in a group.
import { describe, expect, it } from 'vitest';
import {
  applyAidChanges,
  emptyAidState,
  isEmptyChange,
  escalateAndExpire,
  handedOver,
  isDosedMedicine,
  needsSafetyLine,
  noteSpeaker,
  postCallbackNeed,
  type AidEnv,
} from '../../src/domain/aid/index.ts';
import { inRoom } from '../../src/domain/aid/members.ts';
import { loadItemsFile } from '../../src/config/load-items.ts';
import { CATEGORIES, type ParsedItem } from '../../src/domain/types.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { notDosed } = loadItemsFile('config');
const item = (name: string, category: ParsedItem['category']): ParsedItem => ({ name, category });

const env = (over: Partial<AidEnv> = {}): AidEnv => ({
  settings: {
    replyWindowMinutes: 30,
    refreshWindowMinutes: 120,
    expiryHours: 24,
    escalation: { urgentToGridGroupMinutes: 10, urgentToWorkerMinutes: 20, normalToGridGroupMinutes: 30 },
  },
  gridWorkers: () => ['网格员甲'],
  admins: () => [],
  gridRoom: () => '网格群',
  roomBuilding: () => '2',
  categoryOf: () => null,
  notDosed,
  knownMember: () => false,
  ...over,
});

describe('expiry', () => {
  it('closes a need the bot posted for a grid worker without telling her, in the group or privately', () => {
    const state = emptyAidState();
    const t0 = new Date('2022-12-20T10:00:00+08:00');
    const posted = postCallbackNeed(state, {
      worker: '网格员甲',
      person: '名单上的人',
      building: '2',
      unit: null,
      room: '301',
      grid: '一网格',
      items: [item('退烧药', 'fever_medicine')],
      forWhom: 'elderly',
      urgent: false,
      temperature: null,
      groupTopic: '2号楼群',
      at: t0,
    });
    expect(posted.created).toBe(true);
    expect(posted.changes.requests.map((r) => r.id)).toEqual([posted.request!.id]);
    expect(posted.changes.nextId).toBe(state.nextId + 1);
    expect(state.requests).toEqual([]); // returned, not written
    applyAidChanges(state, posted.changes);
    const { changes, effects } = escalateAndExpire(state, new Date(t0.getTime() + 25 * 3600_000), env());
    expect(effects).toEqual([]);
    expect(changes.requests).toHaveLength(1);
    expect(changes.requests[0]).toMatchObject({ id: posted.request!.id, status: 'expired', expiryNotified: true });
    expect(state.requests[0]!.status).toBe('open'); // the state given stays as it was
  });
});

describe('safety line', () => {
  it('counts medicine by dose, not by category: oximeters and cooling patches are not dosed', () => {
    expect(isDosedMedicine(item('布洛芬', 'fever_medicine'), notDosed)).toBe(true);
    expect(isDosedMedicine(item('降压药', 'other_medicine'), notDosed)).toBe(true);
    expect(isDosedMedicine(item('指夹式血氧仪', 'other_medicine'), notDosed)).toBe(false);
    expect(isDosedMedicine(item('退热贴', 'other_medicine'), notDosed)).toBe(false);
    expect(isDosedMedicine(item('黄桃罐头', 'food'), notDosed)).toBe(false);
  });

  it('looks at what changes hands: the offered items that answer the request, or the request for a bare reply', () => {
    const ibuprofen = item('布洛芬', 'fever_medicine');
    const patch = item('退烧贴', 'other_medicine');
    const masks = item('口罩', 'mask');
    expect(handedOver([ibuprofen, patch], [])).toEqual([ibuprofen, patch]);
    expect(handedOver([ibuprofen, patch], [patch])).toEqual([patch]);
    expect(handedOver([ibuprofen], [masks, ibuprofen])).toEqual([ibuprofen]);
    expect(needsSafetyLine([ibuprofen, patch], [patch], notDosed)).toBe(false);
    expect(needsSafetyLine([ibuprofen, patch], [], notDosed)).toBe(true);
    expect(needsSafetyLine([item('美林', 'child_fever_medicine')], [ibuprofen], notDosed)).toBe(true); // adult stand-in for a child
  });
});

describe('items.yaml notDosed block', () => {
  const dirWith = (extra: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-notdosed-'));
    writeFileSync(join(dir, 'items.yaml'), `categories:\n${CATEGORIES.map((c) => `  ${c}: [x${c}]`).join('\n')}\n${extra}`);
    return dir;
  };

  it("is optional, and kept out of the parser's lexicon", () => {
    const file = loadItemsFile(dirWith(''));
    expect(file.notDosed).toEqual([]);
    expect(Object.keys(loadItemsFile('config').lexicon)).not.toContain('notDosed');
    expect(notDosed).toContain('血氧仪');
  });

  it('names the key when it is wrong', () => {
    expect(() => loadItemsFile(dirWith('notDosed: [血氧仪, ""]\n'))).toThrow(/items\.yaml[\s\S]*notDosed/);
  });
});

describe('group membership', () => {
  it('knows who posted in a group, keeps the list bounded, and asks the people config for the rest', () => {
    const state = emptyAidState();
    const first = noteSpeaker(state, '2号楼群', '张三');
    expect(first.speakers).toEqual({ '2号楼群': ['张三'] });
    expect(state.speakers).toEqual({}); // returned, not written
    applyAidChanges(state, first);
    expect(isEmptyChange(noteSpeaker(state, '2号楼群', '张三'))).toBe(true); // a known speaker changes nothing
    expect(inRoom(state, env(), '张三', '2号楼群')).toBe(true);
    expect(inRoom(state, env(), '张三', '3号楼群')).toBe(false);
    expect(inRoom(state, env({ knownMember: (n, r) => n === '李四' && r === '3号楼群' }), '李四', '3号楼群')).toBe(true);
    for (let i = 0; i < 600; i++) applyAidChanges(state, noteSpeaker(state, '2号楼群', `邻居${i}`));
    expect(state.speakers['2号楼群']!.length).toBeLessThanOrEqual(500);
    expect(state.speakers['2号楼群']).not.toContain('张三'); // the oldest speakers drop off first
    expect(state.speakers['2号楼群']!.at(-1)).toBe('邻居599');
  });
});
