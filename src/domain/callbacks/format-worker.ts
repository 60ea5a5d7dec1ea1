// Private messages to a grid worker: today's list, what is left, acknowledgements, ask-backs.
import { atLocal, localWeekday } from '../time.ts';
import { formatAddress, formatDateCn } from './entry.ts';
import { formatFrequency } from './frequency.ts';
import type { CallbackReport } from './interpret.ts';
import { describeCall, describeFindings, OUTCOME_LABEL } from './labels.ts';
import { openFlags, openNeeds } from './due.ts';
import type { CallRecord, DueItem, HealthFlag, RosterEntry } from './types.ts';
import type { ParsedItem } from '../types.ts';

const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function dayLabel(date: string): string {
  return `${formatDateCn(date)} ${WEEKDAY[localWeekday(atLocal(date, '12:00'))]}`;
}

/** 张桂兰 1号楼201 13800001001 */
function personLine(entry: RosterEntry): string {
  return `${entry.name} ${formatAddress(entry)} ${entry.phone}`;
}

function followUp(item: DueItem): string {
  const temperature = item.last && item.openFlags.includes('fever') ? item.last.temperature : null;
  return describeFindings(item.openFlags, item.openNeeds, temperature);
}

function statusLabel(item: DueItem): string {
  if (item.status === 'pending') return '待回访';
  if (item.status === 'unreachable') return `未接通${item.attemptsToday > 1 ? `(已打${item.attemptsToday}次)` : ''}`;
  return item.last ? OUTCOME_LABEL[item.last.outcome] : '已回访';
}

/** One numbered entry: who, where, phone; then note, last result; then open findings. */
function itemBlock(item: DueItem, n: number, withStatus: boolean): string {
  const lines = [`${n}. ${personLine(item.entry)}${withStatus ? ` [${statusLabel(item)}]` : ''}`];
  const last = item.last ? `${formatDateCn(item.last.date)}${OUTCOME_LABEL[item.last.outcome]}` : '还没回访过';
  const details = [item.entry.note, `上次:${last}`].filter(Boolean);
  lines.push(`   ${details.join(' | ')}`);
  const open = followUp(item);
  if (open) lines.push(`   待跟进:${open}`);
  if (item.extra) lines.push(`   ${item.extra}`);
  return lines.join('\n');
}

/** 08:30 private reminder: everyone due today with phone, note, last result and open flags. */
export function formatMorningList(worker: string, items: readonly DueItem[], date?: string): string {
  const day = date ? `(${dayLabel(date)})` : '';
  if (items.length === 0) return `${worker},早上好!今天${day}没有要回访的人。`;
  return [
    `${worker},早上好!今天${day}要回访 ${items.length} 位:`,
    ...items.map((item, i) => itemBlock(item, i + 1, false)),
    '打完直接告诉我结果,比如"张桂兰正常""李秀英没人接"。',
  ].join('\n');
}

/** Reply to 今天要回访哪些人: the same list with today's status. */
export function formatDueReply(items: readonly DueItem[], date?: string): string {
  const day = date ? `(${dayLabel(date)})` : '';
  if (items.length === 0) return `今天${day}没有要回访的人。`;
  const done = items.filter((i) => i.status === 'done').length;
  return [`今天${day}要回访 ${items.length} 位,已完成 ${done} 位:`, ...items.map((item, i) => itemBlock(item, i + 1, true))].join('\n');
}

function shortLine(item: DueItem): string {
  const tries = item.status === 'unreachable' ? `(已打${item.attemptsToday}次)` : '';
  return `· ${personLine(item.entry)}${tries}${item.entry.note ? ` ${item.entry.note}` : ''}`;
}

/** Reply to 还有谁没打: not yet called, then unreachable to retry. */
export function formatNotCalled(items: readonly DueItem[]): string {
  const pending = items.filter((i) => i.status === 'pending');
  const unreachable = items.filter((i) => i.status === 'unreachable');
  if (pending.length + unreachable.length === 0) return '今天要回访的都打完了,辛苦了!';
  const lines = [`还有 ${pending.length + unreachable.length} 位没回访完:`];
  if (pending.length) lines.push(`还没打(${pending.length}):`, ...pending.map(shortLine));
  if (unreachable.length) lines.push(`没接通,需要再打(${unreachable.length}):`, ...unreachable.map(shortLine));
  return lines.join('\n');
}

