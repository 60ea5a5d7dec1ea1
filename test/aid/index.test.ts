// The aid indexes: kept in step with the state by each commit's patches they answer exactly what a
// scan answers, and with them matching and the escalation job read only the records concerned.
import { aidPost } from '../support/aid-post.ts';
import { freshRequestFields } from '../../src/domain/aid/requests.ts';
import { describe, expect, it } from 'vitest';
import { AidIndex, attachIndex, escalateAndExpire, isOpen, nextDueAt } from '../../src/domain/aid/index.ts';
import type { AidEnv, AidRequest, AidSettings, AidState, StandingOffer } from '../../src/domain/aid/index.ts';
import { handleAidPost } from '../../src/domain/aid/index.ts';
import { indexChanges } from '../../src/bot/features/aid-index.ts';
import { produceWithPatches } from '../../src/store/patches.ts';
import { emptyState, type BotState } from '../../src/store/state.ts';
import type { Category } from '../../src/domain/types.ts';

const settings: AidSettings = {
  replyWindowMinutes: 30,
  refreshWindowMinutes: 60,
  expiryHours: 24,
  escalation: { urgentToGridGroupMinutes: 10, urgentToWorkerMinutes: 20, normalToGridGroupMinutes: 30 },
};
const T0 = Date.parse('2022-12-18T18:00:00+08:00');
const ROOMS = ['一号楼群', '二号楼群', '三号楼群', '四号楼群'];
const GRIDS = ['东网格', '西网格'];
const CATEGORIES: Category[] = ['fever_medicine', 'antigen_test', 'mask', 'food'];

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function request(i: number, pick: (n: number) => number): AidRequest {
  const at = new Date(T0 + pick(600) * 60_000).toISOString();
  const room = ROOMS[pick(ROOMS.length)]!;
  const loc = { building: String(pick(4) + 1), unit: null, floor: null, room: String(100 + pick(5)) };
  return {
    id: `R${i}`,
    room,
    grid: GRIDS[pick(GRIDS.length)]!,
    requester: `居民${pick(8)}`,
    onBehalfOf: null,
    anonymous: false,
    text: '求助',
    messageIds: [`m${i}`],
    items: [{ name: '某物', category: CATEGORIES[pick(CATEGORIES.length)]! }],
    forWhom: 'unknown',
    location: loc,
    postedLocation: loc,
    urgent: pick(2) === 0,
    relaxed: pick(5) === 0,
    temperature: null,
    pickup: null,
    byStaff: pick(6) === 0,
    ...freshRequestFields(at),
  };
}

function offer(i: number, pick: (n: number) => number): StandingOffer {
  return {
    id: `O${i}`,
    room: ROOMS[pick(ROOMS.length)]!,
    grid: GRIDS[pick(GRIDS.length)]!,
    helper: `邻居${pick(8)}`,
    items: [{ name: '某物', category: CATEGORIES[pick(CATEGORIES.length)]! }],
    pickup: null,
    text: '有',
    createdAt: new Date(T0 + pick(600) * 60_000).toISOString(),
    active: true,
  };
}

/** One random unit of work on the aid state, as handlers make them. */
function randomUnit(d: BotState, i: number, pick: (n: number) => number): void {
  const reqs = d.aid.requests;
  const op = pick(9);
  if (op <= 2 || reqs.length === 0) reqs.push(request(i, pick));
  else if (op === 3) d.aid.offers.push(offer(i, pick));
  else if (op === 4 && d.aid.offers.length) d.aid.offers[pick(d.aid.offers.length)]!.active = false;
  else if (op === 5) {
    const r = reqs[pick(reqs.length)]!;
    r.status = (['fulfilled', 'cancelled', 'expired', 'open'] as const)[pick(4)]!;
  } else if (op === 6) {
    const r = reqs[pick(reqs.length)]!;
    r.status = 'matched';
    // Now and then the same helper answers twice.
    const helper = r.offers.length && pick(2) ? r.offers[0]!.helper : `邻居${pick(8)}`;
    r.offers.push({ helper, at: r.createdAt, text: '我有', items: [], pickup: null, delivered: false });
  } else if (op === 7) {
    const r = reqs[pick(reqs.length)]!;
    r.escalatedToGridAt = r.createdAt;
    if (pick(2)) r.escalatedToWorkerAt = r.createdAt;
  } else {
    // The nightly retention: the whole list replaced by its open part.
    d.aid.requests = reqs.filter((r) => isOpen(r));
  }
}

