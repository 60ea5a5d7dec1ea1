// Chinese words for outcomes, flags and needs, shared by every message.
import type { ParsedItem } from '../types.ts';
import type { CallOutcome, CallRecord, Delivery, HealthFlag, ProxyContact, UnreachedReason } from './types.ts';
import { formatDateCn } from './entry.ts';
import { localTime } from '../time.ts';

export const OUTCOME_LABEL: Record<CallOutcome, string> = {
  reached: '已回访',
  unreachable: '未接通',
  visited: '已上门',
  proxy: '只联系上家属或邻居',
  delivery: '送东西',
};

/** Why the call did not get through, in the worker's terms. */
export const UNREACHED_LABEL: Record<UnreachedReason, string> = {
  no_answer: '没人接',
  not_heard: '没听见电话',
  busy: '占线',
  switched_off: '关机',
  out_of_service: '号码停机或空号',
  no_one_home: '上门没人应',
  away: '人不在家',
  no_contact: '打不通',
};

/** 闺女接的电话 / 楼长上门看过 / 邻居说的情况. */
export function describeProxy(p: ProxyContact): string {
  if (p.how === 'answered') return `${p.who}接的电话`;
  if (p.how === 'visited') return `${p.who}上门看过`;
  return `${p.who}说的情况`;
}

/** 未接通(关机) / 闺女接的电话,没和本人说上话 — for lists and chases. */
export function describeMiss(call: Pick<CallRecord, 'outcome' | 'reason' | 'proxy' | 'checkBy'>): string {
  if (call.outcome === 'proxy') return `${call.proxy ? describeProxy(call.proxy) : '家属或邻居接的'},没和本人说上话`;
  const why = call.reason ? UNREACHED_LABEL[call.reason] : '没联系上';
  return `${why}${call.checkBy ? `,已请${call.checkBy}去看看` : ''}`;
}

/** 退烧药由您送到 / 降压药儿子已买到. */
export function describeDelivery(d: Delivery, worker?: string): string {
  const what = d.items.length ? [...new Set(d.items.map((i) => i.name))].join('、') : '需要的东西';
  if (d.by === 'worker') return `${what}由${worker ? `网格员${worker}` : '您'}送到${d.fromPickup ? '(从爱心药领取处拿的)' : ''}`;
  if (d.by) return `${what}${d.by}已${d.bought ? '买好' : '送到'}`;
  return `${what}已送到`;
}

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
  if (call.outcome === 'delivery')
    return `${when} ${call.delivered ? describeDelivery(call.delivered, call.worker) : OUTCOME_LABEL.delivery}`;
  const times = call.outcome === 'unreachable' && (call.attempts ?? 1) > 1 ? `,${call.attempts}次` : '';
  const label =
    call.outcome === 'unreachable'
      ? `未接通(${describeMiss(call)}${times})`
      : call.outcome === 'proxy'
        ? describeMiss(call)
        : OUTCOME_LABEL[call.outcome];
  const summary = findings || (call.clears && call.outcome !== 'unreachable' ? '情况正常' : '');
  return `${when} ${label}${summary ? `:${summary}` : ''}`;
}
