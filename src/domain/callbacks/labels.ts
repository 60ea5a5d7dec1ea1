// Chinese words for outcomes, flags and needs, shared by every message.
import type { ParsedItem } from '../types.ts';
import type { CallOutcome, CallRecord, HealthFlag } from './types.ts';
import { formatDateCn } from './entry.ts';
import { localTime } from '../time.ts';

export const OUTCOME_LABEL: Record<CallOutcome, string> = { reached: '已回访', unreachable: '未接通', visited: '已上门' };

export const FLAG_LABEL: Record<HealthFlag, string> = {
  fever: '发烧',
  household_fever: '家人发烧',
  cough: '咳嗽',
  no_medicine: '缺药',
  needs_doctor: '需要看医生',
  fall: '摔倒',
  low_mood: '情绪低落',
  breathing: '呼吸困难',
  chest_pain: '胸痛胸闷',
  unconscious: '意识不清',
};

/** 发烧38.5°、咳嗽;需要退烧药、降压药 — empty when there is nothing to follow up. */
export function describeFindings(flags: readonly HealthFlag[], needs: readonly ParsedItem[], temperature?: number | null): string {
  const words: string[] = [];
  const set = new Set(flags);
  if (set.has('fever') && set.has('household_fever')) {
    words.push('本人和家人发烧');
    set.delete('fever');
    set.delete('household_fever');
  }
  for (const f of set) {
    if (f === 'no_medicine' && needs.length > 0) continue;
    words.push(f === 'fever' && temperature ? `发烧${temperature}°` : FLAG_LABEL[f]);
  }
  const parts = words.length ? [words.join('、')] : [];
  if (needs.length) parts.push(`需要${[...new Set(needs.map((n) => n.name))].join('、')}`);
  return parts.join(';');
}

/** 12月21日 09:55 已回访:发烧38.5°;需要退烧药 */
export function describeCall(call: CallRecord, withTime = true): string {
  const when = withTime ? `${formatDateCn(call.date)} ${localTime(new Date(call.at))}` : formatDateCn(call.date);
  const findings = describeFindings(call.flags, call.needs, call.temperature);
  const times = call.outcome === 'unreachable' && (call.attempts ?? 1) > 1 ? `(${call.attempts}次)` : '';
  const summary = findings || (call.clears && call.outcome !== 'unreachable' ? '情况正常' : '');
  return `${when} ${OUTCOME_LABEL[call.outcome]}${times}${summary ? `:${summary}` : ''}`;
}
