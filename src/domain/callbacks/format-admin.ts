// Messages for the admin (escalations, alerts, totals, stats) and the grid group (counts only).
import { localTime } from '../time.ts';
import { formatAddress, formatDateCn } from './entry.ts';
import { sumCounts } from './counts.ts';
import { UNREACHED_LABEL } from './labels.ts';
import type { CallRecord, DayCounts, RosterEntry, WorkerDayCounts, WorkerStats } from './types.ts';

function who(entry: RosterEntry): string {
  return `${entry.name}(${formatAddress(entry)}${entry.note ? `,${entry.note}` : ''})`;
}

const CN_COUNT = ['', '一', '两', '三', '四', '五', '六', '七', '八', '九'];

/** 09:40 · 10:10两次 · 14:05 关机: one failed attempt record, as the admin reads it. */
function attemptLabel(c: CallRecord): string {
  const n = Math.max(1, c.attempts ?? 1);
  const times = n > 1 ? `${CN_COUNT[n] ?? n}次` : '';
  return `${localTime(new Date(c.at))}${times}${c.reason ? ` ${UNREACHED_LABEL[c.reason]}` : ''}`;
}

/** 17:30 private escalation: unreachable all day, suggest a home visit. Every attempt is listed. */
export function formatAdminEscalation(entry: RosterEntry, attempts: readonly CallRecord[] | number): string {
  const records = typeof attempts === 'number' ? [] : attempts;
  const count = typeof attempts === 'number' ? attempts : records.reduce((n, c) => n + Math.max(1, c.attempts ?? 1), 0);
  const times = records.length ? `(${records.map(attemptLabel).join('、')})` : '';
  const lines = [
    `【回访预警】${who(entry)}今天一直联系不上。`,
    `网格员${entry.worker}已打${count}次${times},${count > 1 ? '都' : ''}没接通。`,
  ];
  const checker = records
    .map((c) => c.checkBy)
    .filter(Boolean)
    .at(-1);
  if (checker) lines.push(`已请${checker}上门查看,还没有结果。`);
  if (records.some((c) => c.reason === 'out_of_service')) lines.push('号码可能已停机,请核实名单上的电话。');
  lines.push(`电话:${entry.phone}`, '建议尽快安排上门查看,或联系家属、邻居确认情况。');
  return lines.join('\n');
}

/** Immediate private alert on danger words (摔倒, 呼吸困难, 昏迷, 胸痛). */
export function formatDangerAlert(entry: RosterEntry, danger: readonly string[], worker: string, text?: string): string {
  const lines = [`【紧急】${who(entry)}回访发现:${danger.join('、')}。`, `报告人:网格员${worker}`];
  if (text) lines.push(`原话:"${text}"`);
  lines.push(`电话:${entry.phone}`, '请立即联系确认,必要时拨打120并安排上门。');
  return lines.join('\n');
}

/** When an escalated case is settled: reached, or at least news from family or a neighbour. */
export function formatEscalationResolved(entry: RosterEntry, summary: string, viaOthers = false): string {
  return `【回访更新】${entry.name}(${formatAddress(entry)})${viaOthers ? '有消息了' : '已联系上'}:${summary}`;
}

function countsLine(c: DayCounts): string {
  const proxy = c.proxy ? `,只联系上家属或邻居 ${c.proxy} 人` : '';
  return `应回访 ${c.due} 人,已完成 ${c.done} 人${proxy},未接通 ${c.unreachable} 人,还没打 ${c.pending} 人,需跟进 ${c.flagged} 人`;
}

/** 20:00 evening digest for a grid group: counts only, never names or phone numbers. */
export function formatGridDigest(counts: DayCounts, opts: { grid?: string; date?: string } = {}): string {
  const head = `${opts.grid ?? ''}${opts.date ? `${formatDateCn(opts.date)}` : '今天'}回访小结`;
  const tail = counts.due === 0 ? '今天没有回访任务。' : `${countsLine(counts)}。辛苦各位网格员!`;
  return `${head}:${tail}`;
}

/** 20:00 private totals for the admin: the district, then each worker. */
export function formatAdminTotals(rows: readonly WorkerDayCounts[], date?: string): string {
  const total = sumCounts(rows);
  const lines = [`${date ? formatDateCn(date) : '今天'}回访汇总:${countsLine(total)}。`];
  for (const r of rows)
    lines.push(
      `· ${r.worker}:应${r.due} 完成${r.done}${r.proxy ? ` 只联系上家属或邻居${r.proxy}` : ''} 未接通${r.unreachable} 未打${r.pending} 跟进${r.flagged}`,
    );
  return lines.join('\n');
}

/** 回访统计: per worker over a range (usually the last 7 days). */
export function formatStats(rows: readonly WorkerStats[], range: { from: string; to: string }): string {
  const head = `回访统计(${formatDateCn(range.from)}—${formatDateCn(range.to)}):`;
  if (rows.length === 0) return `${head}\n没有回访名单。`;
  const lines = [head];
  for (const r of rows) {
    const rate = r.due ? Math.round((r.done / r.due) * 100) : 100;
    lines.push(
      `· ${r.worker}:应回访${r.due}人次,完成${r.done}(${rate}%),上门${r.visits}次,未接通${r.unreachableAttempts}次,漏访${r.missed},发现情况${r.flaggedCalls}次`,
    );
  }
  if (rows.length > 1) {
    const due = rows.reduce((n, r) => n + r.due, 0);
    const done = rows.reduce((n, r) => n + r.done, 0);
    lines.push(`合计:应回访${due}人次,完成${done}(${due ? Math.round((done / due) * 100) : 100}%)`);
  }
  return lines.join('\n');
}

/** A danger report the worker has since taken back or changed (不对). */
export function formatAlertWithdrawn(entry: RosterEntry, worker: string): string {
  return `【回访更正】网格员${worker}说刚才关于${entry.name}(${formatAddress(entry)})的紧急报告记错了,已撤回。如已在处理,请和网格员核实。`;
}
