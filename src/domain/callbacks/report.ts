// Reading one callback report: outcome, health flags, needs, danger words, good news.
import { toHalfWidth } from '../text/normalize.ts';
import type { ParsedItem } from '../types.ts';
import type { CallOutcome, HealthFlag } from './types.ts';
import {
  CALLED_RE,
  COUGH_RESOLVED_RE,
  EXTRA_DANGER_RE,
  FEVER_RESOLVED_RE,
  GOOD_RE,
  HOUSEHOLD_RE,
  MEDICINE_NAME_RE,
  MEDICINE_RE,
  NEED_MET_RE,
  NEED_RE,
  NEGATION_BEFORE_RE,
  REACHED_EXPLICIT_RE,
  SELF_RE,
  SYMPTOMS,
  UNREACHABLE_RE,
  VISITED_RE,
  PLANNED_BEFORE_RE,
  fallbackItems,
} from './vocabulary.ts';

export type ExtractItems = (text: string) => ParsedItem[];

export interface ReportAnalysis {
  outcome: CallOutcome;
  flags: HealthFlag[];
  needs: ParsedItem[];
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

const CLAUSE_SPLIT = /[,.;!?，。；！？\n]|但是|但|不过|就是|可是/;

export function splitClauses(text: string): string[] {
  return text.split(CLAUSE_SPLIT).map((c) => c.trim()).filter(Boolean);
}

/** 38度5, 38.5, 38点5度, 39度 -> number; null when none or implausible. */
export function findTemperature(text: string): number | null {
  const m = /(?<![\d.])(3[5-9]|4[0-2])(?:(?:\.|点|度)(\d))?\s*(?:度|℃|°)?(?!\d)/.exec(text);
  if (!m) return null;
  if (!/度|℃|°|\.|点|体温|烧/.test(text.slice(Math.max(0, m.index - 4), m.index + m[0].length + 1))) return null;
  return Number(`${m[1]}.${m[2] ?? '0'}`);
}

/** A home visit that happened (上门看了, 我就上门了), not one planned (明天上门). */
function visited(text: string): boolean {
  for (const m of text.matchAll(VISITED_RE)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
    if (/了|过/.test(after) || /了$/.test(m[0])) return true;
    if (!PLANNED_BEFORE_RE.test(text.slice(Math.max(0, m.index - 4), m.index))) return true;
  }
  return false;
}

function outcomeOf(text: string): CallOutcome {
  if (visited(text)) return 'visited';
  UNREACHABLE_RE.lastIndex = 0;
  if (UNREACHABLE_RE.test(text)) {
    const rest = text.replace(UNREACHABLE_RE, '|');
    return REACHED_EXPLICIT_RE.test(rest) ? 'reached' : 'unreachable';
  }
  return 'reached';
}

function attemptsOf(text: string): number {
  const m = /(\d|两|二|三|四|五|几|好几)\s*(次|遍|回|个电话)/.exec(text);
  if (!m) return 1;
  const map: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 几: 2, 好几: 3 };
  return map[m[1]] ?? Math.max(1, Number(m[1]));
}

/** Symptom phrases in a clause that are not negated (没发烧, 不咳嗽). */
function symptomHits(clause: string): { flag: HealthFlag; word: string; danger: boolean }[] {
  const hits: { flag: HealthFlag; word: string; danger: boolean }[] = [];
  for (const rule of SYMPTOMS) {
    rule.re.lastIndex = 0;
    for (const m of clause.matchAll(rule.re)) {
      if (NEGATION_BEFORE_RE.test(clause.slice(Math.max(0, m.index - 3), m.index))) continue;
      hits.push({ flag: rule.flag, word: m[0], danger: rule.danger });
    }
  }
  return hits;
}

function hasNegatedSymptom(clause: string): boolean {
  return SYMPTOMS.some((rule) => {
    rule.re.lastIndex = 0;
    return [...clause.matchAll(rule.re)].some((m) => NEGATION_BEFORE_RE.test(clause.slice(Math.max(0, m.index - 3), m.index)));
  });
}

/** Everything a report says, independent of who it is about. */
export function analyzeReport(rawText: string, extractItems: ExtractItems): ReportAnalysis {
  const text = toHalfWidth(rawText);
  const outcome = outcomeOf(text);
  const flags = new Set<HealthFlag>();
  const needs = new Map<string, ParsedItem>();
  const danger: string[] = [];
  let good = GOOD_RE.test(text);
  let hasSignal = good || outcome !== 'reached' || CALLED_RE.test(text);

  for (const clause of splitClauses(text)) {
    const needMet = NEED_MET_RE.test(clause);
    const wantsSomething = NEED_RE.test(clause) && !needMet;
    // Medicine names hide symptom words (退烧药, 止咳药); resolved phrases are good news.
    let plain = clause.replace(MEDICINE_NAME_RE, '药');
    const resolved = FEVER_RESOLVED_RE.test(plain) || COUGH_RESOLVED_RE.test(plain);
    plain = plain.replace(FEVER_RESOLVED_RE, '').replace(COUGH_RESOLVED_RE, '');
    if (resolved || needMet || hasNegatedSymptom(plain)) good = true;

    const household = HOUSEHOLD_RE.test(plain) && !SELF_RE.test(plain);
    for (const hit of symptomHits(plain)) {
      flags.add(hit.flag === 'fever' && household ? 'household_fever' : hit.flag);
      if (hit.danger && !danger.includes(hit.word)) danger.push(hit.word);
    }
    EXTRA_DANGER_RE.lastIndex = 0;
    for (const m of plain.matchAll(EXTRA_DANGER_RE)) if (!danger.includes(m[0])) danger.push(m[0]);

    if (wantsSomething && (MEDICINE_RE.test(clause) || /没药/.test(clause))) {
      if (MEDICINE_RE.test(clause)) flags.add('no_medicine');
      const items = extractItems(clause);
      for (const item of items.length ? items : fallbackItems(clause)) needs.set(item.name, item);
    } else if (wantsSomething) {
      const items = extractItems(clause);
      for (const item of items.length ? items : fallbackItems(clause)) needs.set(item.name, item);
    }
  }

  const temperature = findTemperature(text);
  if (temperature !== null && temperature >= 37.3 && !flags.has('household_fever')) flags.add('fever');
  if (flags.size > 0 || needs.size > 0 || danger.length > 0) hasSignal = true;

  return {
    outcome,
    flags: [...flags],
    needs: [...needs.values()],
    danger,
    clears: outcome !== 'unreachable' && good,
    temperature,
    attempts: outcome === 'unreachable' ? attemptsOf(text) : 1,
    hasSignal,
  };
}
