// 不对 / 改成没接通 / 不是正常,是没人接 / 记错人了,是王淑芬没接: the worker takes back or
// changes what was just recorded. Returns what the record should say instead ('' = only undo).
import { toHalfWidth } from '../text/normalize.ts';
import type { CallRecord, RosterEntry } from './types.ts';
import { UNREACHED_RULES, CORRECTED_TO_RE, CORRECTION_ANY_RE, CORRECTION_START_RE, GOOD_RE, NOT_BUT_RE } from './vocabulary.ts';

export interface CorrectionReading {
  /** What the record should say instead, with any name the worker gave; '' to only take it back. */
  content: string;
  /** 记错人了: the last record was about the wrong person. */
  wrongPerson: boolean;
}

/** A 不是X,是Y about how the call went, not about the person (不是发烧,是感冒 is a report). */
function aboutTheCall(words: string): boolean {
  return (
    GOOD_RE.test(words) ||
    /接|通|打|上门|回访|记|关机|停机|占线|听见|正常/.test(words) ||
    UNREACHED_RULES.some((r) => new RegExp(r.re.source).test(words))
  );
}

const PUNCT = /^[\s,，。.!！:：;；]+|[\s,，。.!！;；]+$/g;

export function readCorrection(rawText: string): CorrectionReading | null {
  const text = toHalfWidth(rawText).trim();
  const start = CORRECTION_START_RE.exec(text);
  const anywhere = CORRECTION_ANY_RE.exec(text);
  const to = CORRECTED_TO_RE.exec(text);
  const notBut = NOT_BUT_RE.exec(text);
  const usefulNotBut = notBut && aboutTheCall(notBut[1]!) ? notBut : null;
  if (!start && !anywhere && !to && !usefulNotBut) return null;

  let content = text.replace(CORRECTION_ANY_RE, ' ');
  const notButAgain = usefulNotBut ? NOT_BUT_RE.exec(content) : null;
  if (notButAgain) content = content.slice(0, notButAgain.index) + content.slice(notButAgain.index + notButAgain[0].length);
  const toAgain = CORRECTED_TO_RE.exec(content);
  if (toAgain) content = content.slice(0, toAgain.index) + content.slice(toAgain.index + toAgain[0].length);
  const startAgain = CORRECTION_START_RE.exec(content);
  if (startAgain) content = content.slice(startAgain[0].length);
  content = content
    .replace(CORRECTION_ANY_RE, ' ')
    .replace(PUNCT, '')
    .replace(/^(?:应该是|其实是|是)/, '')
    .replace(PUNCT, '');
  return { content, wrongPerson: /记错人|搞错人|说错人|弄错人/.test(text) };
}

/** Which records a correction takes back, whom the new words are about, or whom to ask about. */
export type CorrectionTarget = { kind: 'records'; records: CallRecord[]; subject: RosterEntry | null } | { kind: 'which'; names: string[] };

/**
 * The worker's last message today (all its records), or the named person's record in it, or
 * that person's latest today; 记错人了 takes back the last message whoever it named.
 */
export function correctionTarget(
  calls: readonly CallRecord[],
  roster: readonly RosterEntry[],
  worker: string,
  date: string,
  c: { content: string; person: RosterEntry | null; wrongPerson: boolean },
): CorrectionTarget {
  const mineToday = calls.filter((r) => r.worker === worker && r.date === date);
  const lastAt = mineToday.reduce((max, r) => (r.at > max ? r.at : max), '');
  const batch = mineToday.filter((r) => r.at === lastAt);
  if (c.person) {
    const inBatch = batch.filter((r) => r.rosterId === c.person!.id);
    const theirs = mineToday.filter((r) => r.rosterId === c.person!.id).slice(-1);
    return { kind: 'records', records: inBatch.length ? inBatch : c.wrongPerson ? batch : theirs, subject: c.person };
  }
  const people = [...new Set(batch.map((r) => r.rosterId))];
  const nameOf = (id: string) => roster.find((e) => e.id === id)?.name ?? '';
  if (c.content && people.length > 1) return { kind: 'which', names: people.map(nameOf) };
  return { kind: 'records', records: batch, subject: roster.find((e) => e.id === people[0]) ?? null };
}
