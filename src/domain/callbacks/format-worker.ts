// Private messages to a grid worker: today's list, what is left, acknowledgements, ask-backs.
import { atLocal, localWeekday } from '../time.ts';
import { formatAddress, formatDateCn } from './entry.ts';
import { formatFrequency } from './frequency.ts';
import type { CallbackReport } from './interpret.ts';
import { describeCall, describeDelivery, describeFindings, describeMiss, describeProxy, OUTCOME_LABEL, UNREACHED_LABEL } from './labels.ts';
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
  if (item.status === 'proxy') return item.lastMiss ? describeMiss(item.lastMiss) : '只联系上家属或邻居';
  if (item.status === 'unreachable') {
    const why = item.lastMiss ? describeMiss(item.lastMiss) : '';
    const tries = item.attemptsToday > 1 ? `已打${item.attemptsToday}次` : '';
    const detail = [why, tries].filter(Boolean).join(',');
    return `未接通${detail ? `(${detail})` : ''}`;
  }
  return item.last && item.last.outcome !== 'delivery' ? OUTCOME_LABEL[item.last.outcome] : '已回访';
}

/** 比如"张桂兰正常""李秀英没人接", with the worker's own people. */
export function exampleReports(names: readonly string[]): string {
  const [a, b] = names;
  if (!a) return '比如"(姓名)正常""(姓名)没人接"';
  return b ? `比如"${a}正常""${b}没人接"` : `比如"${a}正常"或"${a}没人接"`;
}

function lastLabel(call: CallRecord): string {
  if (call.outcome === 'unreachable') return `未接通(${describeMiss(call)})`;
  if (call.outcome === 'proxy') return call.proxy ? describeProxy(call.proxy) : OUTCOME_LABEL.proxy;
  if (call.outcome === 'delivery') return call.delivered ? describeDelivery(call.delivered) : OUTCOME_LABEL.delivery;
  return OUTCOME_LABEL[call.outcome];
}

/** One numbered entry: who, where, phone; then note, last result; then open findings. */
function itemBlock(item: DueItem, n: number, withStatus: boolean): string {
  const lines = [`${n}. ${personLine(item.entry)}${withStatus ? ` [${statusLabel(item)}]` : ''}`];
  const last = item.last ? `${formatDateCn(item.last.date)}${lastLabel(item.last)}` : '还没回访过';
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
    `打完直接告诉我结果,${exampleReports(items.map((i) => i.entry.name))};记错了回"不对"就能改。`,
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
  const miss = item.status === 'unreachable' || item.status === 'proxy' ? `(${statusLabel(item).replace(/^未接通\(|\)$/g, '')})` : '';
  return `· ${personLine(item.entry)}${miss}${item.entry.note ? ` ${item.entry.note}` : ''}`;
}

/** The three groups still open today: not called, not picked up, only family reached. */
function leftSections(items: readonly DueItem[], heads: { pending: string; unreachable: string; proxy: string }): string[] {
  const pending = items.filter((i) => i.status === 'pending');
  const unreachable = items.filter((i) => i.status === 'unreachable');
  const proxy = items.filter((i) => i.status === 'proxy');
  const lines: string[] = [];
  if (pending.length) lines.push(`${heads.pending}(${pending.length}):`, ...pending.map(shortLine));
  if (unreachable.length) lines.push(`${heads.unreachable}(${unreachable.length}):`, ...unreachable.map(shortLine));
  if (proxy.length) lines.push(`${heads.proxy}(${proxy.length}):`, ...proxy.map(shortLine));
  return lines;
}

const leftCount = (items: readonly DueItem[]) => items.filter((i) => i.status !== 'done').length;

/** Reply to 还有谁没打 / 今天还差几个: not yet called, then unreachable to retry, then family only. */
export function formatNotCalled(items: readonly DueItem[]): string {
  const left = leftCount(items);
  if (left === 0)
    return items.length > 1 ? '今天要回访的都打完了,辛苦了!' : items.length ? '今天要回访的已经打完了,辛苦了!' : '今天没有要回访的人。';
  return [
    `今天还差 ${left} 位(共 ${items.length} 位):`,
    ...leftSections(items, { pending: '还没打', unreachable: '没接通,需要再打', proxy: '只联系上家属或邻居,还没和本人说上话' }),
  ].join('\n');
}

