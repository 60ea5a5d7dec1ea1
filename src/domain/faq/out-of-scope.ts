// Explicit out-of-scope detection: questions the union FAQ must never guess at.
//
// A cue is a plain phrase ("布洛芬") or a small family pattern that staff can write in YAML:
//   (a|b|c)   one of several words:        "(社保卡|医保卡|公积金)"
//   *         a short gap (0-8 characters, not across a sentence end):
//             "(我的|查|寄)*快递" or "(青岛|济南)*(工会|职工之家)"
// Everything else is matched literally after normalisation (half-width, lower case).
import { normalizeText } from '../text/normalize.ts';
import type { KnowledgeBase } from './kb.ts';

/** cue: never union business (weather, medicine doses, fortune-telling, the bot itself);
 *  chitchat: only greetings; everyday: daily-life matters (装修, 物业, 买菜) that are off-topic
 *  unless the question also names a covered topic ("物业公司三个月没发钱了"); uncovered: a union
 *  or labour matter the knowledge base has no entry for (互助保障, 产假) — staff should see it,
 *  with the same exception. */
export type OutOfScopeReason = 'cue' | 'chitchat' | 'everyday' | 'uncovered' | null;

export interface OutOfScopeVerdict {
  reason: OutOfScopeReason;
  cue: string | null;
  /** The text without the cue's own words: what is left to look for a covered topic's keyword in
   *  ("劳动局拖欠工资投诉电话" minus 劳动局/电话 still names 拖欠工资). */
  rest: string;
}

export interface OutOfScopeDetector {
  check(text: string): OutOfScopeVerdict;
}

/** The words of a cue without its gaps, as one pattern: "(劳动局|人社局)*(电话|地址)" -> 劳动局|人社局|电话|地址. */
export function cueWords(cue: string): RegExp | null {
  const words = normalizeText(cue)
    .split('*')
    .flatMap((part) => {
      const out: string[] = [];
      const re = /\(([^)]*)\)|([^()]+)/g;
      for (const m of part.matchAll(re)) {
        if (m[1] !== undefined) out.push(...m[1].split('|'));
        else if (m[2]) out.push(m[2]);
      }
      return out;
    })
    .map((w) => w.trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  return words.length > 0 ? new RegExp(words.join('|'), 'gu') : null;
}

/** What is left of a greeting-only message: punctuation, symbols, spaces, emoji noise. Digits stay ("12351?"). */
const NOISE = /[\p{P}\p{S}\s~]+/gu;
/** The gap a "*" stands for: a few characters within one sentence. */
const GAP = '[^。！？!?;；\\n]{0,8}';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles one cue; a plain phrase becomes a literal, "(a|b)" and "*" become a small pattern. */
export function compileCue(cue: string): RegExp | null {
  const s = normalizeText(cue);
  if (!s) return null;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '*') {
      out += GAP;
      i++;
    } else if (ch === '(') {
      const end = s.indexOf(')', i);
      if (end < 0) {
        out += escapeRegExp(s.slice(i));
        break;
      }
      const alts = s
        .slice(i + 1, end)
        .split('|')
        .map((a) => a.trim())
        .filter(Boolean)
        .map(escapeRegExp);
      out += alts.length > 0 ? `(?:${alts.join('|')})` : '';
      i = end + 1;
    } else {
      out += escapeRegExp(ch);
      i++;
    }
  }
  return out ? new RegExp(out, 'u') : null;
}

interface Compiled {
  cue: string;
  re: RegExp;
  words: RegExp | null;
}

function compileAll(list: string[]): Compiled[] {
  return list.map((c) => ({ cue: c, re: compileCue(c), words: cueWords(c) })).filter((c): c is Compiled => c.re !== null);
}

export function createOutOfScopeDetector(kb: KnowledgeBase): OutOfScopeDetector {
  const cues = compileAll(kb.outOfScope.cues);
  const everyday = compileAll(kb.outOfScope.everyday);
  const uncovered = compileAll(kb.outOfScope.uncovered);
  /** The first soft family that matches, and the text without its words (every family of that kind). */
  const soft = (s: string, list: Compiled[]): { cue: string; rest: string } | null => {
    const hits = list.filter((c) => c.re.test(s));
    if (hits.length === 0) return null;
    let rest = s;
    for (const h of hits) if (h.words) rest = rest.replace(h.words, ' ');
    return { cue: hits[0].cue, rest };
  };
  const greetings = kb.outOfScope.greetings
    .map((g) => normalizeText(g))
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  return {
    check(text) {
      const s = normalizeText(text);
      const hit = cues.find((c) => c.re.test(s));
      if (hit) return { reason: 'cue', cue: hit.cue, rest: '' };
      let bare = s;
      for (const g of greetings) bare = bare.split(g).join(' ');
      if (bare.replace(NOISE, '').length === 0) return { reason: 'chitchat', cue: null, rest: '' };
      // A union matter wins over an everyday word ("装修工的互助保险" is for staff).
      const staff = soft(s, uncovered);
      if (staff) return { reason: 'uncovered', ...staff };
      const daily = soft(s, everyday);
      if (daily) return { reason: 'everyday', ...daily };
      return { reason: null, cue: null, rest: s };
    },
  };
}
