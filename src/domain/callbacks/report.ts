// Reading one callback report: how the call went (call-outcome.ts), health flags, needs and
// deliveries (needs.ts), danger words, good news.
import { toHalfWidth } from '../text/normalize.ts';
import type { ParsedItem } from '../types.ts';
import { clausesOf, readOutcome } from './call-outcome.ts';
import { readDelivery, readNeeds, type ExtractItems } from './needs.ts';
import type { CallOutcome, Delivery, HealthFlag, ProxyContact, UnreachedReason } from './types.ts';
import {
  CALLED_RE,
  COUGH_RESOLVED_RE,
  EXTRA_DANGER_RE,
  FEVER_RESOLVED_RE,
  GOOD_NEGATED_BEFORE,
  GOOD_RE,
  HOUSEHOLD_RE,
  MEDICINE_NAME_RE,
  NEGATION_BEFORE_RE,
  RETRY_PLAN_RE,
  SELF_RE,
  SYMPTOMS,
} from './vocabulary.ts';

export type { ExtractItems } from './needs.ts';

export interface ReportAnalysis {
  outcome: CallOutcome;
  /** Unreachable: why (关机, 停机, 没听见 …), when the words say. */
  reason: UnreachedReason | null;
  /** Proxy: who answered or looked in instead of the person. */
  proxy: ProxyContact | null;
  /** Unreachable: someone sent to check (让邻居去敲门看看). */
  checkBy: string | null;
  /** A retry is planned (晚点再打). */
  retry: boolean;
  flags: HealthFlag[];
  needs: ParsedItem[];
  /** Something brought to the person. */
  delivered: Delivery | null;
  /** Danger words as written (摔倒, 呼吸困难); non-empty means alert the admin now. */
  danger: string[];
  /** Good news that supersedes earlier flags and needs (正常, 退烧了, 药够吃). */
  clears: boolean;
  temperature: number | null;
  /** Failed attempts the words describe (打了两次都没人接 -> 2); 1 otherwise. */
  attempts: number;
  /** Whether the text says anything a report would say (false for a bare name). */
  hasSignal: boolean;
}

export interface ReportOptions {
  /** Names of the 爱心药 pickup points (a delivery from there takes stock). */
  pickupNames?: readonly string[];
}

export function splitClauses(text: string): string[] {
  return clausesOf(text).map((c) => c.text);
}

/** 38度5, 38.5, 38点5度, 39度 -> number; null when none or implausible. */
export function findTemperature(text: string): number | null {
  const m = /(?<![\d.])(3[5-9]|4[0-2])(?:(?:\.|点|度)(\d))?\s*(?:度|℃|°)?(?!\d)/.exec(text);
  if (!m) return null;
  if (!/度|℃|°|\.|点|体温|烧/.test(text.slice(Math.max(0, m.index - 4), m.index + m[0].length + 1))) return null;
  return Number(`${m[1]}.${m[2] ?? '0'}`);
}

function negatedAt(clause: string, index: number): boolean {
  return NEGATION_BEFORE_RE.test(clause.slice(Math.max(0, index - 5), index));
}

/** Symptom phrases in a clause that are not negated (没发烧, 不咳嗽, 没再烧). */
function symptomHits(clause: string): { flag: HealthFlag; word: string; danger: boolean }[] {
  const hits: { flag: HealthFlag; word: string; danger: boolean }[] = [];
  for (const rule of SYMPTOMS) {
    for (const m of clause.matchAll(rule.re)) {
      if (negatedAt(clause, m.index)) continue;
      hits.push({ flag: rule.flag, word: m[0], danger: rule.danger });
    }
  }
  return hits;
}

function hasNegatedSymptom(clause: string): boolean {
  return SYMPTOMS.some((rule) => [...clause.matchAll(rule.re)].some((m) => negatedAt(clause, m.index)));
}

/** 挺好 / 正常, unless denied (不是很好, 不太好). */
export function goodNews(text: string): boolean {
  return [...text.matchAll(new RegExp(GOOD_RE.source, 'gi'))].some(
    (m) => !GOOD_NEGATED_BEFORE.test(text.slice(Math.max(0, m.index - 3), m.index)),
  );
}

/** Everything a report says, independent of who it is about. */
export function analyzeReport(rawText: string, extractItems: ExtractItems, opts: ReportOptions = {}): ReportAnalysis {
  const text = toHalfWidth(rawText);
  const clauses = clausesOf(text);
  const call = readOutcome(text);
  const { needs, noMedicine, met } = readNeeds(clauses, extractItems);
  const delivered = readDelivery(text, clauses, extractItems, opts.pickupNames);
  const flags = new Set<HealthFlag>();
  const danger: string[] = [];
  let good = goodNews(text);

  for (const { text: clause } of clauses) {
    // Medicine names hide symptom words (退烧药, 止咳药); resolved phrases are good news.
    let plain = clause.replace(MEDICINE_NAME_RE, '药');
    const resolved = new RegExp(FEVER_RESOLVED_RE.source).test(plain) || new RegExp(COUGH_RESOLVED_RE.source).test(plain);
    plain = plain.replace(FEVER_RESOLVED_RE, '').replace(COUGH_RESOLVED_RE, '');
    if (resolved || hasNegatedSymptom(plain)) good = true;
    const household = HOUSEHOLD_RE.test(plain) && !SELF_RE.test(plain);
    for (const hit of symptomHits(plain)) {
      flags.add(hit.flag === 'fever' && household ? 'household_fever' : hit.flag);
      if (hit.danger && !danger.includes(hit.word)) danger.push(hit.word);
    }
    for (const m of plain.matchAll(EXTRA_DANGER_RE)) if (!danger.includes(m[0])) danger.push(m[0]);
  }
  if (noMedicine) flags.add('no_medicine');

  const temperature = findTemperature(text);
  if (temperature !== null && temperature >= 37.3 && !flags.has('household_fever')) flags.add('fever');

  // 送过去了 says a need was met; without a delivery, 药够吃 / 什么都不缺 is news of the person.
  if (met && (!delivered || call.outcome !== null || CALLED_RE.test(text))) good = true;
  const content = good || flags.size > 0 || needs.length > 0 || danger.length > 0;
  let outcome: CallOutcome = call.outcome ?? 'reached';
  // 张柱业的退烧药我送过去了: a delivery, not a call.
  if (call.outcome === null && delivered && !content && !CALLED_RE.test(text)) outcome = 'delivery';
  if (outcome === 'delivery') good = false;

  return {
    outcome,
    reason: call.reason,
    proxy: call.proxy,
    checkBy: call.checkBy,
    retry: RETRY_PLAN_RE.test(text),
    flags: [...flags],
    needs,
    delivered,
    danger,
    clears: (outcome === 'reached' || outcome === 'visited' || outcome === 'proxy') && good,
    temperature,
    attempts: call.attempts,
    hasSignal: content || call.outcome !== null || CALLED_RE.test(text) || delivered !== null,
  };
}
