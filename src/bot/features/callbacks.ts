// Daily callbacks in a private chat with grid workers (and admins): plain-word reports,
// questions about the day, corrections, chases, and escalation of people nobody could reach.
// A grid worker's private message is always answered here (a report, a question, or a short
// "you can say …"), never with union-service suggestions; aid commands run before this.
//
// Commands (private chat, grid workers and admins):
//   今天要回访哪些人 / 还有谁没打 / 谁没接 / 谁需要跟进 / 张柱业最近情况 / 回访统计 (admins)
//   reports in plain words: 张柱业已回访,在发烧,家里没有退烧药 · 李桂兰电话没人接 · 王淑芬家属接的
//   · 张柱业的退烧药我从爱心药领取处拿了送过去了 · 都打完了,都挺好 · 不对 / 改成没接通
import type { Feature } from '../bot.ts';
import type { MessageContext } from '../context.ts';
import {
  analyzeReport,
  buildDueItems,
  correctionTarget,
  describeFindings,
  describeMiss,
  findMentions,
  formatAdminEscalation,
  formatAlertWithdrawn,
  formatAmbiguous,
  formatCallbacksHelp,
  formatChase,
  formatCorrectionAck,
  formatDangerAlert,
  formatDeliveryNotes,
  formatDueReply,
  formatEscalationResolved,
  formatFollowups,
  formatNotCalled,
  formatKeptRequest,
  formatNothingToCorrect,
  formatNotYet,
  formatPersonStatus,
  formatReportAck,
  formatReportAllAck,
  formatStats,
  formatUnclear,
  formatUnknownPerson,
  formatUnreachableList,
  formatWhichToCorrect,
  interpretFor,
  interpretWorkerMessage,
  lastDays,
  lastSuccess,
  openFlags,
  openNeeds,
  reportFor,
  resolveAmbiguity,
  statusToday,
  unreachableAttempts,
  workerStats,
  type CallbackInterpretation,
  type CallbackReport,
  type CallEffects,
  type CallRecord,
  type RosterEntry,
} from '../../domain/callbacks/index.ts';
import { postCallbackNeed } from '../../domain/aid/index.ts';
import { deliverCallbackNeed, settleNeeds, undoCallbackEffects } from '../../domain/aid/callback-need.ts';
import { aidView, applyAid } from './aid-apply.ts';
import { localDate } from '../../domain/time.ts';
import type { BotState } from '../../store/state.ts';

const CLARIFY_MINUTES = 30;
/** 好的 / 收到 / 谢谢 / 辛苦了, alone: nothing to answer. */
const ACK_RE =
  /^(?:(?:好的?|好嘞|好滴|行|可以|收到了?|谢谢(?:你|您|啦|了)?|多谢|感谢|辛苦了?|嗯+|哦+|噢+|ok|okay|明白了?|知道了|了解|👌|👍)[\s,，.。!！~～]*)+$/i;
/** Words of the callbacks job: a message with these is never a union question. */
const CALLBACKS_TALK_RE =
  /回访|电话|没接|接了|接的|打了|打通|老人|大爷|大娘|奶奶|爷爷|阿姨|名单|上门|几个|几位|谁|哪些|记录|刚才|独居|空巢|家属|邻居/;
const GREETING_RE = /^(?:你好|您好|在吗|在不在|hello|hi|早上好|早|晚上好|下午好)[\s,，.。!！~～?？呀啊]*$/i;

