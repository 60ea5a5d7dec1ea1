// Explicit out-of-scope detection: questions the union FAQ must never guess at.
//
// A cue is a plain phrase ("布洛芬") or a small family pattern that staff can write in YAML:
//   (a|b|c)   one of several words:        "(社保卡|医保卡|公积金)"
//   *         a short gap (0-8 characters, not across a sentence end):
//             "(我的|查|寄)*快递" or "(青岛|济南)*(工会|职工之家)"
// Everything else is matched literally after normalisation (half-width, lower case).
import { normalizeText } from '../text/normalize.ts';
import type { KnowledgeBase } from './kb.ts';

export type OutOfScopeReason = 'cue' | 'chitchat' | null;

export interface OutOfScopeDetector {
  check(text: string): { reason: OutOfScopeReason; cue: string | null };
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

export function createOutOfScopeDetector(kb: KnowledgeBase): OutOfScopeDetector {
  const cues = kb.outOfScope.cues
    .map((c) => ({ cue: c, re: compileCue(c) }))
    .filter((c): c is { cue: string; re: RegExp } => c.re !== null);
  const greetings = kb.outOfScope.greetings
    .map((g) => normalizeText(g))
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  return {
    check(text) {
      const s = normalizeText(text);
      const hit = cues.find((c) => c.re.test(s));
      if (hit) return { reason: 'cue', cue: hit.cue };
      let rest = s;
      for (const g of greetings) rest = rest.split(g).join(' ');
      if (rest.replace(NOISE, '').length === 0) return { reason: 'chitchat', cue: null };
      return { reason: null, cue: null };
    },
  };
}
