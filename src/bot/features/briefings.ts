// The day's rhythm for staff: a private morning briefing per grid worker (callbacks due,
// yesterday's findings, aid status) and the evening digest (counts in grid groups, open
// requests to workers, district totals to admins).
import type { Feature, BotBuilder } from '../bot.ts';
import type { JobContext } from '../context.ts';
import {
  buildDueItems,
  countsByWorker,
  formatAdminTotals,
  formatGridDigest,
  formatMorningList,
  sumCounts,
  type DueItem,
} from '../../domain/callbacks/index.ts';
import { aidSeenBy, aidSummary, gridRequestList, isOpen, openRequestCount } from '../../domain/aid/index.ts';
import { localDate } from '../../domain/time.ts';

const DAY_MS = 86_400_000;

export const briefingsFeature: Feature = {
  name: 'briefings',
  install(bot: BotBuilder) {
    const { config } = bot.services;
    bot.job('morning-briefing', config.schedule.morningBriefing, (job) => morning(job, config.holidays));
    bot.job('evening-digest', config.schedule.eveningDigest, (job) => evening(job, config.holidays));
  },
};

function morning(job: JobContext, holidays: string[]): void {
  const { state, services, now } = job;
  const date = localDate(now);
  const holiday = holidays.includes(date);
  // Enrolled grid workers only: a roster's worker name nobody is enrolled under gets no list (issue 10).
  for (const worker of services.directory.allPeople().filter((p) => p.role === 'grid_worker')) {
    const parts: string[] = [];
    if (!holiday && state.roster.some((e) => e.worker === worker.name)) {
      const items = withAidNotes(
        buildDueItems(state.roster, state.calls, date, { worker: worker.name, holidays, asOfStart: true }),
        job,
        worker.name,
      );
      parts.push(formatMorningList(worker.name, items, date));
    }
    const aid =
      worker.role === 'grid_worker' ? aidSummary(aidSeenBy(state.aid, worker.name), worker.grid, new Date(now.getTime() - DAY_MS)) : null;
    if (aid) parts.push(aid);
    if (parts.length) job.outbox.toPerson(worker.name, parts.join('\n\n'));
  }
}

/**
 * "止咳药已有邻居响应,待确认": how the aid request made for a roster person stands; one closed
 * since yesterday morning says who brought it (the worker, a neighbour), never a guess.
 */
function withAidNotes(items: DueItem[], job: JobContext, worker: string): DueItem[] {
  const since = job.now.getTime() - DAY_MS;
  return items.map((item) => {
    const req = job.state.aid.requests
      .filter((r) => r.onBehalfOf === item.entry.name && (isOpen(r) || (r.status === 'fulfilled' && Date.parse(r.closedAt ?? '') >= since)))
      .at(-1);
    if (!req) return item;
    const what = req.items.map((i) => i.name).join('、');
    const who = req.helper === worker ? '您' : req.helper;
    const note =
      req.status === 'fulfilled'
        ? who
          ? `${what}已由${who}送到`
          : `${what}的求助已解决`
        : req.status === 'matched'
          ? `${what}已有邻居(${req.helper})响应,待确认${req.delivered ? '(说已送到)' : ''}`
          : `${what}的求助还没有人响应`;
    return { ...item, extra: note };
  });
}

function evening(job: JobContext, holidays: string[]): void {
  const { state, services, now } = job;
  const { directory } = services;
  const date = localDate(now);
  const rows = countsByWorker(state.roster, state.calls, date, holidays);

  // Grid groups see counts only: never a name, a room or a phone.
  for (const room of directory.allRooms().filter((r) => r.kind === 'grid')) {
    const workers = new Set(directory.gridWorkers(room.grid).map((p) => p.name));
    const mine = rows.filter((r) => workers.has(r.worker));
    if (mine.length === 0) continue;
    job.outbox.toRoom(room.topic, formatGridDigest(sumCounts(mine), { grid: room.grid ?? undefined }));
  }

  // Each grid worker, privately: the requests of the grid still open tonight.
  for (const worker of directory.allPeople().filter((p) => p.role === 'grid_worker')) {
    const { open, matched } = openRequestCount(state.aid, worker.grid);
    if (open + matched > 0)
      job.outbox.toPerson(worker.name, `【今晚互助】\n${gridRequestList(aidSeenBy(state.aid, worker.name), worker.grid)}`);
  }

  // Admins: district totals and the day's open requests.
  const { open, matched } = openRequestCount(state.aid, null);
  const parts: string[] = [];
  if (rows.length) parts.push(formatAdminTotals(rows, date));
  if (open + matched > 0) parts.push(gridRequestList(state.aid, null));
  if (parts.length === 0) return;
  for (const admin of directory.admins()) job.outbox.toPerson(admin.name, parts.join('\n\n'));
}