/** Reply to 谁没接: today's failed calls (and family-only ones), with why. */
export function formatUnreachableList(items: readonly DueItem[]): string {
  const missed = items.filter((i) => i.status === 'unreachable' || i.status === 'proxy');
  const pending = items.filter((i) => i.status === 'pending').length;
  const tail = pending ? `另有 ${pending} 位还没打。` : '';
  if (missed.length === 0) return `今天还没有没接通的。${tail}`;
  return [
    ...leftSections(missed, { pending: '', unreachable: '今天没接通的', proxy: '只联系上家属或邻居的' }),
    ...(tail ? [tail] : []),
  ].join('\n');
}

/** Reply to 谁需要跟进 / 谁缺药: open flags and needs of the worker's due people. */
export function formatFollowups(items: readonly DueItem[]): string {
  const open = items.filter((i) => i.openFlags.length || i.openNeeds.length);
  if (open.length === 0) return '您的回访对象现在没有待跟进的情况。';
  return [`待跟进 ${open.length} 位:`, ...open.map((i) => `· ${i.entry.name} ${formatAddress(i.entry)}:${followUp(i)}`)].join('\n');
}

/** 14:00 / 17:30 nudge; null when nothing is left (send nothing). */
export function formatChase(worker: string, items: readonly DueItem[]): string | null {
  if (leftCount(items) === 0) return null;
  return [
    `${worker},回访提醒:`,
    ...leftSections(items, {
      pending: '今天还没打',
      unreachable: '没接通的请再试一次',
      proxy: '只联系上家属或邻居的,方便时再和本人通个话',
    }),
  ].join('\n');
}

export interface AckOptions {
  /** Today's failed attempts including this one, for unreachable reports. */
  attemptsToday?: number;
  /** Flags or needs that were open before this report (shown as lifted when it clears them). */
  previouslyOpen?: { flags: readonly HealthFlag[]; needs: readonly ParsedItem[] };
  /** The danger words were sent to the admin. */
  adminAlerted?: boolean;
  /** The reporting worker, for "由您送到". */
  worker?: string;
}

/** What to do next about someone not reached. */
function nextStep(report: CallbackReport): string {
  if (report.checkBy) return `已请${report.checkBy}去看看,有结果告诉我。`;
  if (report.reason === 'out_of_service') return '号码可能停用了,建议上门看看或问问家属,核实后更新名单里的电话。';
  if (report.reason === 'busy') return '过一会儿再打。';
  if (report.retry) return '好的,晚点再打。';
  return '稍后请再打一次。';
}

/**
 * Says what was understood: 已记录:王淑芬 未接通(没听见电话),今天已打2次。稍后请再打一次。
 * · 已记录:张柱业 闺女接的电话,没和本人说上话;… · 已记录:刘德顺 已回访;发烧38.5°;需要退烧药。
 */
export function formatReportAck(report: CallbackReport, opts: AckOptions = {}): string {
  const name = report.entry.name;
  const parts: string[] = [];
  const findings = describeFindings(report.flags, report.needs, report.temperature);
  if (report.outcome === 'unreachable') {
    const n = opts.attemptsToday ?? report.attempts;
    const why = report.reason ? UNREACHED_LABEL[report.reason] : '没联系上';
    parts.push(`已记录:${name} 未接通(${why})${n > 1 ? `,今天已打${n}次` : ''}。${nextStep(report)}`);
  } else if (report.outcome === 'proxy') {
    parts.push(`已记录:${name} ${describeMiss(report)}${findings ? `;${findings}` : ''}。方便时请再和本人通个话。`);
  } else if (report.outcome === 'delivery') {
    parts.push(`已记录:${name}的${report.delivered ? describeDelivery(report.delivered) : '东西已送到'}。`);
  } else {
    let line = `已记录:${name} ${OUTCOME_LABEL[report.outcome]}${findings ? `;${findings}` : report.clears ? ';情况正常' : ''}`;
    const before = opts.previouslyOpen;
    if (report.clears && before && (before.flags.length || before.needs.length)) {
      const lifted = describeFindings(
        before.flags.filter((f) => !report.flags.includes(f)),
        before.needs.filter((n) => !report.needs.some((m) => m.name === n.name)),
      );
      if (lifted) line += `;之前的"${lifted}"已解除`;
    }
    if (report.delivered) line += `;${describeDelivery(report.delivered)}`;
    parts.push(`${line}。`);
  }
  if (report.danger.length) parts.push(dangerLine(report, opts));
  return parts.join('\n');
}

function dangerLine(report: CallbackReport, opts: AckOptions): string {
  const words = report.danger.join('、');
  return opts.adminAlerted ? `⚠ 提到"${words}",已马上通知管理员。` : `⚠ 提到"${words}",情况紧急请立即处理,必要时拨打120。`;
}

