// Records the page reads with their history: closed requests leave the live state a day after
// closing and calls after retention.callsDays (src/bot/features/retention.ts), so charts and
// call histories read the archive too, or they would lose everything older than that.
import type { AidRequest } from '../domain/aid/types.ts';
import type { CallRecord } from '../domain/callbacks/index.ts';
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

/** Every call record, live or archived, dated on or after `sinceDate` (yyyy-mm-dd; all if null). */
export async function callsWithHistory(env: WebEnv, sinceDate: string | null = null): Promise<CallRecord[]> {
  const archived = await env.app.bot.services.archive.readAll<CallRecord>('calls');
  const all = merged(env.app.bot.state.calls, archived);
  return sinceDate === null ? all : all.filter((c) => c.date >= sinceDate);
}
