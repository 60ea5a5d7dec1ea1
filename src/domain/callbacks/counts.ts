// Counting a day's callbacks for digests and a date range for 回访统计. Counts only, no names.
import { daysBetween } from '../time.ts';
import { isDue, openFlags, openNeeds, statusToday } from './due.ts';
import type { CallRecord, DayCounts, RosterEntry, WorkerDayCounts, WorkerStats } from './types.ts';

export function dayCounts(
  roster: readonly RosterEntry[],
  calls: readonly CallRecord[],
  date: string,
  holidays: readonly string[] = [],
): DayCounts {
  const counts: DayCounts = { due: 0, done: 0, proxy: 0, unreachable: 0, pending: 0, flagged: 0 };
  const byEntry = groupCalls(calls.filter((c) => c.date <= date));
  for (const entry of roster) {
    const mine = byEntry.get(entry.id) ?? [];
    if (!isDue(entry, mine, date, holidays)) continue;
    counts.due++;
    counts[statusToday(entry, mine, date)]++;
    if (openFlags(entry, mine).length > 0 || openNeeds(entry, mine).length > 0) counts.flagged++;
  }
  return counts;
}

/** One row per worker on the roster, in roster order. */
export function countsByWorker(
  roster: readonly RosterEntry[],
  calls: readonly CallRecord[],
  date: string,
  holidays: readonly string[] = [],
): WorkerDayCounts[] {
  return workersOf(roster).map((worker) => ({
    worker,
    ...dayCounts(
      roster.filter((e) => e.worker === worker),
      calls,
      date,
      holidays,
    ),
  }));
}

export function sumCounts(rows: readonly DayCounts[]): DayCounts {
  const total: DayCounts = { due: 0, done: 0, proxy: 0, unreachable: 0, pending: 0, flagged: 0 };
  for (const r of rows) {
    total.due += r.due;
    total.done += r.done;
    total.proxy += r.proxy;
    total.unreachable += r.unreachable;
    total.pending += r.pending;
    total.flagged += r.flagged;
  }
  return total;
}

/** yyyy-mm-dd dates from `from` to `to`, inclusive. */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  const n = daysBetween(from, to);
  for (let i = 0; i <= n; i++) out.push(new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
  return out;
}

/** The `days` days ending with `endDate`, as { from, to }. */
export function lastDays(endDate: string, days = 7): { from: string; to: string } {
  const from = new Date(Date.parse(`${endDate}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to: endDate };
}

/** Per-worker totals over a date range (inclusive), from the first recorded call on. */
export function workerStats(
  roster: readonly RosterEntry[],
  calls: readonly CallRecord[],
  range: { from: string; to: string },
  holidays: readonly string[] = [],
  callsBegan: string | null = null,
): WorkerStats[] {
  // Days before the first recorded call (the feature was not in use yet) are not counted as missed.
  // `callsBegan` is that day when older calls have moved to history.
  const firstCall = calls.reduce<string | null>((min, c) => (min === null || c.date < min ? c.date : min), callsBegan);
  const from = firstCall && firstCall > range.from ? firstCall : range.from;
  const dates = from <= range.to ? dateRange(from, range.to) : [];
  const byEntry = groupCalls(calls);
  return workersOf(roster).map((worker) => {
    const entries = roster.filter((e) => e.worker === worker);
    const stats: WorkerStats = { worker, due: 0, done: 0, visits: 0, unreachableAttempts: 0, missed: 0, flaggedCalls: 0 };
    for (const date of dates) {
      for (const entry of entries) {
        const mine = byEntry.get(entry.id) ?? [];
        if (!isDue(entry, mine, date, holidays)) continue;
        stats.due++;
        const status = statusToday(entry, mine, date);
        // Only family reached: not done, but not missed either.
        if (status === 'done') stats.done++;
        else if (status !== 'proxy') stats.missed++;
      }
    }
    for (const entry of entries) {
      for (const c of byEntry.get(entry.id) ?? []) {
        if (c.date < range.from || c.date > range.to) continue;
        if (c.outcome === 'visited') stats.visits++;
        if (c.outcome === 'unreachable') stats.unreachableAttempts += Math.max(1, c.attempts ?? 1);
        if (c.flags.length > 0) stats.flaggedCalls++;
      }
    }
    return stats;
  });
}

function workersOf(roster: readonly RosterEntry[]): string[] {
  return [...new Set(roster.map((e) => e.worker))];
}

function groupCalls(calls: readonly CallRecord[]): Map<string, CallRecord[]> {
  const map = new Map<string, CallRecord[]>();
  for (const c of calls) {
    const list = map.get(c.rosterId);
    if (list) list.push(c);
    else map.set(c.rosterId, [c]);
  }
  return map;
}
