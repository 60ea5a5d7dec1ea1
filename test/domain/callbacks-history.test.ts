// Calls move to history as soon as nothing live reads them (callsStillRead). The check: two
// months of varied calls for people on every frequency, moved day by day as the bot would, and
// every live reader (due lists, the morning list, 最近情况, open findings, the day's counts, the
// week's figures) gives exactly what it gives on every call ever made.
import { describe, expect, it } from 'vitest';
import {
  buildDueItems,
  type CallOutcome,
  type CallRecord,
  callsStillRead,
  countsByWorker,
  escalationsStillRead,
  dateRange,
  type HealthFlag,
  lastDays,
  lastResult,
  lastSuccess,
  openFlags,
  openNeeds,
  type RosterEntry,
  workerStats,
} from '../../src/domain/callbacks/index.ts';
import { formatPersonStatus } from '../../src/domain/callbacks/format-worker.ts';
import type { Frequency } from '../../src/domain/callbacks/types.ts';
import type { ParsedItem } from '../../src/domain/types.ts';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FREQUENCIES: Frequency[] = ['daily', 'weekly', { weekdays: [1, 4] }, 'daily', 'weekly', { weekdays: [3] }];
const OUTCOMES: CallOutcome[] = ['reached', 'reached', 'reached', 'unreachable', 'visited', 'proxy', 'delivery'];
const FLAGS: HealthFlag[] = ['fever', 'cough', 'no_medicine'];
const NEEDS: ParsedItem[] = [
  { name: '布洛芬', category: 'fever_medicine' },
  { name: '降压药', category: 'other_medicine' },
  { name: '口罩', category: 'mask' },
];

const roster: RosterEntry[] = FREQUENCIES.flatMap((frequency, i) =>
  ['甲', '乙'].map(
    (suffix, j): RosterEntry => ({
      id: `p${i}${j}`,
      name: `老人${i}${suffix}`,
      building: String(i + 1),
      unit: null,
      room: `${i + 1}0${j + 1}`,
      phone: '',
      note: '',
      worker: j === 0 ? '邵婷婷' : '王磊',
      frequency,
    }),
  ),
);

/** Calls of one day: most people called once or twice, some not at all; findings now and then. */
function callsOn(date: string, next: () => number, ids: { n: number }): CallRecord[] {
  const out: CallRecord[] = [];
  for (const entry of roster) {
    if (next() < 0.35) continue;
    const times = next() < 0.25 ? 2 : 1;
    for (let k = 0; k < times; k++) {
      const outcome = OUTCOMES[Math.floor(next() * OUTCOMES.length)]!;
      const news = outcome === 'reached' || outcome === 'visited' || outcome === 'proxy';
      const flags = news && next() < 0.2 ? [FLAGS[Math.floor(next() * FLAGS.length)]!] : [];
      const needs = news && next() < 0.15 ? [NEEDS[Math.floor(next() * NEEDS.length)]!] : [];
      out.push({
        id: `c${ids.n++}`,
        rosterId: entry.id,
        worker: entry.worker,
        at: new Date(`${date}T0${1 + k * 4}:${String(Math.floor(next() * 60)).padStart(2, '0')}:00Z`).toISOString(),
        date,
        outcome,
        flags,
        needs,
        text: '回访记录',
        ...(news && flags.length === 0 && needs.length === 0 && next() < 0.5 ? { clears: true } : {}),
        ...(outcome === 'delivery' || next() < 0.05
          ? { delivered: { items: next() < 0.3 ? [] : [NEEDS[0]!], by: null, fromPickup: false } }
          : {}),
        ...(outcome === 'unreachable' && next() < 0.3 ? { attempts: 2 } : {}),
      } as CallRecord);
    }
  }
  return out;
}

/** What every live reader says on `date` from these calls. */
function readings(calls: readonly CallRecord[], date: string, callsBegan: string) {
  const week = lastDays(date, 7);
  return {
    morning: buildDueItems(roster, calls, date, { worker: null, asOfStart: true }),
    during: buildDueItems(roster, calls, date, { worker: '邵婷婷' }),
    status: roster.map((e) => formatPersonStatus(e, calls)),
    last: roster.map((e) => [lastSuccess(e, calls), lastResult(e, calls), lastResult(e, calls, date)]),
    findings: roster.map((e) => [openFlags(e, calls), openNeeds(e, calls)]),
    today: countsByWorker(roster, calls, date),
    figures: workerStats(roster, calls, week, [], callsBegan),
  };
}

