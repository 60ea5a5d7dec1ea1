// Keeps the live state small: calls and closed requests older than the configured number of
// days move to the archive once a night. The archive is written before the state is saved,
// so a crash in between leaves a record twice, never nowhere.
import type { Feature } from '../bot.ts';
import { isOpen } from '../../domain/aid/index.ts';

const DAY_MS = 86_400_000;

export const retentionFeature: Feature = {
  name: 'retention',
  install(bot) {
    const { config, archive } = bot.services;
    bot.job('retention', config.schedule.retention, async (job) => {
      const callsBefore = job.now.getTime() - config.retention.callsDays * DAY_MS;
      const requestsBefore = job.now.getTime() - config.retention.requestsDays * DAY_MS;
      const state = job.state;
      const oldCalls = state.calls.filter((c) => Date.parse(c.at) < callsBefore);
      const oldRequests = state.aid.requests.filter((r) => !isOpen(r) && Date.parse(r.updatedAt) < requestsBefore);
      if (oldCalls.length === 0 && oldRequests.length === 0) return;
      await archive.append('calls', oldCalls, (c) => c.date.slice(0, 7));
      await archive.append('requests', oldRequests, (r) => r.createdAt.slice(0, 7));
      const gone = new Set<object>([...oldCalls, ...oldRequests]);
      state.calls = state.calls.filter((c) => !gone.has(c));
      state.aid.requests = state.aid.requests.filter((r) => !gone.has(r));
      job.services.log.info({ calls: oldCalls.length, requests: oldRequests.length }, 'old records archived');
    });
  },
};
