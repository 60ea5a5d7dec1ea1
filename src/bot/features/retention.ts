// Keeps the live state small: records move to the archive (history, JSON Lines) as soon as
// nothing live reads them any more, not after a fixed number of days.
// - A closed request: the morning briefing and the digests look back one day, so it leaves a day
//   after it closed, with the staff notes made on it.
// - A call: when no due list, digest, 最近情况, open finding or weekly figure reads it
//   (src/domain/callbacks/history.ts); for most people that is two weeks after the call.
// - A hand-off: a day after staff answered it (the page lists the latest answers), or a month
//   after it was asked when nobody answered it on the page (the staff digest carried it long since).
// The ten-minute job moves them when enough have gathered to be worth rewriting the list (see
// MOVE_WHEN_ONE_IN); the night moves whatever is left. The archive is written before the state
// is saved, so a crash in between leaves a record twice, never nowhere (readers go by id).
import type { Feature } from '../bot.ts';
import type { JobContext } from '../context.ts';
import { isOpen, type AidRequest } from '../../domain/aid/index.ts';
import { callsStillRead, escalationsStillRead } from '../../domain/callbacks/index.ts';
import { localDate } from '../../domain/time.ts';
import type { Handoff } from '../../store/state.ts';

const DAY_MS = 86_400_000;
/** How long a closed request is still read live (briefings and digests look back 24 hours). */
export const CLOSED_READ_FOR_MS = DAY_MS;
/** A hand-off nobody answered on the page leaves this long after it was asked. */
export const UNANSWERED_HANDOFF_DAYS = 30;
/** How often records are moved out. */
const HISTORY_CRON = '*/10 * * * *';

const closedAt = (r: AidRequest): number => Date.parse(r.closedAt ?? r.updatedAt);

/**
 * Taking records out of the list rewrites it (the unit's patches carry the new list, or every
 * shifted record), so between nights records move only when they are at least this share of the
 * list: each record moved then costs at most this many records written.
 */
const MOVE_WHEN_ONE_IN = 16;

async function moveRequests(job: JobContext, before: number, amortized: boolean): Promise<number> {
  const state = job.state;
  // Read on the plain values; only the list is replaced.
  const old = state.aid.requests.filter((r) => !isOpen(r) && closedAt(r) < before);
  if (old.length === 0) return 0;
  if (amortized && old.length * MOVE_WHEN_ONE_IN < state.aid.requests.length) return 0;
  const gone = new Set(old.map((r) => r.id));
  // Staff notes on the page go with their request: the page shows them together from history.
  const notes = state.staffNotes.filter((n) => gone.has(n.requestId));
  await job.services.archive.append('staffNotes', notes, (n) => n.at.slice(0, 7));
  await job.services.archive.append('requests', old, (r) => r.createdAt.slice(0, 7));
  state.aid.requests = state.aid.requests.filter((r) => isOpen(r) || !gone.has(r.id));
  if (notes.length) state.staffNotes = state.staffNotes.filter((n) => !gone.has(n.requestId));
  return old.length;
}

async function moveCalls(job: JobContext, amortized: boolean): Promise<number> {
  const state = job.state;
  const kept = callsStillRead(state.calls, localDate(job.now));
  const old = state.calls.filter((c) => !kept.has(c.id));
  if (old.length === 0) return 0;
  if (amortized && old.length * MOVE_WHEN_ONE_IN < state.calls.length) return 0;
  await job.services.archive.append('calls', old, (c) => c.date.slice(0, 7));
  state.calls = state.calls.filter((c) => kept.has(c.id));
  return old.length;
}

const handoffDone = (h: Handoff, now: number): boolean =>
  h.answeredAt !== undefined ? Date.parse(h.answeredAt) < now - DAY_MS : Date.parse(h.at) < now - UNANSWERED_HANDOFF_DAYS * DAY_MS;

async function moveHandoffs(job: JobContext, amortized: boolean): Promise<number> {
  const state = job.state;
  const now = job.now.getTime();
  const old = state.handoffs.filter((h) => handoffDone(h, now));
  if (old.length === 0) return 0;
  if (amortized && old.length * MOVE_WHEN_ONE_IN < state.handoffs.length) return 0;
  await job.services.archive.append('handoffs', old, (h) => h.at.slice(0, 7));
  const gone = new Set(old.map((h) => h.id));
  state.handoffs = state.handoffs.filter((h) => !gone.has(h.id));
  return old.length;
}

/** Escalation markers are bookkeeping, not history: once no reader needs one it is dropped. */
function dropAnsweredEscalations(job: JobContext): void {
  const state = job.state;
  const kept = escalationsStillRead(state.callbackEscalations, state.calls, localDate(job.now));
  if (kept.length < state.callbackEscalations.length) state.callbackEscalations = kept;
}

/** Moves what nothing live reads; `amortized`: only lists where that is a fair share. */
async function moveAll(job: JobContext, amortized: boolean): Promise<{ requests: number; calls: number; handoffs: number }> {
  const before = job.now.getTime() - CLOSED_READ_FOR_MS;
  return {
    requests: await moveRequests(job, before, amortized),
    calls: await moveCalls(job, amortized),
    handoffs: await moveHandoffs(job, amortized),
  };
}

export const retentionFeature: Feature = {
  name: 'retention',
  install(bot) {
    bot.job('history', HISTORY_CRON, async (job) => {
      const moved = await moveAll(job, true);
      if (moved.requests + moved.calls + moved.handoffs) job.services.log.debug(moved, 'records moved to history');
    });
    bot.job('retention', bot.services.config.schedule.retention, async (job) => {
      const moved = await moveAll(job, false);
      dropAnsweredEscalations(job);
      if (moved.requests + moved.calls + moved.handoffs) job.services.log.info(moved, 'old records archived');
    });
  },
};
