// Daily callbacks in a private chat with grid workers (and admins): plain-word reports,
// questions about the day, chases, and escalation of people nobody could reach.
//
// Commands (private chat, grid workers and admins):
//   今天要回访哪些人 / 还有谁没打 / 张柱业最近情况 / 回访统计 (admins)
//   reports in plain words: 张柱业已回访,在发烧,家里没有退烧药 · 李桂兰电话没人接 · 都打完了,都挺好
import type { Feature } from '../bot.ts';
import type { MessageContext } from '../context.ts';
import {
  buildDueItems,
  formatAdminEscalation,
  formatAmbiguous,
  formatChase,
  formatDangerAlert,
  formatDueReply,
  formatEscalationResolved,
  formatNotCalled,
  formatNotYet,
  formatPersonStatus,
  formatReportAck,
  formatReportAllAck,
  formatStats,
  formatUnknownPerson,
  interpretFor,
  interpretWorkerMessage,
  lastDays,
  lastSuccess,
  openFlags,
  openNeeds,
  reportFor,
  resolveAmbiguity,
  describeFindings,
  unreachableAttempts,
  workerStats,
  findMentions,
  type CallbackReport,
  type CallRecord,
  type RosterEntry,
} from '../../domain/callbacks/index.ts';
import { closeRequest, isOpen, postCallbackNeed } from '../../domain/aid/index.ts';
import { localDate } from '../../domain/time.ts';
import type { BotState } from '../state.ts';

const CLARIFY_MINUTES = 30;

export const callbacksFeature: Feature = {
  name: 'callbacks',
  staffHelp: ['回访(私聊我):今天要回访哪些人 / 还有谁没打 / 张柱业最近情况 / 回访统计(管理员) / 直接说结果,如"李秀英没人接"'],
  install(bot) {
    const { config, directory } = bot.services;

    bot.on((ctx, next) => {
      // Grid workers and admins; also anyone the roster names as a worker, even if the people list forgot them.
      if (!ctx.isPrivate || (ctx.person.role === 'resident' && !ctx.state.roster.some((e) => e.worker === ctx.person.name))) return next();
      if (answerClarification(ctx)) return;
      const result = interpretWorkerMessage(ctx.text, {
        worker: ctx.person.name,
        isAdmin: ctx.person.role === 'admin',
        roster: ctx.state.roster,
        extractItems: (t) => ctx.services.parser.extractItems(t),
      });
      const today = localDate(ctx.now);
      const mine = () =>
        buildDueItems(ctx.state.roster, ctx.state.calls, today, {
          worker: ctx.person.role === 'admin' ? null : ctx.person.name,
          holidays: config.holidays,
        });
      switch (result.kind) {
        case 'none':
          return next();
        case 'query':
          if (result.query === 'due_today') ctx.reply(formatDueReply(mine(), today));
          else if (result.query === 'not_called') ctx.reply(formatNotCalled(mine()));
          else if (result.query === 'status' && result.person) ctx.reply(formatPersonStatus(result.person, ctx.state.calls));
          else if (result.query === 'stats') {
            if (ctx.person.role !== 'admin') ctx.reply('回访统计只对管理员开放。');
            else {
              const range = lastDays(today, 7);
              ctx.reply(formatStats(workerStats(ctx.state.roster, ctx.state.calls, range, config.holidays), range));
            }
          } else return next();
          return;
        case 'report':
          ctx.reply(record(ctx, result).join('\n'));
          return;
        case 'reports':
          ctx.reply(result.reports.flatMap((r) => record(ctx, r)).join('\n'));
          return;
        case 'report_all': {
          const items = mine();
          const pending = items.filter((i) => i.status === 'pending').map((i) => i.entry);
          for (const entry of pending) record(ctx, reportFor(entry, '正常', (t) => ctx.services.parser.extractItems(t)), ctx.text);
          ctx.reply(formatReportAllAck(pending, items.filter((i) => i.status === 'unreachable').map((i) => i.entry)));
          return;
        }
        case 'ambiguous':
          ctx.state.clarifications = ctx.state.clarifications.filter((c) => c.worker !== ctx.person.name);
          ctx.state.clarifications.push({
            worker: ctx.person.name,
            text: ctx.text,
            candidateIds: result.candidates.map((c) => c.id),
            at: ctx.now.toISOString(),
          });
          ctx.reply(formatAmbiguous(result.mention, result.candidates));
          return;
        case 'not_yet':
          ctx.reply(formatNotYet(result.person?.name ?? result.mention));
          return;
        case 'unknown_person':
          ctx.reply(formatUnknownPerson(result.name));
          return;
      }
    });

    for (const [i, cron] of config.schedule.callbackChase.entries()) {
      bot.job(`callback-chase-${i + 1}`, cron, (job) => {
        const date = localDate(job.now);
        for (const worker of workersWithRoster(job.state)) {
          const text = formatChase(worker, buildDueItems(job.state.roster, job.state.calls, date, { worker, holidays: config.holidays }));
          if (text) job.outbox.toPerson(worker, text);
        }
      });
    }

    bot.job('callback-unreachable-escalation', config.schedule.unreachableEscalation, (job) => {
      const date = localDate(job.now);
      const admins = directory.admins();
      if (admins.length === 0) return;
      const items = buildDueItems(job.state.roster, job.state.calls, date, { holidays: config.holidays });
      for (const item of items.filter((i) => i.status === 'unreachable')) {
        const key = `${item.entry.id}:${date}`;
        if (job.state.callbackEscalations.includes(key)) continue;
        job.state.callbackEscalations.push(key);
        const text = formatAdminEscalation(item.entry, unreachableAttempts(item.entry, job.state.calls, date));
        for (const a of admins) job.outbox.toPerson(a.name, text);
      }
    });
  },
};