const ids = (rs: { id: string }[]) => rs.map((r) => r.id);

describe('aid indexes', () => {
  it('kept in step by each unit’s patches, they answer what a scan of the state answers', () => {
    const pick = (
      (rnd) => (n: number) =>
        Math.floor(rnd() * n)
    )(random(9));
    const kept = new AidIndex(settings);
    let state = emptyState();
    kept.rebuild(state.aid);
    for (let i = 0; i < 600; i++) {
      const [next, patches] = produceWithPatches(state, (d) => randomUnit(d as BotState, i, pick));
      state = next;
      const changes = indexChanges(patches);
      if (changes) kept.update(state.aid, changes);
      else kept.rebuild(state.aid);
      if (i % 20 !== 0) continue;
      const aid = state.aid;
      const open = aid.requests.filter(isOpen);
      for (const room of ROOMS) expect(ids(kept.openRequests(aid, [['room', room]]))).toEqual(ids(open.filter((r) => r.room === room)));
      for (const grid of GRIDS) expect(ids(kept.openRequests(aid, [['grid', grid]]))).toEqual(ids(open.filter((r) => r.grid === grid)));
      for (const k of [0, 3, 7]) {
        const helper = `邻居${k}`;
        expect(ids(kept.openRequests(aid, [['helper', helper]]))).toEqual(
          ids(open.filter((r) => r.offers.some((o) => o.helper === helper))),
        );
        const who = `居民${k}`;
        expect(ids(kept.openRequests(aid, [['requester', who]]))).toEqual(ids(open.filter((r) => r.requester === who)));
      }
      const now = new Date(T0 + pick(2000) * 60_000);
      expect(ids(kept.dueRequests(aid, now))).toEqual(ids(aid.requests.filter((r) => nextDueAt(r, settings) <= now.getTime())));
      for (const c of CATEGORIES) {
        expect(ids(kept.offersFor(aid, [c], ROOMS[0]!, GRIDS[1]!))).toEqual(
          ids(aid.offers.filter((o) => o.active && o.items.some((x) => x.category === c) && (o.room === ROOMS[0] || o.grid === GRIDS[1]))),
        );
      }
    }
  });

  it('gives a request its next due time at the escalation ladder’s steps, and none once closed', () => {
    const pick = () => 0;
    const r = { ...request(1, pick), urgent: true, relaxed: false, byStaff: false };
    const created = Date.parse(r.createdAt);
    expect(nextDueAt(r, settings)).toBe(created + 10 * 60_000);
    expect(nextDueAt({ ...r, escalatedToGridAt: r.createdAt }, settings)).toBe(created + 20 * 60_000);
    expect(nextDueAt({ ...r, escalatedToGridAt: r.createdAt, escalatedToWorkerAt: r.createdAt }, settings)).toBe(created + 24 * 3_600_000);
    expect(nextDueAt({ ...r, urgent: false }, settings)).toBe(created + 30 * 60_000);
    expect(nextDueAt({ ...r, relaxed: true }, settings)).toBe(created + 24 * 3_600_000);
    expect(nextDueAt({ ...r, status: 'fulfilled' }, settings)).toBe(Infinity);
  });
});

