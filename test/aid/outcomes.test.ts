// Aid operations as values: what a post, a match, the escalation check and a recall return
// (the records touched, the counter, what to say), and how the bot writes that back.
import { describe, expect, it } from 'vitest';
import {
  applyAidChanges,
  emptyAidState,
  escalateAndExpire,
  handleAidPost,
  isEmptyChange,
  recallPost,
  type AidEnv,
  type AidPost,
  type AidState,
} from '../../src/domain/aid/index.ts';
import type { MessageAnalysis, ParsedItem } from '../../src/domain/types.ts';
import { produceWithPatches } from '../../src/store/patches.ts';
import { aidPost } from '../support/aid-post.ts';

const ROOM = '东园4号楼群';
const GRID_ROOM = '东园网格群';
const T0 = Date.parse('2023-01-05T19:00:00+08:00');
const minutes = (m: number) => new Date(T0 + m * 60_000);
const fever: ParsedItem = { name: '退烧药', category: 'fever_medicine' };

const env: AidEnv = {
  settings: {
    replyWindowMinutes: 30,
    refreshWindowMinutes: 120,
    expiryHours: 24,
    escalation: { urgentToGridGroupMinutes: 10, urgentToWorkerMinutes: 20, normalToGridGroupMinutes: 30 },
  },
  gridWorkers: () => ['网格员小周'],
  admins: () => [],
  gridRoom: () => GRID_ROOM,
  roomBuilding: () => '4',
  categoryOf: () => null,
  notDosed: [],
  knownMember: () => false,
};

const post = (id: string, sender: string, text: string, at: Date, reading: Partial<MessageAnalysis>): AidPost =>
  aidPost(id, sender, text, at, { room: ROOM, grid: '东园网格', roomBuilding: '4' }, reading);

const ask = post('m1', '孙阿姨', '家里老伴发烧,哪位邻居有退烧药', minutes(0), { intent: 'request', items: [fever], forWhom: 'elderly' });
const answer = post('m2', '小林', '我有,马上拿下去', minutes(3), { intent: 'offer', contextDependent: true });

/** The state after the request, written back as the bot does. */
function afterAsk(): AidState {
  const state = emptyAidState();
  applyAidChanges(state, handleAidPost(state, ask, env).changes);
  return state;
}

describe('a post returns the records it touched and what to say', () => {
  it('a new request: the request, the counter moved, nothing said', () => {
    const state = emptyAidState();
    const { changes, effects } = handleAidPost(state, ask, env);
    expect(changes.requests).toHaveLength(1);
    expect(changes.requests[0]).toMatchObject({ id: 'R1', requester: '孙阿姨', status: 'open', messageIds: ['m1'] });
    expect(changes.nextId).toBe(2);
    expect(effects).toEqual([]);
    expect(state).toEqual(emptyAidState()); // read, not written
  });

  it('an answer: the request matched, both sides @-mentioned in the group', () => {
    const state = afterAsk();
    const before = structuredClone(state);
    const { changes, effects } = handleAidPost(state, answer, env);
    expect(changes.requests).toHaveLength(1);
    expect(changes.requests[0]).toMatchObject({ id: 'R1', status: 'matched', helper: '小林' });
    expect(changes.requests[0]!.offers.map((o) => o.helper)).toEqual(['小林']);
    expect(changes.nextId).toBeUndefined();
    expect(effects).toHaveLength(1);
    expect(effects[0]).toMatchObject({ kind: 'room', room: ROOM, mentions: ['孙阿姨', '小林'] });
    expect(state).toEqual(before);
  });

  it('chatter changes nothing, so nothing is written', () => {
    const state = afterAsk();
    const chat = post('m3', '老王', '今天降温了,大家注意保暖', minutes(50), {});
    expect(isEmptyChange(handleAidPost(state, chat, env).changes)).toBe(true);
  });
});