export const callbacksFeature: Feature = {
  name: 'callbacks',
  staffHelp: [
    '回访(私聊我):今天要回访哪些人 / 还有谁没打 / 谁没接 / 张柱业最近情况 / 回访统计(管理员)',
    '回访结果直接说,如"李秀英没人接""王淑芬家属接的""张柱业缺降压药";记错了说"不对"或"改成没接通"',
  ],
  install(bot) {
    const { config, directory } = bot.services;

    bot.on((ctx, next) => {
      if (!ctx.isPrivate) return next();
      const isAdmin = ctx.person.role === 'admin';
      // Enrolled grid workers only: a contact that merely shares a worker's name is a resident (issue 10).
      const isWorker = !isAdmin && ctx.person.role === 'grid_worker';
      if (!isAdmin && !isWorker) return next();
      if (answerClarification(ctx)) return;
      const result = interpretWorkerMessage(ctx.text, {
        worker: ctx.person.name,
        isAdmin,
        roster: ctx.state.roster,
        extractItems: (t) => ctx.services.parser.extractItems(t),
        pickupNames: ctx.state.aid.stock.map((p) => p.name),
      });
      if (result.kind === 'none') {
        if (isAdmin) return next();
        return answerOther(ctx, config.bot.askPrefixes, next);
      }
      handle(ctx, result, isAdmin, config.holidays);
    });

    for (const [i, cron] of config.schedule.callbackChase.entries()) {
      bot.job(`callback-chase-${i + 1}`, cron, (job) => {
        const date = localDate(job.now);
        // Only to enrolled workers: a roster name nobody is enrolled under gets nothing (a display name proves nothing).
        for (const worker of workersWithRoster(job.state).filter((w) => directory.person(w).role === 'grid_worker')) {
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

function handle(
  ctx: MessageContext,
  result: Exclude<CallbackInterpretation, { kind: 'none' }>,
  isAdmin: boolean,
  holidays: string[],
): void {
  const today = localDate(ctx.now);
  const mine = () => buildDueItems(ctx.state.roster, ctx.state.calls, today, { worker: isAdmin ? null : ctx.person.name, holidays });
  switch (result.kind) {
    case 'query':
      if (result.query === 'due_today') ctx.reply(formatDueReply(mine(), today));
      else if (result.query === 'not_called') ctx.reply(formatNotCalled(mine()));
      else if (result.query === 'unreachable') ctx.reply(formatUnreachableList(mine()));
      else if (result.query === 'followups') ctx.reply(formatFollowups(mine()));
      else if (result.query === 'status' && result.person) ctx.reply(formatPersonStatus(result.person, ctx.state.calls));
      else if (result.query === 'stats') {
        if (!isAdmin) ctx.reply('回访统计只对管理员开放。');
        else {
          const range = lastDays(today, 7);
          ctx.reply(formatStats(workerStats(ctx.state.roster, ctx.state.calls, range, holidays, ctx.state.callsBegan), range));
        }
      }
      return;
    case 'report':
      ctx.reply(record(ctx, result).join('\n'));
      return;
    case 'reports': {
      const lines = result.reports.flatMap((r) => record(ctx, r));
      if (result.rest) {
        const named = new Set(result.reports.map((r) => r.entry.id));
        const items = mine().filter((i) => !named.has(i.entry.id));
        const pending = items.filter((i) => i.status === 'pending').map((i) => i.entry);
        for (const entry of pending)
          record(
            ctx,
            reportFor(entry, result.rest.clears ? '正常' : '打了', (t) => ctx.services.parser.extractItems(t)),
            ctx.text,
          );
        lines.push(
          formatReportAllAck(
            pending,
            items.filter((i) => i.status === 'unreachable').map((i) => i.entry),
            result.rest.clears,
          ),
        );
      }
      ctx.reply(lines.join('\n'));
      return;
    }
    case 'report_all': {
      const items = mine();
      const pending = items.filter((i) => i.status === 'pending').map((i) => i.entry);
      for (const entry of pending)
        record(
          ctx,
          reportFor(entry, result.clears ? '正常' : '打了', (t) => ctx.services.parser.extractItems(t)),
          ctx.text,
        );
      ctx.reply(
        formatReportAllAck(
          pending,
          items.filter((i) => i.status === 'unreachable').map((i) => i.entry),
          result.clears,
        ),
      );
      return;
    }
    case 'correction':
      correct(ctx, result);
      return;
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
    case 'unclear':
      ctx.reply(formatUnclear(result.person.name));
      return;
    case 'unknown_person':
      ctx.reply(formatUnknownPerson(result.name, ownNames(ctx)));
      return;
  }
}

/**
 * A grid worker's message that is neither a report nor a callbacks question. A union question
 * goes on when it has its prefix (问:), or when the knowledge base answers it outright or it is
 * plainly something for staff; thanks get silence; anything else — and anything that sounds like
 * callbacks — a callbacks-flavoured hint, never a list of union topics to choose from.
 */
function answerOther(ctx: MessageContext, askPrefixes: string[], next: () => Promise<void>): Promise<void> | void {
  const text = ctx.text.trim();
  if (askPrefixes.some((p) => text.startsWith(p))) return next();
  if (ACK_RE.test(text)) return;
  const greeting = GREETING_RE.test(text);
  if (!greeting && !CALLBACKS_TALK_RE.test(text)) {
    const faq = ctx.services.faq().ask(text);
    if (faq.band === 'answer' || (faq.band === 'handoff' && faq.handoffReason === 'uncovered')) return next();
  }
  ctx.reply(formatCallbacksHelp(ownNames(ctx), greeting));
}

/** The worker's own people, due today first, for examples in replies. */
function ownNames(ctx: MessageContext): string[] {
  const today = localDate(ctx.now);
  const due = buildDueItems(ctx.state.roster, ctx.state.calls, today, { worker: ctx.person.name }).map((i) => i.entry.name);
  const all = ctx.state.roster.filter((e) => e.worker === ctx.person.name).map((e) => e.name);
  return [...new Set([...due, ...all])];
}

function workersWithRoster(state: BotState): string[] {
  return [...new Set(state.roster.map((e) => e.worker))];
}

/** Saves one report; returns the acknowledgement lines. Needs become aid requests; deliveries close them. */
function record(ctx: MessageContext, report: CallbackReport, text = ctx.text): string[] {
  const { state, now, services } = ctx;
  const entry = report.entry;
  const date = localDate(now);
  const previouslyOpen = { flags: openFlags(entry, state.calls), needs: openNeeds(entry, state.calls) };
  const escalatedSinceLastSuccess = escalatedSince(state, entry, lastSuccess(entry, state.calls)?.date ?? null);
  const effects: CallEffects = {};
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
    reason: report.reason,
    proxy: report.proxy,
    checkBy: report.checkBy,
    delivered: report.delivered,
    effects,
  };
  state.calls.push(call);
  state.callsBegan ??= call.date;
  const admins = services.directory.admins();
  if (report.danger.length) {
    for (const a of admins) ctx.outbox.toPerson(a.name, formatDangerAlert(entry, report.danger, ctx.person.name, text));
    effects.alerted = admins.length > 0;
  }
  const attemptsToday = state.calls
    .filter((c) => c.rosterId === entry.id && c.date === date && c.outcome === 'unreachable')
    .reduce((n, c) => n + Math.max(1, c.attempts ?? 1), 0);
  const lines = [formatReportAck(report, { attemptsToday, previouslyOpen, adminAlerted: admins.length > 0, worker: ctx.person.name })];
  // An escalated case (today's, or an earlier day's still unsettled) is settled by news of the person: tell the admin once.
  if ((report.outcome === 'reached' || report.outcome === 'visited' || report.outcome === 'proxy') && escalatedSinceLastSuccess) {
    const findings = describeFindings(report.flags, report.needs, report.temperature) || (report.outcome === 'proxy' ? '' : '情况正常');
    const summary = [report.outcome === 'proxy' ? describeMiss(report) : '', findings].filter(Boolean).join(';');
    for (const a of admins) ctx.outbox.toPerson(a.name, formatEscalationResolved(entry, summary, report.outcome === 'proxy'));
  }
  if (report.delivered) lines.push(...deliver(ctx, report, effects));
  if (report.clears) closeMetNeeds(ctx, entry.name, effects);
  if (report.needs.length > 0) lines.push(postNeed(ctx, report, effects));
  return lines;
}

/** Closes the person's requests the delivery answers and takes the pickup point's stock. */
function deliver(ctx: MessageContext, report: CallbackReport, effects: CallEffects): string[] {
  const d = report.delivered!;
  const worker = ctx.services.directory.person(ctx.person.name);
  const result = deliverCallbackNeed(aidView(ctx.state.aid), {
    worker: ctx.person.name,
    person: report.entry.name,
    items: d.items,
    by: d.by,
    fromPickup: d.fromPickup,
    count: d.count,
    grid: worker.grid,
    at: ctx.now,
    categoryOf: (name) => ctx.services.parser.extractItems(name)[0]?.category ?? null,
  });
  applyAid(ctx, result);
  effects.closed = result.closed.map((c) => c.before);
  effects.stock = result.stock.map(({ point, item, taken }) => ({ point, item, taken }));
  const stillDue = report.outcome === 'delivery' && statusToday(report.entry, ctx.state.calls, localDate(ctx.now)) === 'pending';
  return formatDeliveryNotes({ closedRooms: result.closed.map((c) => c.req.room), stock: result.stock, noStock: result.noStock, stillDue });
}

/** Whether the admin was told this person was unreachable after their last successful call. */
function escalatedSince(state: BotState, entry: RosterEntry, since: string | null): boolean {
  const prefix = `${entry.id}:`;
  return state.callbackEscalations.some((k) => k.startsWith(prefix) && (since === null || k.slice(prefix.length) > since));
}

/** Good news on a call ("药够吃了") settles the aid request made for that person. */
function closeMetNeeds(ctx: MessageContext, person: string, effects: CallEffects): void {
  const { closed, changes } = settleNeeds(aidView(ctx.state.aid), person, ctx.now);
  applyAid(ctx, { changes });
  if (closed.length) (effects.closed ??= []).push(...closed);
}

function postNeed(ctx: MessageContext, report: CallbackReport, effects: CallEffects): string {
  const { directory } = ctx.services;
  const entry = report.entry;
  const worker = directory.person(ctx.person.name);
  const group = directory.buildingRoom(entry.building, worker.grid);
  const posted = postCallbackNeed(aidView(ctx.state.aid), {
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
  const { request, effects: out } = posted;
  applyAid(ctx, posted);
  if (request && posted.created) effects.posted = request.id;
  if (!request) return `${entry.building}号楼没有登记楼栋群,需要的东西请您直接安排。`;
  if (out.length === 0) return `这个需要已在「${request.room}」的求助里,有邻居回应会告诉您。`;
  return `已在「${request.room}」发了匿名求助(不写姓名、门牌和电话),有邻居回应会告诉您。`;
}

/**
 * 不对 / 改成没接通 / 记错人了,是王淑芬没接: takes back the worker's last record today (or the
 * named person's), puts back what it changed, and records what it should have said.
 */
function correct(ctx: MessageContext, c: Extract<CallbackInterpretation, { kind: 'correction' }>): void {
  const { state } = ctx;
  const extract = (t: string) => ctx.services.parser.extractItems(t);
  const found = correctionTarget(state.calls, state.roster, ctx.person.name, localDate(ctx.now), c);
  if (found.kind === 'which') return ctx.reply(formatWhichToCorrect(found.names));
  const { records: target, subject } = found;
  const entryOf = (r: CallRecord) => state.roster.find((e) => e.id === r.rosterId);
  const opts = { pickupNames: state.aid.stock.map((p) => p.name) };
  // "不对,张柱业" names someone but says nothing new: only take the record back.
  const says = subject && c.content ? analyzeReport(c.content.replace(mentionIn(c.content, subject), ''), extract, opts).hasSignal : false;
  const meaningful = says ? reportFor(subject!, c.content, extract, opts) : null;
  if (target.length === 0 && !meaningful) return ctx.reply(formatNothingToCorrect());

  const notes: string[] = [];
  for (const r of target) {
    const { kept, changes } = undoCallbackEffects(aidView(state.aid), r.effects ?? {}, ctx.now);
    applyAid(ctx, { changes });
    if (kept) notes.push(formatKeptRequest(kept.room));
    const entry = entryOf(r);
    if (r.effects?.alerted && entry)
      for (const a of ctx.services.directory.admins()) ctx.outbox.toPerson(a.name, formatAlertWithdrawn(entry, ctx.person.name));
  }
  state.calls = state.calls.filter((r) => !target.includes(r));
  const ack = meaningful ? record(ctx, meaningful, ctx.text).join('\n') : null;
  const names = subject ? [subject.name] : [];
  const reply = target.length ? formatCorrectionAck(target, state.roster, ack, names) : ack!;
  ctx.reply([reply, ...notes].join('\n'));
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
  const pickupNames = ctx.state.aid.stock.map((p) => p.name);
  const meant = interpretFor(chosen, mentionIn(pending.text, chosen), pending.text, (t) => ctx.services.parser.extractItems(t), {
    pickupNames,
  });
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
