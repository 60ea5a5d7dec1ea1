// Explicit out-of-scope detection: questions the union FAQ must never guess at.
import { normalizeText } from '../text/normalize.ts';
import type { KnowledgeBase } from './kb.ts';

export type OutOfScopeReason = 'cue' | 'chitchat' | null;

export interface OutOfScopeDetector {
  check(text: string): { reason: OutOfScopeReason; cue: string | null };
}

const NOISE = /[\p{P}\p{S}\s\d~]+/gu;

export function createOutOfScopeDetector(kb: KnowledgeBase): OutOfScopeDetector {
  const cues = kb.outOfScope.cues.map((c) => normalizeText(c)).filter(Boolean);
  const greetings = kb.outOfScope.greetings
    .map((g) => normalizeText(g))
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  return {
    check(text) {
      const s = normalizeText(text);
      const cue = cues.find((c) => s.includes(c));
      if (cue) return { reason: 'cue', cue };
      let rest = s;
      for (const g of greetings) rest = rest.split(g).join(' ');
      if (rest.replace(NOISE, '').length === 0) return { reason: 'chitchat', cue: null };
      return { reason: null, cue: null };
    },
  };
}
