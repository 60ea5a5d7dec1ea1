// Visit campaigns (送春联 to veterans …) in private chats with visitors and admins: plain-word
// visit reports, "还有谁没走访", "走访进度"; and the campaign's own calendar (start notice,
// weekly progress, the last three days, the final report to admins). A campaign's names go
// only to its visitors and admins; grid groups get counts.
//
// Commands (private chat, a campaign's visitors and admins):
//   王建国春联送到了,身体挺好,说家里暖气不热 · 李秀兰家里没人 · 赵德明说不用送了 · 王建国的事解决了
//   还有谁没走访 · 走访进度 (admins: everyone) · 不对 (takes back the last visit record)
import type { Feature } from '../bot.ts';
import type { JobContext, MessageContext } from '../context.ts';
import {
  finalReportDue,
  formatAmbiguousVisit,
  formatFinalReport,
  formatGroupCounts,
  formatProgress,
  formatReminder,
  formatStartNotice,
  formatTodo,
  formatUnclearVisit,
  formatVisitAck,
  interpretVisitMessage,
  isActive,
  nameCues,
  recordVisit,
  reminderDue,
  soundsLikeCampaign,
  undoLastVisit,
  visitors,
  type Campaign,
  type CampaignPerson,
} from '../../domain/campaigns/index.ts';
import { daysBetween, localDate } from '../../domain/time.ts';

const UNDO_RE = /^(?:不对|错了|记错了|撤回|撤销)[!！。.,，]*$/;

/** Admins, and union staff once that role exists, see every campaign. */
function isAdmin(role: string): boolean {
  return role === 'admin';
}

export const campaignsFeature: Feature = {
  name: 'campaigns',
  staffHelp: ['走访活动(私聊我):王建国春联送到了,身体挺好,说家里暖气不热 · 李秀兰家里没人 · 还有谁没走访 · 走访进度(管理员)'],
  install(bot) {
    const { config } = bot.services;
    bot.on((ctx, next) => {
      if (!ctx.isPrivate) return next();
      const today = localDate(ctx.now);
      const live = ctx.state.campaigns.filter((c) => isActive(c, today));
      if (live.length === 0) return next();
      // A display name proves nothing: only enrolled staff are visitors (their lists carry rooms and phones).
      if (ctx.person.role === 'resident') return next();
      const admin = isAdmin(ctx.person.role);
      const mine = live.filter((c) => admin || c.people.some((p) => p.visitor === ctx.person.name));
      if (mine.length === 0) return next();
      return handle(ctx, mine, admin) ? undefined : next();
    });
    bot.job('campaign-reminders', config.schedule.campaignReminders, reminders);
    bot.job('campaign-report', config.schedule.campaignReport, report);
  },
};

/** Whether the campaign took the message. */
function handle(ctx: MessageContext, campaigns: Campaign[], admin: boolean): boolean {
  const me = ctx.person.name;
  const cues = campaigns.flatMap((c) => nameCues(c.name));
  const talk = soundsLikeCampaign(ctx.text, cues);
  if (UNDO_RE.test(ctx.text.trim())) return undo(ctx, campaigns);
  const scope = dedupe(campaigns.flatMap((c) => c.people.filter((p) => admin || p.visitor === me)));
  const r = interpretVisitMessage(ctx.text, { scope, cues });
  if (r.kind === 'none') return false;
  if (r.kind === 'query') {
    const own = campaigns.filter((c) => c.people.some((p) => p.visitor === me));
    ctx.reply(admin && (r.query === 'progress' || own.length === 0) ? formatProgress(campaigns) : formatTodo(own, me));
    return true;
  }
  // A name also on the daily-callback roster, with nothing about a campaign: the callbacks' report.
  const person = r.kind === 'ambiguous' ? r.candidates[0] : r.person;
  if (!talk && onCallbackRoster(ctx, person)) return false;
  if (r.kind === 'ambiguous') {
    ctx.reply(formatAmbiguousVisit(r.mention, r.candidates));
    return true;
  }
  if (r.kind === 'unclear') {
    if (!talk) return false;
    ctx.reply(formatUnclearVisit(r.person));
    return true;
  }
  const campaign = pickCampaign(campaigns, r.person, ctx.text);
  const target = campaign.people.find((p) => p.id === r.person.id)!;
  const recorded = recordVisit(campaign, target, r.reading, { visitor: me, at: ctx.now, text: ctx.text });
  ctx.reply(formatVisitAck(campaign, target, recorded));
  // A need heard by someone else (an admin reporting) is the visitor's case: tell them, privately.
  if (recorded.newFollowups.length && target.visitor !== me)
    ctx.outbox.toPerson(
      target.visitor,
      `【${campaign.name}】${target.name}有需要跟进:${recorded.newFollowups.map((f) => f.need).join('、')}(${me}记录)`,
    );
  return true;
}

