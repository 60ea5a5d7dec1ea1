// What the bot says about activities. Groups get counts; staff get names privately.
import { confirmed, waiting } from './ops.ts';
import type { Activity, Signup } from './types.ts';
import { formatWhen } from './when.ts';

function where(a: Activity): string {
  return [a.place ? `地点:${a.place}` : '', a.link ? `线上:${a.link}` : ''].filter(Boolean).join('\n');
}

export function formatAnnouncement(a: Activity): string {
  return [
    `【活动报名】${a.title}`,
    `时间:${formatWhen(new Date(a.time))}`,
    where(a),
    a.capacity ? `名额:${a.capacity}人,报满后可候补` : '',
    a.deadline ? `报名截止:${formatWhen(new Date(a.deadline))}` : '',
    '想参加的在群里回"报名"或"+1",也可以私聊我;帮同事报名说"帮老王报一个";有事去不了说"取消报名"。',
  ]
    .filter(Boolean)
    .join('\n');
}

export function formatCreated(a: Activity, rooms: readonly string[]): string {
  return [
    `已发布活动 ${a.id}「${a.title}」,${formatWhen(new Date(a.time))}${a.capacity ? `,名额${a.capacity}人` : ''}。`,
    rooms.length ? `已发到:${rooms.join('、')}` : '没有找到要发的工会群,请在 群: 后写群名的一部分。',
    `之后可私聊我:报名情况 · 签到 ${a.id} 张三 李四 · 缺席 ${a.id} 王五 · 取消活动 ${a.id};名单用 linli activity export 导出为 Excel。`,
  ].join('\n');
}

export function formatConfirmation(a: Activity, s: Signup, position: number, forOthers = false): string {
  const who = forOthers ? `已为${s.name}` : '您已';
  if (s.status === 'waiting') return `${who}登记「${a.title}」的候补,排第 ${position} 位。有人取消会马上告诉${forOthers ? '您' : '您'}。`;
  return `${who}报名「${a.title}」(第 ${position} 位)。时间:${formatWhen(new Date(a.time))}${a.place ? `,地点:${a.place}` : ''}${a.link ? `,线上:${a.link}` : ''}。去不了请说"取消报名"。`;
}

export function formatDuplicate(a: Activity, s: Signup, self: boolean): string {
  const who = self ? '您' : s.name;
  return `${who}已经报过「${a.title}」了${s.status === 'waiting' ? '(候补中)' : ''},不用重复报名。`;
}

export function formatClosed(a: Activity): string {
  return `「${a.title}」的报名已经截止了。`;
}

export function formatCancelled(a: Activity, s: Signup, self: boolean): string {
  return `${self ? '已取消您' : `已取消${s.name}`}在「${a.title}」的报名。`;
}

export function formatPromoted(a: Activity): string {
  return `有人取消了报名,您已从候补转为「${a.title}」的正式报名。时间:${formatWhen(new Date(a.time))}${a.place ? `,地点:${a.place}` : ''}${a.link ? `,线上:${a.link}` : ''}。`;
}

/** For a group: counts only. */
export function formatCounts(a: Activity): string {
  const c = confirmed(a).length;
  const w = waiting(a).length;
  const cap = a.capacity ? `${c}/${a.capacity} 人` : `${c} 人`;
  const left = a.capacity ? (c >= a.capacity ? ',名额已满' : `,还剩 ${a.capacity - c} 个名额`) : '';
  return `「${a.title}」已报名 ${cap}${left}${w ? `,候补 ${w} 人` : ''}。`;
}

/** For staff, privately: names, who signed whom up, attendance. */
export function formatNames(a: Activity): string {
  const line = (s: Signup, i: number) =>
    `${i + 1}. ${s.name}${s.by !== s.name ? `(${s.by}代报)` : ''}${s.attended === true ? ' ✓到' : s.attended === false ? ' ✗缺席' : ''}`;
  const c = confirmed(a);
  const w = waiting(a);
  return [formatCounts(a), ...c.map(line), ...(w.length ? ['候补:', ...w.map(line)] : [])].join('\n');
}

export function formatReminder(a: Activity, kind: 'day' | 'hour'): string {
  const when = kind === 'day' ? '明天' : '一小时后';
  return `提醒:您报名的「${a.title}」${when}开始,${formatWhen(new Date(a.time))}${a.place ? `,地点:${a.place}` : ''}${a.link ? `,线上:${a.link}` : ''}。去不了请说"取消报名"。`;
}

export function formatAttendance(a: Activity, marked: readonly string[], added: readonly string[], came: boolean): string {
  // Out of those who had a place: the waiting list was never expected to come.
  const total = confirmed(a).length;
  const present = confirmed(a).filter((s) => s.attended === true).length;
  return [
    `已记录「${a.title}」${came ? '到场' : '缺席'}:${marked.join('、') || '无'}`,
    added.length ? `(${added.join('、')}不在报名名单上,已补登)` : '',
    `目前到场 ${present} / ${total} 人(正式报名)。`,
  ]
    .filter(Boolean)
    .join('\n');
}
