// Union activity sign-ups. Staff post an activity privately (key:value lines or one sentence);
// the bot announces it in the chosen union groups. Workers sign up there or privately in plain
// words (报名, 我参加, +1, 算我一个, 帮我同事老王也报一个) or by pasting a 接龙 list (only its new
// lines are read); each sign-up is confirmed privately, a full activity keeps a waiting list, and
// a cancellation moves the first waiting person up and tells them. 报名情况 in a group gives counts;
// staff get names privately. Reminders the day before and an hour before; staff mark attendance.
//
// Commands: 报名 / +1 / 取消报名 / 报名情况 (anyone) · 发布活动 … · 签到 A1 张三 李四 · 缺席 A1 王五 ·
//   取消活动 A1 (staff, privately)
import type { Feature } from '../bot.ts';
import type { JobContext, MessageContext } from '../context.ts';
import {
  ACTIVITY_TEMPLATE,
  active,
  cancelSignup,
  confirmed,
  createActivity,
  currentActivity,
  formatAnnouncement,
  formatAttendance,
  formatCancelled,
  formatClosed,
  formatConfirmation,
  formatCounts,
  formatCreated,
  formatDuplicate,
  formatNames,
  formatPromoted,
  formatReminder,
  interpretSignup,
  jielongName,
  markAttendance,
  parseActivityPost,
  signUp,
  type Activity,
  type Signup,
} from '../../domain/signups/index.ts';
import { localDate } from '../../domain/time.ts';

/** Admins; 'union_staff' too, once the directory knows that role. */
export function isUnionStaff(role: string): boolean {
  return role === 'admin' || role === 'union_staff';
}

const ATTEND_RE = /^(签到|到场|出席|缺席|没来)\s*(A\d+)?\s*[::]?\s*(.+)$/;
const CANCEL_ACTIVITY_RE = /^取消活动\s*(A\d+)/;
const STAFF_STATUS_RE = /^(?:报名情况|报名名单|活动名单|谁报名了)\s*(A\d+)?[??]?$/;

export const signupsFeature: Feature = {
  name: 'signups',
  help: ['活动报名:在群里回"报名"或"+1",帮同事报说"帮老王报一个",去不了说"取消报名";"报名情况"看人数'],
  staffHelp: ['发布活动(私聊我):发布活动 标题:… 时间:… 地点:… 名额:… 截止:… 群:…;签到 A1 张三 李四;报名情况'],
  install(bot) {
    const { config } = bot.services;
    bot.on((ctx, next) => {
      const staff = isUnionStaff(ctx.person.role);
      if (ctx.isPrivate && staff && staffCommand(ctx)) return;
      if (!ctx.isPrivate && ctx.room?.kind !== 'union' && !ctx.state.activities.list.some((a) => a.rooms.includes(ctx.room!.topic)))
        return next();
      const activity = currentActivity(ctx.state.activities, ctx.room?.topic ?? null, ctx.now, ctx.text);
      if (!activity) return next();
      return signupTalk(ctx, activity, staff) ? undefined : next();
    });
    bot.job('activity-day-before', config.schedule.activityDayBefore, dayBefore);
    bot.job('activity-hour-before', config.schedule.activityHourCheck, hourBefore);
  },
};

function staffCommand(ctx: MessageContext): boolean {
  const text = ctx.text.trim();
  const acts = ctx.state.activities;
  const post = parseActivityPost(text, ctx.now);
  if (post) {
    if (!post.ok) {
      ctx.reply(`活动还缺:${post.missing.join('、')}。可以照这个格式发:\n${ACTIVITY_TEMPLATE}`);
      return true;
    }
    const unions = ctx.services.directory.allRooms().filter((r) => r.kind === 'union');
    const chosen = post.draft.rooms.length
      ? ctx.services.directory.allRooms().filter((r) => post.draft.rooms.some((part) => r.topic.includes(part)))
      : unions;
    const rooms = chosen.map((r) => r.topic);
    const a = createActivity(acts, post.draft, rooms, ctx.person.name, ctx.now);
    for (const room of rooms) ctx.outbox.toRoom(room, formatAnnouncement(a));
    ctx.reply(formatCreated(a, rooms));
    return true;
  }
  const byId = (id: string | undefined): Activity | null =>
    id ? (acts.list.find((a) => a.id === id) ?? null) : (acts.list.filter((a) => !a.cancelled).at(-1) ?? null);
  const status = STAFF_STATUS_RE.exec(text);
  if (status) {
    const a = status[1] ? byId(status[1]) : null;
    const list = a ? [a] : acts.list.filter((x) => !x.cancelled && Date.parse(x.time) > ctx.now.getTime() - 7 * 86_400_000);
    ctx.reply(list.length ? list.map(formatNames).join('\n\n') : '目前没有活动。');
    return true;
  }
  const attend = ATTEND_RE.exec(text);
  if (attend) {
    const a = attend[2] ? byId(attend[2]) : lastStarted(acts.list, ctx.now);
    if (!a) return false;
    const names = attend[3].split(/[\s,,、;;]+/).filter((n) => n && !/^(到了|来了|都到了|没来)$/.test(n));
    const came = !/缺席|没来/.test(attend[1]);
    const { marked, added } = markAttendance(a, names, came, ctx.person.name, ctx.now);
    ctx.reply(formatAttendance(a, marked, added, came));
    return true;
  }
  const cancel = CANCEL_ACTIVITY_RE.exec(text);
  if (cancel) {
    const a = byId(cancel[1]);
    if (!a) return false;
    a.cancelled = true;
    for (const s of active(a))
      ctx.outbox.toPerson(recipient(s), `很抱歉,「${a.title}」取消了。${s.via === 'proxy' ? `(您帮${s.name}报的名)` : ''}`);
    for (const room of a.rooms) ctx.outbox.toRoom(room, `通知:「${a.title}」取消了,已报名的我会一一私信告知。`);
    ctx.reply(`已取消「${a.title}」,已通知 ${active(a).length} 位报名的人。`);
    return true;
  }
  return false;
}