describe('which calls move to history (callsStillRead)', () => {
  for (const seed of [1, 7, 42]) {
    it(`moving day by day changes nothing any live reader says (seed ${seed})`, () => {
      const next = random(seed);
      const ids = { n: 1 };
      const days = dateRange('2022-12-01', '2023-02-08');
      const all: CallRecord[] = [];
      let live: CallRecord[] = [];
      let moved = 0;
      for (const date of days) {
        // Morning: the night before moved what nothing reads today; the readers run; the day's calls come in.
        const kept = callsStillRead(live, date);
        moved += live.length - kept.size;
        live = live.filter((c) => kept.has(c.id));
        expect(readings(live, date, '2022-12-01')).toEqual(readings(all, date, '2022-12-01'));
        const today = callsOn(date, next, ids);
        all.push(...today);
        live.push(...today);
        expect(readings(live, date, '2022-12-01')).toEqual(readings(all, date, '2022-12-01'));
      }
      // Most of two months' calls have gone: what stays is two weeks and the few still read.
      expect(moved).toBeGreaterThan(all.length / 2);
      expect(live.length).toBeLessThan(all.length / 3);
    });
  }

  it('keeps an old need that nothing has met, and lets it go once a good report clears it', () => {
    const entry = roster[1]!; // weekly
    const need: CallRecord = {
      id: 'old-need',
      rosterId: entry.id,
      worker: entry.worker,
      at: '2022-12-01T02:00:00.000Z',
      date: '2022-12-01',
      outcome: 'reached',
      flags: ['no_medicine'],
      needs: [NEEDS[1]!],
      text: '缺降压药',
    };
    const plain = (id: string, date: string, extra: Partial<CallRecord> = {}): CallRecord => ({
      ...need,
      id,
      at: `${date}T02:00:00.000Z`,
      date,
      flags: [],
      needs: [],
      text: '联系不上',
      outcome: 'unreachable',
      ...extra,
    });
    const later = ['2022-12-08', '2022-12-15', '2022-12-22', '2022-12-29', '2023-01-05', '2023-01-12'].map((d, i) => plain(`u${i}`, d));
    const calls = [need, ...later];
    expect(callsStillRead(calls, '2023-01-20').has('old-need')).toBe(true);
    expect(openNeeds(entry, calls)).toEqual([NEEDS[1]]);
    const cleared = [...calls, plain('ok', '2023-01-19', { outcome: 'reached', clears: true, text: '正常' })];
    expect(callsStillRead(cleared, '2023-01-20').has('old-need')).toBe(false);
  });

  it('keeps the last call that reached someone nobody has reached since, and the last call before a busy day', () => {
    const entry = roster[1]!;
    const call = (id: string, at: string, outcome: CallOutcome): CallRecord => ({
      id,
      rosterId: entry.id,
      worker: entry.worker,
      at,
      date: at.slice(0, 10),
      outcome,
      flags: [],
      needs: [],
      text: '回访记录',
    });
    const reached = call('reached', '2022-12-01T02:00:00.000Z', 'reached');
    const misses = [2, 3, 4, 5, 6, 7].map((d) => call(`miss${d}`, `2022-12-0${d}T02:00:00.000Z`, 'unreachable'));
    expect(lastSuccess(entry, [reached, ...misses])?.id).toBe('reached');
    expect(callsStillRead([reached, ...misses], '2023-01-20').has('reached')).toBe(true);
    // Five calls today after three weeks without one: the morning list's "last time" is the old one.
    const old = call('old', '2022-12-20T02:00:00.000Z', 'proxy');
    const today = [1, 2, 3, 4, 5].map((h) => call(`today${h}`, `2023-01-20T0${h}:00:00.000Z`, 'unreachable'));
    expect(lastResult(entry, [old, ...today], '2023-01-20')?.id).toBe('old');
    expect(callsStillRead([old, ...today], '2023-01-20').has('old')).toBe(true);
  });
});

describe('which admin escalations are still read (escalationsStillRead)', () => {
  const reached = (rosterId: string, date: string): CallRecord => ({
    id: `${rosterId}-${date}`,
    rosterId,
    worker: '邵婷婷',
    at: `${date}T02:00:00.000Z`,
    date,
    outcome: 'reached',
    flags: [],
    needs: [],
    text: '正常',
  });

  it('drops what a later good call answered, and keeps today’s and those nobody has answered', () => {
    const keys = ['p1:2022-12-01', 'p1:2022-12-05', 'p2:2022-12-02', 'p3:2022-12-09', 'p1:2022-12-09'];
    const calls = [reached('p1', '2022-12-03'), reached('p3', '2022-12-09')];
    // p1 was reached on the 3rd: the 1st is answered, the 5th not yet; p2 was never reached;
    // p3's good call today may still be corrected away, so today's marker stays.
    expect(escalationsStillRead(keys, calls, '2022-12-09')).toEqual(['p1:2022-12-05', 'p2:2022-12-02', 'p3:2022-12-09', 'p1:2022-12-09']);
  });
});
