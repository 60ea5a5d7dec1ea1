// Keeps the live state small. A closed request moves to the archive (history, JSON Lines) as soon
// as nothing live reads it any more: the morning briefing and the digests look back one day, so
// a request closed more than a day ago leaves within ten minutes (when enough have gathered to be
// worth rewriting the list, see MOVE_WHEN_ONE_IN), else that night, not after a fortnight.
// Calls stay longer (due lists, weekly frequencies and statistics read them) and move once a night
// after the configured number of days; the night also catches any closed request still live.
// The archive is written before the state is saved, so a crash in between leaves a record
// twice, never nowhere.
import type { Feature } from '../bot.ts';
import type { JobContext } from '../context.ts';
import { isOpen, type AidRequest } from '../../domain/aid/index.ts';

const DAY_MS = 86_400_000;
/** How long a closed request is still read live (briefings and digests look back 24 hours). */
export const CLOSED_READ_FOR_MS = DAY_MS;
/** How often closed requests are moved out. */
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
  await job.services.archive.append('requests', old, (r) => r.createdAt.slice(0, 7));
  const gone = new Set(old.map((r) => r.id));
  state.aid.requests = state.aid.requests.filter((r) => isOpen(r) || !gone.has(r.id));
  return old.length;
}

export const retentionFeature: Feature = {
  name: 'retention',
  install(bot) {
    const { config, archive } = bot.services;
    bot.job('history', HISTORY_CRON, async (job) => {
      const moved = await moveRequests(job, job.now.getTime() - Math.min(CLOSED_READ_FOR_MS, config.retention.requestsDays * DAY_MS), true);
      if (moved) job.services.log.debug({ requests: moved }, 'closed requests moved to history');
    });
    bot.job('retention', config.schedule.retention, async (job) => {
      const callsBefore = job.now.getTime() - config.retention.callsDays * DAY_MS;
      const state = job.state;
      const oldCalls = state.calls.filter((c) => Date.parse(c.at) < callsBefore);
      const requests = await moveRequests(
        job,
        job.now.getTime() - Math.min(CLOSED_READ_FOR_MS, config.retention.requestsDays * DAY_MS),
        false,
      );
      if (oldCalls.length === 0) {
        if (requests) job.services.log.info({ calls: 0, requests }, 'old records archived');
        return;
      }
      await archive.append('calls', oldCalls, (c) => c.date.slice(0, 7));
      const gone = new Set(oldCalls.map((c) => c.id));
      state.calls = state.calls.filter((c) => !gone.has(c.id));
      job.services.log.info({ calls: oldCalls.length, requests }, 'old records archived');
    });
  },
};