describe('the escalation check and a recall return their changes', () => {
  it('relays an unanswered request once: the relay stamp changes, the grid group hears it', () => {
    const state = afterAsk();
    const first = escalateAndExpire(state, minutes(31), env);
    expect(first.changes.requests.map((r) => [r.id, r.escalatedToGridAt])).toEqual([['R1', minutes(31).toISOString()]]);
    expect(first.effects).toEqual([expect.objectContaining({ kind: 'room', room: GRID_ROOM, whileOpen: 'R1' })]);
    applyAidChanges(state, first.changes);
    const again = escalateAndExpire(state, minutes(32), env);
    expect(again.effects).toEqual([]);
    expect(isEmptyChange(again.changes)).toBe(true);
  });

  it('a recalled answer: the request waits again and the requester is told', () => {
    const state = afterAsk();
    applyAidChanges(state, handleAidPost(state, answer, env).changes);
    const { changes, effects } = recallPost(state, 'm2', minutes(5), env);
    expect(changes.requests[0]).toMatchObject({ id: 'R1', status: 'open', helper: null, offers: [] });
    expect(effects).toEqual([expect.objectContaining({ kind: 'room', room: ROOM, mentions: ['孙阿姨'] })]);
    expect(state.requests[0]!.status).toBe('matched');
  });
});

describe('writing the changes back', () => {
  it('changes a record in place, field by field: the patches name the fields that changed', () => {
    const state = afterAsk();
    const { changes } = handleAidPost(state, answer, env);
    const [next, patches] = produceWithPatches(state, (d) => applyAidChanges(d as AidState, changes));
    expect(next.requests).toHaveLength(1);
    expect(next.requests[0]).toEqual(changes.requests[0]);
    const paths = patches.map((p) => p.path.join('.'));
    expect(paths).toContain('requests.0.status');
    expect(paths).toContain('requests.0.offers.0');
    expect(paths.every((p) => p.startsWith('requests.0.'))).toBe(true);
  });

  it('compared with the committed state instead of the draft, writes the same fields and touches nothing else', () => {
    const state = afterAsk();
    const { changes } = handleAidPost(state, answer, env);
    const [viaDraft, draftPatches] = produceWithPatches(state, (d) => applyAidChanges(d as AidState, changes));
    const [viaBefore, beforePatches] = produceWithPatches(state, (d) => applyAidChanges(d as AidState, changes, state));
    expect(beforePatches).toEqual(draftPatches);
    expect(viaBefore).toEqual(viaDraft);
    // The committed state itself is left as it was.
    expect(state.requests[0]!.status).toBe('open');
    expect(state.requests[0]!.offers).toEqual([]);
  });
});

describe('which records an operation changed', () => {
  it('lists an edited record exactly when it would be saved differently (field order and absent fields as JSON has them)', async () => {
    const { AidWork } = await import('../../src/domain/aid/work.ts');
    const base = afterAsk().requests[0]!;
    type Edit = (r: Record<string, unknown>) => void;
    const edits: Edit[] = [
      () => {},
      (r) => void (r.status = String(r.status)),
      (r) => void (r.status = 'matched'),
      (r) => void (r.helper = undefined),
      (r) => void (r.extra = undefined),
      (r) => void (r.helper = 0),
      (r) => void (r.messageIds as unknown[]).push('m9'),
      (r) => void (r.messageIds = [...(r.messageIds as unknown[])]),
      (r) => void (r.location = { ...(r.location as object) }),
      (r) => void ((r.location as Record<string, unknown>).unit = '3'),
      (r) => void ((r.items as Record<string, unknown>[])[0]!.qty = 2),
      (r) => {
        // The same fields in another order: saved differently.
        const text = r.text;
        delete r.text;
        r.text = text;
      },
      (r) => void (r.offers = [null]),
      (r) => void (r.urgent = !r.urgent),
    ];
    for (const [i, edit] of edits.entries()) {
      const work = new AidWork(afterAsk());
      const copy = work.edit(base) as unknown as Record<string, unknown>;
      edit(copy);
      const differs = JSON.stringify(copy) !== JSON.stringify(base);
      expect([i, work.changes().requests.length]).toEqual([i, differs ? 1 : 0]);
    }
  });
});