/** The activity that started most recently (attendance is marked after it). */
function lastStarted(list: Activity[], now: Date): Activity | null {
  const started = list.filter((a) => !a.cancelled && Date.parse(a.time) <= now.getTime() + 3_600_000);
  return started.sort((a, b) => a.time.localeCompare(b.time)).at(-1) ?? list.filter((a) => !a.cancelled).at(-1) ?? null;
}

/** A person signed up by a colleague by nickname is reached through that colleague. */
function recipient(s: Signup): string {
  return s.via === 'proxy' ? s.by : s.name;
}

function signupTalk(ctx: MessageContext, a: Activity, staff: boolean): boolean {
  const me = ctx.person.name;
  const intent = interpretSignup(ctx.text);
  const via = ctx.isPrivate ? 'private' : 'group';
  switch (intent.kind) {
    case 'none':
      return false;
    case 'status':
      ctx.reply(formatCounts(a));
      if (staff && !ctx.isPrivate) ctx.outbox.toPerson(me, formatNames(a));
      return true;
    case 'signup': {
      if (intent.self) join(ctx, a, { name: me, by: me, via });
      for (const other of intent.others) join(ctx, a, { name: other, by: me, via: 'proxy' });
      return true;
    }
    case 'cancel': {
      const name = intent.who ?? me;
      const s = active(a).find((x) => x.name === name);
      // Only the person, whoever signed them up, or staff may take a name off.
      if (!s || (s.name !== me && s.by !== me && !staff)) {
        // "不去了" from someone not on the list is not about this activity.
        if (intent.who === null) return false;
        ctx.outbox.toPerson(me, `「${a.title}」的名单上没有${name}。`);
        return true;
      }
      const { cancelled, promoted } = cancelSignup(a, name);
      if (cancelled) ctx.outbox.toPerson(me, formatCancelled(a, cancelled, cancelled.name === me));
      if (promoted) {
        ctx.outbox.toPerson(
          recipient(promoted),
          promoted.via === 'proxy' ? `(您帮${promoted.name}报的名)${formatPromoted(a)}` : formatPromoted(a),
        );
      }
      return true;
    }
    case 'jielong': {
      const fresh = intent.lines.filter((l) => !a.jielongLines.includes(l));
      if (fresh.length === 0) return true;
      a.jielongLines.push(...fresh);
      for (const line of fresh) {
        const name = jielongName(line);
        if (name) join(ctx, a, { name, by: me, via: 'jielong' }, true);
      }
      return true;
    }
  }
}

function join(ctx: MessageContext, a: Activity, who: { name: string; by: string; via: Signup['via'] }, quietDuplicate = false): void {
  const me = ctx.person.name;
  const r = signUp(a, who, ctx.now);
  const to = who.via === 'proxy' ? me : who.name;
  if (r.kind === 'closed') return ctx.outbox.toPerson(me, formatClosed(a));
  if (r.kind === 'duplicate') {
    if (!quietDuplicate) ctx.outbox.toPerson(me, formatDuplicate(a, r.signup, who.name === me));
    return;
  }
  ctx.outbox.toPerson(to, formatConfirmation(a, r.signup, r.position, who.via === 'proxy'));
}

function remind(job: JobContext, a: Activity, kind: 'day' | 'hour'): void {
  for (const s of confirmed(a)) {
    const text = formatReminder(a, kind);
    job.outbox.toPerson(recipient(s), s.via === 'proxy' ? `(您帮${s.name}报的名)${text}` : text);
  }
}

function dayBefore(job: JobContext): void {
  const tomorrow = localDate(new Date(job.now.getTime() + 86_400_000));
  for (const a of job.state.activities.list) {
    if (a.cancelled || a.remindedDayBefore || localDate(new Date(a.time)) !== tomorrow) continue;
    a.remindedDayBefore = true;
    remind(job, a, 'day');
  }
}

function hourBefore(job: JobContext): void {
  for (const a of job.state.activities.list) {
    const left = Date.parse(a.time) - job.now.getTime();
    if (a.cancelled || a.remindedHourBefore || left <= 0 || left > 3_600_000) continue;
    a.remindedHourBefore = true;
    remind(job, a, 'hour');
  }
}