function workersWithRoster(state: BotState): string[] {
  return [...new Set(state.roster.map((e) => e.worker))];
}

/** Saves one report; returns the acknowledgement lines. Needs become aid requests. */
function record(ctx: MessageContext, report: CallbackReport, text = ctx.text): string[] {
  const { state, now, services } = ctx;
  const entry = report.entry;
  const date = localDate(now);
  const previouslyOpen = { flags: openFlags(entry, state.calls), needs: openNeeds(entry, state.calls) };
  const escalatedSinceLastSuccess = escalatedSince(state, entry, lastSuccess(entry, state.calls)?.date ?? null);
  const call: CallRecord = {
    id: `C${state.nextCallId++}`,
    rosterId: entry.id,
    worker: ctx.person.name,
    at: now.toISOString(),
    date,
    outcome: report.outcome,
    flags: report.flags,
    needs: report.needs,
    text,
    clears: report.clears,
    temperature: report.temperature,
    attempts: report.attempts,
  };
  state.calls.push(call);
  const admins = services.directory.admins();
  if (report.danger.length) {
    for (const a of admins) ctx.outbox.toPerson(a.name, formatDangerAlert(entry, report.danger, ctx.person.name, text));
  }
  const attemptsToday = state.calls
    .filter((c) => c.rosterId === entry.id && c.date === date && c.outcome === 'unreachable')
    .reduce((n, c) => n + Math.max(1, c.attempts ?? 1), 0);
  const lines = [formatReportAck(report, { attemptsToday, previouslyOpen, adminAlerted: admins.length > 0 })];
  // An escalated case (today's, or an earlier day's still unsettled) is settled by this call: tell the admin once.
  if (report.outcome !== 'unreachable' && escalatedSinceLastSuccess) {
    const summary = describeFindings(report.flags, report.needs, report.temperature) || '情况正常';
    for (const a of admins) ctx.outbox.toPerson(a.name, formatEscalationResolved(entry, summary));
  }
  if (report.clears) closeMetNeeds(ctx, entry.name);
  if (report.needs.length > 0) lines.push(postNeed(ctx, report));
  return lines;
}

/** Whether the admin was told this person was unreachable after their last successful call. */
function escalatedSince(state: BotState, entry: RosterEntry, since: string | null): boolean {
  const prefix = `${entry.id}:`;
  return state.callbackEscalations.some((k) => k.startsWith(prefix) && (since === null || k.slice(prefix.length) > since));
}

/** Good news on a call ("药够吃了") settles the aid request made for that person. */
function closeMetNeeds(ctx: MessageContext, person: string): void {
  for (const req of ctx.state.aid.requests) {
    if (req.onBehalfOf === person && isOpen(req)) closeRequest(req, 'fulfilled', ctx.now);
  }
}

function postNeed(ctx: MessageContext, report: CallbackReport): string {
  const { directory } = ctx.services;
  const entry = report.entry;
  const worker = directory.person(ctx.person.name);
  const group = directory.buildingRoom(entry.building, worker.grid);
  const { request, effects } = postCallbackNeed(ctx.state.aid, {
    worker: ctx.person.name,
    person: entry.name,
    building: entry.building,
    unit: entry.unit,
    room: entry.room,
    grid: group?.grid ?? worker.grid,
    items: report.needs,
    forWhom: 'elderly',
    urgent: report.danger.length > 0 || (report.temperature ?? 0) >= 39,
    temperature: report.temperature,
    groupTopic: group?.topic ?? null,
    at: ctx.now,
  });
  for (const e of effects) {
    if (e.kind === 'room') ctx.outbox.toRoom(e.room, e.text, e.mentions);
    else ctx.outbox.toPerson(e.to, e.text);
  }
  if (!request) return `${entry.building}号楼没有登记楼栋群,需要的东西请您直接安排。`;
  if (effects.length === 0) return `这个需要已在「${request.room}」的求助里,有邻居回应会告诉您。`;
  return `已在「${request.room}」发了匿名求助(不写姓名、门牌和电话),有邻居回应会告诉您。`;
}

/** "1号楼那个" after the bot asked which of two people was meant. */
function answerClarification(ctx: MessageContext): boolean {
  const pending = ctx.state.clarifications.find((c) => c.worker === ctx.person.name);
  if (!pending) return false;
  ctx.state.clarifications = ctx.state.clarifications.filter((c) => c !== pending);
  if (ctx.now.getTime() - Date.parse(pending.at) > CLARIFY_MINUTES * 60000) return false;
  const candidates = ctx.state.roster.filter((e) => pending.candidateIds.includes(e.id));
  const chosen = resolveAmbiguity(ctx.text, candidates);
  if (!chosen) return false;
  // The first message may have been a question (王奶奶最近情况) or a report (王奶奶没人接).
  const meant = interpretFor(chosen, mentionIn(pending.text, chosen), pending.text, (t) => ctx.services.parser.extractItems(t));
  if (meant.kind === 'query') ctx.reply(formatPersonStatus(chosen, ctx.state.calls));
  else if (meant.kind === 'not_yet') ctx.reply(formatNotYet(chosen.name));
  else if (meant.kind === 'report') ctx.reply(record(ctx, meant, pending.text).join('\n'));
  else return false;
  return true;
}

/** The words that named `entry` in an earlier message (王奶奶), so the rest can be read. */
function mentionIn(text: string, entry: RosterEntry): string {
  return findMentions(text, [entry])[0]?.text ?? entry.name;
}
