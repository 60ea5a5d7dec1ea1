// Which past calls the live readers still need, so that the rest can move to history as soon as
// nothing live reads them. Every reader of calls in the bot is covered:
// - due lists, chases, the morning list and the evening digest: the calls of the last week (a
//   weekly person is due when the last good call is 7 or more days old);
// - the morning list's "last time": the latest call, and the latest one before today;
// - 最近情况: the person's five latest calls, and the latest that reached them;
// - open flags and needs: every call with findings since the last good report that cleared them;
// - the weekly figures (统计): the last seven days, and for who was due on each of them, the
//   week before each.
// A call kept for none of these moves. The web page and exports read the history as well.
import { daysBetween } from '../time.ts';
import { bringsNews, byTime, isSuccess } from './due.ts';
import type { CallRecord } from './types.ts';

/** Calls this many days old or younger are always read: the figures' seven days and a week before. */
export const CALLS_READ_FOR_DAYS = 14;
/** 最近情况 shows this many of a person's latest calls (formatPersonStatus). */
export const LATEST_CALLS_SHOWN = 5;

const hasFindings = (c: CallRecord) => c.flags.length > 0 || c.needs.length > 0 || Boolean(c.delivered) || Boolean(c.clears);

/** Ids of the calls the live readers still need on `today` (yyyy-mm-dd). */
export function callsStillRead(calls: readonly CallRecord[], today: string): Set<string> {
  const keep = new Set<string>();
  const byPerson = new Map<string, CallRecord[]>();
  for (const c of calls) {
    if (daysBetween(c.date, today) <= CALLS_READ_FOR_DAYS) keep.add(c.id);
    const list = byPerson.get(c.rosterId);
    if (list) list.push(c);
    else byPerson.set(c.rosterId, [c]);
  }
  for (const list of byPerson.values()) {
    list.sort(byTime);
    for (const c of list.slice(-LATEST_CALLS_SHOWN)) keep.add(c.id);
    const latest = (pick: (c: CallRecord) => boolean) => list.findLast(pick);
    for (const c of [latest(isSuccess), latest((c) => c.outcome !== 'delivery'), latest((c) => c.outcome !== 'delivery' && c.date < today)])
      if (c) keep.add(c.id);
    // Findings are read oldest first from the last report that cleared them (due.ts openFindings).
    const from = Math.max(
      0,
      list.findLastIndex((c) => bringsNews(c) && Boolean(c.clears)),
    );
    for (const c of list.slice(from)) if (hasFindings(c)) keep.add(c.id);
  }
  return keep;
}

/**
 * Admin escalations (`${rosterId}:${date}`) still read on `today`: today's, which stop a second
 * alert, and those after the person's last good call, which the next good report answers. Only
 * today's calls can be corrected away, so the last good call before today stands.
 */
export function escalationsStillRead(keys: readonly string[], calls: readonly CallRecord[], today: string): string[] {
  const lastGood = new Map<string, string>();
  for (const c of calls) if (isSuccess(c) && c.date < today && (lastGood.get(c.rosterId) ?? '') < c.date) lastGood.set(c.rosterId, c.date);
  return keys.filter((k) => {
    const cut = k.lastIndexOf(':');
    const date = k.slice(cut + 1);
    const good = lastGood.get(k.slice(0, cut));
    return date >= today || good === undefined || date > good;
  });
}
