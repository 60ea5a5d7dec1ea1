// What a grid worker's private message means for callbacks: a query, a report, or nothing.
import { toHalfWidth } from '../text/normalize.ts';
import { analyzeReport, type ExtractItems, type ReportAnalysis, type ReportOptions } from './report.ts';
import { readCorrection } from './correction.ts';
import { findMentions, guessUnknownName, type Mention } from './resolve.ts';
import { NOT_YET_RE, PLANNED_CALL_RE, REST_RE, UNREACHED_RULES } from './vocabulary.ts';
import type { RosterEntry } from './types.ts';

/** due_today: the list; not_called: who is left; unreachable: who did not pick up; followups: open findings. */
export type CallbackQuery = 'due_today' | 'not_called' | 'unreachable' | 'followups' | 'status' | 'stats';

/** What a report says about one roster person (see ReportAnalysis for the fields). */
export interface CallbackReport extends Omit<ReportAnalysis, 'hasSignal'> {
  kind: 'report';
  entry: RosterEntry;
}

export type CallbackInterpretation =
  | { kind: 'query'; query: CallbackQuery; person?: RosterEntry }
  | CallbackReport
  /** Several people in one message (张桂兰、王淑芬都正常); `rest`: 其他都挺好 for everyone else still pending. */
  | { kind: 'reports'; reports: CallbackReport[]; rest?: { clears: boolean } }
  /** 都打完了(,都挺好): every still-pending due entry of the worker was reached (and is fine). */
  | { kind: 'report_all'; outcome: 'reached'; clears: boolean }
  /** 不对 / 改成没接通: take back or change the last record; `person` when the words name one. */
  | { kind: 'correction'; content: string; person: RosterEntry | null; wrongPerson: boolean }
  | { kind: 'ambiguous'; mention: string; candidates: RosterEntry[] }
  /** 赵德明今天还没打 / 王奶奶那边我下午再打: a plan, nothing to record yet. */
  | { kind: 'not_yet'; mention: string; person?: RosterEntry }
  /** A name and nothing a report would say (张柱业药我下午送过去): nothing recorded. */
  | { kind: 'unclear'; person: RosterEntry }
  /** Someone the worker named who is not on their list (or who cannot be told from the words). */
  | { kind: 'unknown_person'; name?: string }
  | { kind: 'none' };

export interface InterpretContext {
  worker: string;
  isAdmin: boolean;
  /** The whole roster; a worker's names are looked up in their own entries only (admins: all). */
  roster: readonly RosterEntry[];
  /** The message parser's item extractor (退烧药 -> fever_medicine). */
  extractItems: ExtractItems;
  /** Names of the 爱心药 pickup points. */
  pickupNames?: readonly string[];
}

const STATS_RE = /回访统计|回访汇总|回访报表|统计一下回访|回访数据|本周回访情况|这周回访情况/;
const NOT_CALLED_RE =
  /(还有|还剩|剩下|剩|哪些|谁|几个|几位|多少).{0,4}(没打|没回访|未回访|没联系|没问|要打)|谁还没|(没打|没回访|未回访)的(人|有|是)?(谁|哪些|名单)?|还剩(谁|哪些|几个|几位|多少)|剩下(谁|哪些|的)|还差(几|多少|谁|哪)|差(几个|几位|多少)|(打|回访)完了?(吗|没)|^(今天的?)?(电话)?打完了[。.!！~]*$/;
const UNREACHABLE_Q_RE =
  /(谁|哪些|哪几个|哪几位|几个|几位|有谁|多少).{0,3}(没接|没人接|没打通|没接通|联系不上|没联系上|打不通|未接通|关机)|(没接|没人接|没接通|没打通|联系不上|打不通)的(人|有|是)?(谁|哪些|几个|几位|名单)/;
const FOLLOWUP_Q_RE =
  /(谁|哪些|哪几个|哪几位|几个|几位|有谁).{0,4}(发烧|缺药|缺东西|需要|要跟进|待跟进|有情况|不舒服)|(待|要|需要)跟进的?(有|是)?(谁|哪些|几个)?$/;