/** After 都打完了(,都挺好): who was recorded, and who still needs their own answer. */
export function formatReportAllAck(recorded: readonly RosterEntry[], stillUnreachable: readonly RosterEntry[], fine = true): string {
  const lines: string[] = [];
  if (recorded.length) lines.push(`已记录:${recorded.map((e) => e.name).join('、')} 已回访${fine ? ',情况正常' : ''}。`);
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

/** `names`: the worker's own people, for the example. */
export function formatUnknownPerson(name?: string, names: readonly string[] = []): string {
  return name ? `您的回访名单里没有"${name}",请核对一下姓名(说全名最准)。` : `没看出是哪位,请带上姓名,${exampleReports(names)}。`;
}

/**
 * A grid worker's private message that is neither a report nor a question the bot knows:
 * say what can be said here (with their own people's names), never a union answer.
 */
export function formatCallbacksHelp(names: readonly string[], greeting = false): string {
  const [a, b] = names;
  return [
    greeting ? '您好!我是邻里小助手,回访的事直接跟我说:' : '这句我没看懂。回访的事可以这样跟我说:',
    `· 报结果:${exampleReports(names)}${a ? `"${b ?? a}家属接的""${a}缺降压药"` : ''}`,
    `· 问进度:"还有谁没打""谁没接""${a ?? '(姓名)'}什么情况""今天要回访哪些人"`,
    '· 记错了:"不对"或"改成没接通"',
    '· 互助:"求助列表"、"库存 布洛芬 +20"',
    '工会服务的问题,请以"问:"开头。',
  ].join('\n');
}

/** After 不对 / 改成…: what was taken back, and what stands now. */
export function formatCorrectionAck(
  undone: readonly CallRecord[],
  entries: readonly RosterEntry[],
  newAck: string | null,
  names: readonly string[] = [],
): string {
  const nameOf = (c: CallRecord) => entries.find((e) => e.id === c.rosterId)?.name ?? '';
  const what = undone.map((c) => `${nameOf(c)} ${describeCall(c, true).replace(/^\S+ \S+ /, '')}`).join('、');
  if (newAck) return [`好的,已改正:刚才记的"${what}"作废。`, newAck].join('\n');
  const who = undone.length === 1 ? nameOf(undone[0]!) : undefined;
  return `好的,刚才记的"${what}"已撤销。请重新告诉我结果,${exampleReports(who ? [who] : names)}。`;
}

/** A request taken back by a correction that a neighbour had already answered. */
export function formatKeptRequest(room: string): string {
  return `「${room}」里的求助已有邻居回应,先留着;不需要的话请在群里说一声。`;
}

/** 不对 with nothing recorded today. */
export function formatNothingToCorrect(): string {
  return '今天还没有您的回访记录可以改。报结果时带上姓名就行。';
}

/** 改成没接通 after a message about several people: which one. */
export function formatWhichToCorrect(names: readonly string[]): string {
  return `刚才记了${names.join('、')},要改哪位?请带上姓名,比如"${names[0]}改成没接通"。`;
}

/** A name and nothing else a report would say: nothing recorded. */
export function formatUnclear(name: string): string {
  return `没看出${name}的回访结果,先没有记录。打完告诉我,比如"${name}正常""${name}没人接""${name}家属接的"。`;
}

/** 赵德明今天还没打 / 下午再打: nothing recorded, just a nod. */
export function formatNotYet(name?: string): string {
  return `好的,${name ?? '这位'}先不记录,打完直接告诉我结果就行。`;
}

/** What a delivery changed: the aid request closed, the pickup point's stock. */
export interface DeliveryNotes {
  /** Groups whose request for this person is now closed as delivered. */
  closedRooms: string[];
  stock: { point: string; item: string; left: number }[];
  /** Items the pickup point had no stock of in its records. */
  noStock: string[];
  /** A delivery-only message while the person's call today is still to come. */
  stillDue: boolean;
}

export function formatDeliveryNotes(n: DeliveryNotes): string[] {
  const lines: string[] = [];
  if (n.closedRooms.length) lines.push(`「${[...new Set(n.closedRooms)].join('」「')}」里为这位老人发的求助已关闭(已送到)。`);
  for (const s of n.stock) lines.push(`已从${s.point}库存减去:${s.item},现有 ${s.left}。`);
  if (n.noStock.length) lines.push(`领取处登记里没有${n.noStock.join('、')}的库存,请用"库存 药名 数量"核对一下。`);
  if (n.stillDue) lines.push('今天的回访还没记,打完告诉我结果。');
  return lines;
}
