// Records the page reads with their history: closed requests, calls and answered hand-offs leave
// the live state once nothing live reads them (src/bot/features/retention.ts), so charts, call
// histories and exports read the archive too, or they would lose everything older than that.
import type { AidRequest } from '../domain/aid/types.ts';
import type { CallRecord } from '../domain/callbacks/index.ts';
import type { Handoff, StaffNote } from '../store/state.ts';
import type { WebEnv } from './env.ts';

/**
 * Live records, then archived ones not live any more. The archive is written before the state
 * is saved, so after a crash a record can be in both, or in the archive twice: the id decides.
 */
function merged<T extends { id: string }>(live: readonly T[], archived: readonly T[]): T[] {
  const seen = new Set(live.map((r) => r.id));
  const out = [...live];
  for (const r of archived) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out;
}

/** Every aid request, live or moved to history. */
export async function requestsWithHistory(env: WebEnv): Promise<AidRequest[]> {
  const archived = await env.app.bot.services.archive.readAll<AidRequest>('requests');
  return merged(env.app.bot.state.aid.requests, archived);
}

/**
 * Every live call (the live ones carry open findings however old), and the archived ones dated
 * on or after `sinceDate` (yyyy-mm-dd; all if null).
 */
export async function callsWithHistory(env: WebEnv, sinceDate: string | null = null): Promise<CallRecord[]> {
  const archived = await env.app.bot.services.archive.readAll<CallRecord>('calls');
  return merged(env.app.bot.state.calls, sinceDate === null ? archived : archived.filter((c) => c.date >= sinceDate));
}

/**
 * A request that has moved to history, with the staff notes that moved with it (and any made
 * since); null when it is in neither.
 */
export async function requestFromHistory(env: WebEnv, id: string): Promise<{ request: AidRequest; notes: StaffNote[] } | null> {
  const request = (await env.app.bot.services.archive.readAll<AidRequest>('requests')).findLast((r) => r.id === id);
  if (!request) return null;
  const archived = (await env.app.bot.services.archive.readAll<StaffNote>('staffNotes')).filter((n) => n.requestId === id);
  const live = env.app.bot.state.staffNotes.filter((n) => n.requestId === id);
  // A note can be in both after a crash between the archive and the save.
  const key = (n: StaffNote) => `${n.at}|${n.by}|${n.kind}|${n.text}`;
  const seen = new Set(live.map(key));
  return { request, notes: [...archived.filter((n) => !seen.has(key(n))), ...live] };
}

/** Every hand-off, live or moved to history. */
export async function handoffsWithHistory(env: WebEnv): Promise<Handoff[]> {
  return merged(env.app.bot.state.handoffs, await env.app.bot.services.archive.readAll<Handoff>('handoffs'));
}