/** 14:00 / 17:30 nudge; null when nothing is left (send nothing). */
export function formatChase(worker: string, items: readonly DueItem[]): string | null {
  const pending = items.filter((i) => i.status === 'pending');
  const unreachable = items.filter((i) => i.status === 'unreachable');
  if (pending.length + unreachable.length === 0) return null;
  const lines = [`${worker},回访提醒:`];
  if (pending.length) lines.push(`今天还有 ${pending.length} 位没打:`, ...pending.map(shortLine));
  if (unreachable.length) lines.push(`没接通的请再试一次(${unreachable.length}):`, ...unreachable.map(shortLine));
  return lines.join('\n');
}

export interface AckOptions {
  /** Today's failed attempts including this one, for unreachable reports. */
  attemptsToday?: number;
  /** Flags or needs that were open before this report (shown as lifted when it clears them). */
  previouslyOpen?: { flags: readonly HealthFlag[]; needs: readonly ParsedItem[] };
  /** The danger words were sent to the admin. */
  adminAlerted?: boolean;
}

/** 已记录:刘德顺 已回访;发烧38.5°;需要退烧药、降压药 */
export function formatReportAck(report: CallbackReport, opts: AckOptions = {}): string {
  const name = report.entry.name;
  if (report.outcome === 'unreachable') {
    const n = opts.attemptsToday ?? report.attempts;
    const parts = [`已记录:${name} 未接通${n > 1 ? `(今天已打${n}次)` : ''}。稍后请再打一次。`];
    if (report.danger.length) parts.push(dangerLine(report, opts));
    return parts.join('\n');
  }
  const findings = describeFindings(report.flags, report.needs, report.temperature);
  let line = `已记录:${name} ${OUTCOME_LABEL[report.outcome]}${findings ? `;${findings}` : ';情况正常'}`;
  const before = opts.previouslyOpen;
  if (report.clears && before && (before.flags.length || before.needs.length)) {
    const lifted = describeFindings(before.flags.filter((f) => !report.flags.includes(f)), before.needs.filter((n) => !report.needs.some((m) => m.name === n.name)));
    if (lifted) line += `;之前的"${lifted}"已解除`;
  }
  const parts = [`${line}。`];
  if (report.danger.length) parts.push(dangerLine(report, opts));
  return parts.join('\n');
}

function dangerLine(report: CallbackReport, opts: AckOptions): string {
  const words = report.danger.join('、');
  return opts.adminAlerted ? `⚠ 提到"${words}",已马上通知管理员。` : `⚠ 提到"${words}",情况紧急请立即处理,必要时拨打120。`;
}

/** After 都打完了,都挺好: who was recorded, and who still needs their own answer. */
export function formatReportAllAck(recorded: readonly RosterEntry[], stillUnreachable: readonly RosterEntry[]): string {
  const lines: string[] = [];
  if (recorded.length) lines.push(`已记录:${recorded.map((e) => e.name).join('、')} 已回访,情况正常。`);
  else lines.push('今天没有待回访的人了。');
  if (stillUnreachable.length) lines.push(`${stillUnreachable.map((e) => e.name).join('、')} 今天还没接通过,请单独告诉我结果。`);
  return lines.join('\n');
}

/** Reply to 张柱业最近情况: who, open findings, last calls (newest first). */
export function formatPersonStatus(entry: RosterEntry, calls: readonly CallRecord[], limit = 5): string {
  const mine = calls.filter((c) => c.rosterId === entry.id).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const lines = [
    `${personLine(entry)}`,
    [entry.note, `${formatFrequency(entry.frequency)}回访`, `网格员${entry.worker}`].filter(Boolean).join(' | '),
  ];
  const open = describeFindings(openFlags(entry, calls), openNeeds(entry, calls));
  lines.push(open ? `待跟进:${open}` : '目前没有待跟进的情况。');
  if (mine.length === 0) lines.push('还没有回访记录。');
  else lines.push('最近回访:', ...mine.slice(0, limit).map((c) => `· ${describeCall(c)}`));
  return lines.join('\n');
}

/** Ask back when a name fits several people (no phone numbers). */
export function formatAmbiguous(mention: string, candidates: readonly RosterEntry[]): string {
  return [
    `"${mention}"有 ${candidates.length} 位,您说的是哪位?请回复全名或序号:`,
    ...candidates.map((c, i) => `${i + 1}. ${c.name} ${formatAddress(c)}`),
  ].join('\n');
}

export function formatUnknownPerson(name?: string): string {
  return name
    ? `您的回访名单里没有"${name}",请核对一下姓名(说全名最准)。`
    : '没看出是哪位,请带上姓名,比如"张桂兰正常""李秀英没人接"。';
}

/** 赵德明今天还没打 / 下午再打: nothing recorded, just a nod. */
export function formatNotYet(name?: string): string {
  return `好的,${name ?? '这位'}先不记录,打完直接告诉我结果就行。`;
}
