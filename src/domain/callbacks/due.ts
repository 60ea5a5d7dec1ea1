// Who is due a call on a given day, and where each due entry stands.
import { atLocal, daysBetween, localWeekday } from '../time.ts';
import type { ParsedItem } from '../types.ts';
import type { CallRecord, DayStatus, DueItem, HealthFlag, RosterEntry } from './types.ts';

const byTime = (a: CallRecord, b: CallRecord) => Date.parse(a.at) - Date.parse(b.at);
const isSuccess = (c: CallRecord) => c.outcome === 'reached' || c.outcome === 'visited';

export function callsFor(entry: RosterEntry, calls: readonly CallRecord[]): CallRecord[] {
  return calls.filter((c) => c.rosterId === entry.id).sort(byTime);
}

/**
 * Daily: every day. Weekdays: on those days. Weekly: when the last successful call before
 * `date` is 7 or more days old, or there was none. No one is due on a holiday.
 */
export function isDue(entry: RosterEntry, calls: readonly CallRecord[], date: string, holidays: readonly string[] = []): boolean {
  if (holidays.includes(date)) return false;
  const freq = entry.frequency;
  if (freq === 'daily') return true;
  if (freq === 'weekly') {
    const earlier = callsFor(entry, calls).filter((c) => isSuccess(c) && c.date < date);
    const last = earlier[earlier.length - 1];
    return !last || daysBetween(last.date, date) >= 7;
  }
  return freq.weekdays.includes(localWeekday(atLocal(date, '12:00')));
}

export function dueToday(roster: readonly RosterEntry[], calls: readonly CallRecord[], date: string, holidays: readonly string[] = []): RosterEntry[] {
  return roster.filter((e) => isDue(e, calls, date, holidays));
}

/** done: reached or visited today; unreachable: only failed attempts today; pending: not called today. */
export function statusToday(entry: RosterEntry, calls: readonly CallRecord[], date: string): DayStatus {
  const today = callsFor(entry, calls).filter((c) => c.date === date);
  if (today.some(isSuccess)) return 'done';
  if (today.some((c) => c.outcome === 'unreachable')) return 'unreachable';
  return 'pending';
}

/** Failed attempts today (including those before a later success). */
export function unreachableAttempts(entry: RosterEntry, calls: readonly CallRecord[], date: string): CallRecord[] {
  return callsFor(entry, calls).filter((c) => c.date === date && c.outcome === 'unreachable');
}

/** Failed attempts today, counting a record of 打了两次都没人接 as two. */
export function attemptCount(entry: RosterEntry, calls: readonly CallRecord[], date: string): number {
  return unreachableAttempts(entry, calls, date).reduce((n, c) => n + Math.max(1, c.attempts ?? 1), 0);
}

/** The latest call, or the latest before `beforeDate` when given. */
export function lastResult(entry: RosterEntry, calls: readonly CallRecord[], beforeDate?: string): CallRecord | null {
  const list = callsFor(entry, calls).filter((c) => beforeDate === undefined || c.date < beforeDate);
  return list[list.length - 1] ?? null;
}

/** The latest call that reached the person (by phone or visit), if any. */
export function lastSuccess(entry: RosterEntry, calls: readonly CallRecord[]): CallRecord | null {
  return callsFor(entry, calls).filter(isSuccess).at(-1) ?? null;
}

/** Successful calls newest first, up to and including the latest good report that cleared earlier ones. */
function openWindow(entry: RosterEntry, calls: readonly CallRecord[]): CallRecord[] {
  const window: CallRecord[] = [];
  for (const call of callsFor(entry, calls).filter(isSuccess).reverse()) {
    window.push(call);
    if (call.clears) break;
  }
  return window;
}

/** Health flags still open: those of the latest successful calls since the last clearing report. */
export function openFlags(entry: RosterEntry, calls: readonly CallRecord[]): HealthFlag[] {
  const flags = new Set<HealthFlag>();
  for (const call of openWindow(entry, calls)) for (const f of call.flags) flags.add(f);
  return [...flags];
}

/** Needs (退烧药, 降压药 ...) still open, by the same rule as the flags. */
export function openNeeds(entry: RosterEntry, calls: readonly CallRecord[]): ParsedItem[] {
  const seen = new Map<string, ParsedItem>();
  for (const call of openWindow(entry, calls).reverse()) for (const n of call.needs) seen.set(n.name, n);
  return [...seen.values()];
}

/**
 * The due entries of one worker (or everyone when `worker` is null) with status, last result
 * and open flags. `last` is the latest call before `date` for the morning list (`asOfStart`),
 * otherwise the latest call so far.
 */
export function buildDueItems(
  roster: readonly RosterEntry[],
  calls: readonly CallRecord[],
  date: string,
  opts: { worker?: string | null; holidays?: readonly string[]; asOfStart?: boolean } = {},
): DueItem[] {
  const mine = opts.worker ? roster.filter((e) => e.worker === opts.worker) : roster;
  return dueToday(mine, calls, date, opts.holidays).map((entry) => ({
    entry,
    status: statusToday(entry, calls, date),
    attemptsToday: attemptCount(entry, calls, date),
    last: lastResult(entry, calls, opts.asOfStart ? date : undefined),
    openFlags: openFlags(entry, calls),
    openNeeds: openNeeds(entry, calls),
  }));
}

/** Due entries still to call (pending) and to retry (unreachable). */
export function notCalled(items: readonly DueItem[]): { pending: DueItem[]; unreachable: DueItem[] } {
  return {
    pending: items.filter((i) => i.status === 'pending'),
    unreachable: items.filter((i) => i.status === 'unreachable'),
  };
}