const DUE_RE =
  /(今天|今日|今儿).{0,6}(回访|要打|打哪些|打谁|打电话|名单)|回访名单|要回访(哪些|谁|的人)|要打(哪些|谁)|回访哪些人|(打|回访)了(几|多少)/;
const STATUS_RE = /最近情况|最近怎么样|情况怎么样|情况如何|怎么样了?|咋样了?|近况|回访记录|什么情况|情况$/;
const QUESTION_RE = /[??吗呢]$|打了没|打没打/;
const ALL_RE =
  /(都|全|全部|全都|所有人?)(打完|打了|打过|回访完|回访了|联系了|问过|问了|通了)|(都|全|全部|全都)(挺好|很好|正常|没事|还好|好)/;
const ALL_GOOD_RE = /(挺好|很好|正常|没事|还好|都好|没问题)/;

/** The report for one known person, from the words of the whole message or a part of it. */
export function reportFor(entry: RosterEntry, text: string, extractItems: ExtractItems, opts: ReportOptions = {}): CallbackReport {
  return toReport(entry, analyzeReport(text, extractItems, opts));
}

function toReport(entry: RosterEntry, a: ReportAnalysis): CallbackReport {
  const { hasSignal: _ignored, ...rest } = a;
  return { kind: 'report', entry, ...rest };
}

export function interpretWorkerMessage(rawText: string, ctx: InterpretContext): CallbackInterpretation {
  const text = toHalfWidth(rawText).trim();
  if (!text) return { kind: 'none' };
  const scope = ctx.isAdmin ? ctx.roster : ctx.roster.filter((e) => e.worker === ctx.worker);

  const correction = readCorrection(text);
  if (correction) {
    const named = distinctPeople(findMentions(correction.content, scope)).filter((m) => m.candidates.length === 1);
    return {
      kind: 'correction',
      content: correction.content,
      person: named[0]?.candidates[0] ?? null,
      wrongPerson: correction.wrongPerson,
    };
  }

  const mentions = findMentions(text, scope);
  if (STATS_RE.test(text)) return { kind: 'query', query: 'stats' };
  // 张桂兰没接,其他都挺好: the named ones from their words, everyone else from the rest.
  const rest = mentions.length > 0 ? REST_RE.exec(text) : null;
  if (rest) {
    const body = text.slice(0, rest.index) + ' '.repeat(rest[0].length) + text.slice(rest.index + rest[0].length);
    const named = interpretWorkerMessage(body, ctx);
    const reports = named.kind === 'report' ? [named] : named.kind === 'reports' ? named.reports : null;
    if (reports) return { kind: 'reports', reports, rest: { clears: ALL_GOOD_RE.test(rest[0]) } };
  }
  if (mentions.length === 0) {
    if (UNREACHABLE_Q_RE.test(text)) return { kind: 'query', query: 'unreachable' };
    if (FOLLOWUP_Q_RE.test(text)) return { kind: 'query', query: 'followups' };
    if (NOT_CALLED_RE.test(text)) return { kind: 'query', query: 'not_called' };
    if (DUE_RE.test(text)) return { kind: 'query', query: 'due_today' };
    if (ALL_RE.test(text)) {
      return QUESTION_RE.test(text)
        ? { kind: 'query', query: 'not_called' }
        : { kind: 'report_all', outcome: 'reached', clears: ALL_GOOD_RE.test(text) };
    }
    return unknownOrNone(text, ctx);
  }

  const first = mentions[0];
  if (first.candidates.length > 1) {
    if (isPlanOnly(text, ctx.extractItems)) return { kind: 'not_yet', mention: first.text };
    return { kind: 'ambiguous', mention: first.text, candidates: first.candidates };
  }
  if (mentions.length === 1 && isStatusQuestion(text, first.text)) return { kind: 'query', query: 'status', person: first.candidates[0] };
  if (isPlanOnly(text, ctx.extractItems)) return { kind: 'not_yet', mention: first.text, person: first.candidates[0] };
  const people = distinctPeople(mentions);
  const unclear = people.find((m) => m.candidates.length > 1);
  if (unclear) return { kind: 'ambiguous', mention: unclear.text, candidates: unclear.candidates };
  const opts = { pickupNames: ctx.pickupNames };
  // Never a "reached" out of words that say nothing about the call or the person.
  if (!analyzeReport(text, ctx.extractItems, opts).hasSignal) return { kind: 'unclear', person: first.candidates[0]! };
  if (people.length === 1) return reportFor(first.candidates[0]!, text, ctx.extractItems, opts);
  return { kind: 'reports', reports: splitReports(text, people, ctx.extractItems, opts) };
}

