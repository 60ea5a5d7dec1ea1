// Who is due a call on a given day, and where each due entry stands.
import { atLocal, daysBetween, localWeekday } from '../time.ts';
import { isMedicine, type ParsedItem } from '../types.ts';

import type { CallRecord, DayStatus, DueItem, HealthFlag, RosterEntry } from './types.ts';

export const byTime = (a: CallRecord, b: CallRecord) => Date.parse(a.at) - Date.parse(b.at);
/** The call reached the person (by phone or visit). */
export const isSuccess = (c: CallRecord) => c.outcome === 'reached' || c.outcome === 'visited';

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

export function dueToday(
  roster: readonly RosterEntry[],
  calls: readonly CallRecord[],
  date: string,
  holidays: readonly string[] = [],
): RosterEntry[] {
  return roster.filter((e) => isDue(e, calls, date, holidays));
}

/**
 * done: reached or visited today; proxy: only someone else answered or looked in;
 * unreachable: only failed attempts today; pending: not called today.
 */
export function statusToday(entry: RosterEntry, calls: readonly CallRecord[], date: string): DayStatus {
  const today = callsFor(entry, calls).filter((c) => c.date === date);
  if (today.some(isSuccess)) return 'done';
  if (today.some((c) => c.outcome === 'proxy')) return 'proxy';
  if (today.some((c) => c.outcome === 'unreachable')) return 'unreachable';
  return 'pending';
}

/** Today's latest record that did not reach the person: why, who answered, who went to check. */
export function lastMissToday(entry: RosterEntry, calls: readonly CallRecord[], date: string): CallRecord | null {
  return (
    callsFor(entry, calls)
      .filter((c) => c.date === date && (c.outcome === 'unreachable' || c.outcome === 'proxy'))
      .at(-1) ?? null
  );
}

/** Failed attempts today (including those before a later success). */
export function unreachableAttempts(entry: RosterEntry, calls: readonly CallRecord[], date: string): CallRecord[] {
  return callsFor(entry, calls).filter((c) => c.date === date && c.outcome === 'unreachable');
}

/** Failed attempts today, counting a record of 打了两次都没人接 as two. */
export function attemptCount(entry: RosterEntry, calls: readonly CallRecord[], date: string): number {
  return unreachableAttempts(entry, calls, date).reduce((n, c) => n + Math.max(1, c.attempts ?? 1), 0);
}

/** The latest call (a delivery is not one), or the latest before `beforeDate` when given. */
export function lastResult(entry: RosterEntry, calls: readonly CallRecord[], beforeDate?: string): CallRecord | null {
  const list = callsFor(entry, calls).filter((c) => c.outcome !== 'delivery' && (beforeDate === undefined || c.date < beforeDate));
  return list[list.length - 1] ?? null;
}

/** The latest call that reached the person (by phone or visit), if any. */
export function lastSuccess(entry: RosterEntry, calls: readonly CallRecord[]): CallRecord | null {
  return callsFor(entry, calls).filter(isSuccess).at(-1) ?? null;
}

/** Calls that tell how the person is: theirs, or someone else's word for them. */
export const bringsNews = (c: CallRecord) => isSuccess(c) || c.outcome === 'proxy';

const sameItem = (a: ParsedItem, b: ParsedItem) =>
  a.name === b.name || a.name.includes(b.name) || b.name.includes(a.name) || a.category === b.category;

/**
 * Flags and needs still open, oldest call first: a good report clears what came before it
 * (keeping its own findings); a delivery takes the items it brought off the needs.
 */
function openFindings(entry: RosterEntry, calls: readonly CallRecord[]): { flags: Set<HealthFlag>; needs: Map<string, ParsedItem> } {
  let flags = new Set<HealthFlag>();
  let needs = new Map<string, ParsedItem>();
  for (const call of callsFor(entry, calls)) {
    if (bringsNews(call)) {
      if (call.clears) {
        flags = new Set();
        needs = new Map();
      }
      for (const f of call.flags) flags.add(f);
      for (const n of call.needs) needs.set(n.name, n);
    }
    const brought = call.delivered;
    if (brought) {
      for (const [name, need] of needs) {
        if (brought.items.length === 0 || brought.items.some((i) => sameItem(i, need))) needs.delete(name);
      }
      // The medicine that was missing has been brought.
      if (![...needs.values()].some((n) => isMedicine(n.category))) flags.delete('no_medicine');
    }
  }
  return { flags, needs };
}

/** Health flags still open. */
export function openFlags(entry: RosterEntry, calls: readonly CallRecord[]): HealthFlag[] {
  return [...openFindings(entry, calls).flags];
}

/** Needs (退烧药, 降压药 ...) still open: not cleared by a good report, not delivered. */
export function openNeeds(entry: RosterEntry, calls: readonly CallRecord[]): ParsedItem[] {
  return [...openFindings(entry, calls).needs.values()];
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
    lastMiss: lastMissToday(entry, calls, date),
    last: lastResult(entry, calls, opts.asOfStart ? date : undefined),
    openFlags: openFlags(entry, calls),
    openNeeds: openNeeds(entry, calls),
  }));
}

/** Due entries still to call (pending), to retry (unreachable), and to reach in person (proxy). */
export function notCalled(items: readonly DueItem[]): { pending: DueItem[]; unreachable: DueItem[]; proxy: DueItem[] } {
  return {
    pending: items.filter((i) => i.status === 'pending'),
    unreachable: items.filter((i) => i.status === 'unreachable'),
    proxy: items.filter((i) => i.status === 'proxy'),
  };
}