function dedupe(people: CampaignPerson[]): CampaignPerson[] {
  return [...new Map(people.map((p) => [p.id, p])).values()];
}

function onCallbackRoster(ctx: MessageContext, p: CampaignPerson): boolean {
  return ctx.state.roster.some((e) => e.name === p.name && e.worker === ctx.person.name);
}

/** The campaign a report is about: one whose name the text echoes, else one still waiting for this visit, else the one ending first. */
function pickCampaign(campaigns: Campaign[], p: CampaignPerson, text: string): Campaign {
  const withPerson = campaigns.filter((c) => c.people.some((x) => x.id === p.id));
  const named = withPerson.filter((c) => nameCues(c.name).some((w) => text.includes(w)));
  const pending = withPerson.filter((c) => !c.visits.some((v) => v.personId === p.id && v.outcome === 'visited'));
  const pool = named.length ? named : pending.length ? pending : withPerson;
  return [...pool].sort((a, b) => a.deadline.localeCompare(b.deadline))[0];
}

function undo(ctx: MessageContext, campaigns: Campaign[]): boolean {
  const me = ctx.person.name;
  const today = localDate(ctx.now);
  // Only a campaign record made today; otherwise 不对 belongs to the daily callbacks.
  const latest = campaigns
    .flatMap((c) => c.visits.filter((v) => v.visitor === me && v.date === today).map((v) => ({ c, v })))
    .sort((a, b) => a.v.at.localeCompare(b.v.at))
    .at(-1);
  const lastCall = ctx.state.calls.filter((c) => c.worker === me && c.date === today).at(-1);
  if (!latest || (lastCall && lastCall.at > latest.v.at)) return false;
  const gone = undoLastVisit(latest.c, me);
  const name = latest.c.people.find((p) => p.id === gone?.personId)?.name ?? '';
  ctx.reply(`已撤回:【${latest.c.name}】${name}的走访记录。请重新说一遍走访情况。`);
  return true;
}

function reminders(job: JobContext): void {
  const today = localDate(job.now);
  for (const c of job.state.campaigns) {
    const kind = reminderDue(c, today);
    if (!kind) continue;
    for (const v of visitors(c)) {
      // A visitor who is not enrolled is reached by display name, which anyone can take: no list goes there.
      if (job.services.directory.person(v).role === 'resident') continue;
      const text = kind === 'start' ? formatStartNotice(c, v) : formatReminder(c, v, today, kind);
      if (text) job.outbox.toPerson(v, text);
    }
    if (kind === 'start') c.startNoticeAt = job.now.toISOString();
    c.remindedDates.push(today);
  }
}

function report(job: JobContext): void {
  const today = localDate(job.now);
  const { directory } = job.services;
  for (const c of job.state.campaigns) {
    const final = finalReportDue(c, today);
    const weekly = today > c.start && today < c.deadline && daysBetween(c.start, today) % 7 === 0;
    if (!final && !weekly) continue;
    // Grid groups: counts of the people their own grid workers visit, never a name.
    for (const room of directory.allRooms().filter((r) => r.kind === 'grid')) {
      const workers = new Set(directory.gridWorkers(room.grid).map((p) => p.name));
      const people = c.people.filter((p) => workers.has(p.visitor));
      if (people.length) job.outbox.toRoom(room.topic, formatGroupCounts(c, people, final));
    }
    if (!final) continue;
    for (const a of directory.admins()) job.outbox.toPerson(a.name, formatFinalReport(c));
    c.finalReportAt = job.now.toISOString();
  }
}