/**
 * What a message means for one person, once the worker has said which of several they meant:
 * a question about them, a plan (nothing to record), or a report.
 */
export function interpretFor(
  entry: RosterEntry,
  mention: string,
  rawText: string,
  extractItems: ExtractItems,
  opts: ReportOptions = {},
): CallbackInterpretation {
  const text = toHalfWidth(rawText).trim();
  if (isStatusQuestion(text, mention)) return { kind: 'query', query: 'status', person: entry };
  if (isPlanOnly(text, extractItems)) return { kind: 'not_yet', mention, person: entry };
  return reportFor(entry, text, extractItems, opts);
}

/** 张桂兰最近情况 / 张桂兰怎么样了? / a bare name. */
function isStatusQuestion(text: string, mention: string): boolean {
  const rest = text.replace(mention, '').replace(/[()()\s,.:;!。，：]/g, '');
  return STATUS_RE.test(text) || (QUESTION_RE.test(text) && !ALL_RE.test(text)) || rest.length === 0;
}

/** 还没打 / 下午再打 with no result in the words: nothing to record. */
function isPlanOnly(text: string, extractItems: ExtractItems): boolean {
  const stripped = text.replace(new RegExp(NOT_YET_RE.source, 'g'), '').replace(new RegExp(PLANNED_CALL_RE.source, 'g'), '');
  if (stripped === text) return false;
  return !analyzeReport(stripped, extractItems).hasSignal;
}

/** One mention per person, in text order. */
function distinctPeople(mentions: Mention[]): Mention[] {
  const seen = new Set<string>();
  const out: Mention[] = [];
  for (const m of mentions) {
    const key = m.candidates.map((c) => c.id).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m);
  }
  return out;
}

/**
 * Each person gets the words from their name to the next person's name. A part that says
 * nothing of its own (张桂兰、王淑芬都正常) borrows the next part's words, or the previous one's.
 */
function splitReports(text: string, people: Mention[], extractItems: ExtractItems, opts: ReportOptions): CallbackReport[] {
  const parts = people.map((m, i) => {
    const start = i === 0 ? 0 : m.index;
    const end = i + 1 < people.length ? people[i + 1]!.index : text.length;
    const words = text.slice(start, end).replace(m.text, '');
    return { entry: m.candidates[0]!, analysis: analyzeReport(words, extractItems, opts) };
  });
  return parts.map((p, i) => {
    if (p.analysis.hasSignal) return toReport(p.entry, p.analysis);
    const donor =
      parts.slice(i + 1).find((q) => q.analysis.hasSignal) ??
      parts
        .slice(0, i)
        .reverse()
        .find((q) => q.analysis.hasSignal);
    return toReport(p.entry, donor ? donor.analysis : p.analysis);
  });
}

/** A report or question about someone not on this worker's list, or a message for another feature. */
function unknownOrNone(text: string, ctx: InterpretContext): CallbackInterpretation {
  // A full name from anyone's roster is never a question for another feature (nor for union staff).
  const anywhere = findMentions(text, ctx.roster).find((m) => m.how === 'full');
  if (anywhere) return { kind: 'unknown_person', name: anywhere.text };
  const unreached = UNREACHED_RULES.some((r) => new RegExp(r.re.source).test(text));
  const looksLikeReport = unreached || /回访|上门看|打过了|打了|打通|正常|挺好|接的/.test(text) || STATUS_RE.test(text);
  if (!looksLikeReport) return { kind: 'none' };
  const name = guessUnknownName(text);
  return name ? { kind: 'unknown_person', name } : { kind: 'none' };
}