/** The state with its request list behind a proxy that counts how many records were read. */
function counted(aid: AidState): { state: AidState; reads: () => number } {
  let reads = 0;
  const requests = new Proxy(aid.requests, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { state: { ...aid, requests }, reads: () => reads };
}

const env: AidEnv = {
  settings,
  gridWorkers: (grid) => (grid ? ['网格员'] : []),
  admins: () => ['管理员'],
  gridRoom: (grid) => (grid ? `${grid}群` : null),
  roomBuilding: () => null,
  categoryOf: () => null,
  notDosed: [],
  knownMember: () => true,
};

describe('lookups with the index read only the records concerned', () => {
  // 2,000 quiet requests in other groups, long since relayed: nothing is due for them for hours.
  const aid: AidState = { requests: [], offers: [], stock: [], nextId: 1, speakers: {} };
  for (let i = 0; i < 2000; i++) {
    const r = request(i, () => 0);
    aid.requests.push({ ...r, room: `别的楼${i % 50}群`, requester: `居民${i}`, createdAt: new Date(T0).toISOString(), relaxed: true });
  }
  aid.requests.push({
    ...request(2000, () => 0),
    room: ROOMS[0]!,
    requester: '求助人',
    items: [{ name: '布洛芬', category: 'fever_medicine' }],
    relaxed: false,
    byStaff: false,
  });
  aid.nextId = 2001;

  it('an offer in a group reads that group’s requests, not the other 2,000', () => {
    const index = new AidIndex(settings);
    index.rebuild(aid);
    const { state, reads } = counted(structuredClone(aid));
    attachIndex(state, index);
    const post = aidPost(
      'offer-1',
      '热心邻居',
      '我家有布洛芬',
      new Date(T0 + 60 * 60_000),
      { room: ROOMS[0]!, grid: GRIDS[0]! },
      {
        intent: 'offer',
        items: [{ name: '布洛芬', category: 'fever_medicine' }],
      },
    );
    const { effects } = handleAidPost(state, post, env);
    expect(effects.some((e) => e.kind === 'room' && e.mentions.includes('求助人'))).toBe(true);
    expect(reads()).toBeLessThan(20);
  });

  it('a minute’s escalation check reads only the requests something is due for', () => {
    const index = new AidIndex(settings);
    index.rebuild(aid);
    const { state, reads } = counted(structuredClone(aid));
    attachIndex(state, index);
    // 40 minutes on: only the last request (urgent or not) is due for its relay.
    const { effects } = escalateAndExpire(state, new Date(T0 + 40 * 60_000), env);
    expect(effects.length).toBeGreaterThan(0);
    expect(reads()).toBeLessThan(20);
    // The same check without the index reads every request.
    const plain = counted(structuredClone(aid));
    escalateAndExpire(plain.state, new Date(T0 + 40 * 60_000), env);
    expect(plain.reads()).toBeGreaterThan(2000);
  });
});

describe('the bot keeps an index in step through real units of work', () => {
  it('after a day of posts, offers, closes, relays and the sweep to history, it answers what a fresh one answers', async () => {
    const { createHarness } = await import('../support/harness.ts');
    const { keepAidIndex } = await import('../../src/bot/features/aid-index.ts');
    const B1 = '楚凤社区1号楼群';
    const B2 = '楚凤社区2号楼群';
    const h = await createHarness('2022-12-01T18:00:00+08:00');
    const kept = keepAidIndex(h.app.bot, h.app.config.aid);
    const posts: [string, string, string, string][] = [
      ['18:05', B1, '周阿姨', '谁家有退烧药?老人烧到38度5'],
      ['18:06', B2, '小韩', '求一盒抗原,急'],
      ['18:07', B1, '老钱', '我家有布洛芬,放门口了'],
      ['18:20', B2, '何姐', '有没有多余的口罩'],
      ['18:25', B1, '周阿姨', '谢谢,拿到了'],
      ['18:40', B2, '小韩', '取消'],
      ['19:10', B1, '冯大爷', '谁有蒙脱石散,孩子拉肚子'],
    ];
    for (const [at, room, who, text] of posts) await h.say(who, text, { room, at });
    // Relays and the worker's alerts fire on the way; a day later the sweep moves what closed.
    await h.advance('2022-12-02T20:00:00+08:00');
    await h.say('邻居甲', '谁家有体温计', { room: B1, at: '2022-12-02T20:05:00+08:00' });
    const aid = h.app.bot.state.aid;
    const fresh = new AidIndex(h.app.config.aid);
    fresh.rebuild(aid);
    for (const room of [B1, B2])
      expect(ids(kept.openRequests(aid, [['room', room]]))).toEqual(ids(fresh.openRequests(aid, [['room', room]])));
    for (const t of ['2022-12-02T20:06:00+08:00', '2022-12-03T20:06:00+08:00'])
      expect(ids(kept.dueRequests(aid, new Date(t)))).toEqual(ids(fresh.dueRequests(aid, new Date(t))));
    expect(ids(kept.openRequests(aid, [['room', B1]]))).toEqual(ids(aid.requests.filter((r) => isOpen(r) && r.room === B1)));
    expect(aid.requests.length).toBeGreaterThan(0);
  }, 60_000);
});
