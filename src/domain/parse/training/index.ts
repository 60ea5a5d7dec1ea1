// The training texts of the learned readers: the corpus of single posts and the corpus of threads
// (intent and contextDependent), and the older intent-only examples.
import { INTENTS, type Intent } from '../../types.ts';
import { CORPUS } from './corpus.ts';
import { THREADS } from './corpus-threads.ts';
import { CHAT } from './corpus-chat.ts';
import { REAL_STYLE, REAL_STYLE_CHAT } from './corpus-real-style.ts';
import { INTENT_EXAMPLES } from './examples.ts';

export interface TrainingPost {
  intent: Intent;
  /** null where the example was written for intent only. */
  contextDependent: boolean | null;
  /** Written to teach context only (corpus-chat): not an intent example. */
  contextOnly?: boolean;
  text: string;
}

const CODES: Record<string, Intent> = { R: 'request', O: 'offer', B: 'both', T: 'thanks', C: 'cancel', I: 'info', X: 'other' };

/** Reads the corpus lines; a malformed line is a programming error and throws with its number. */
export function parseCorpus(corpus: string): TrainingPost[] {
  const out: TrainingPost[] = [];
  corpus.split('\n').forEach((line, n) => {
    if (!line.trim()) return;
    const m = /^([ROBTCIX])([01]) (.+)$/.exec(line);
    const intent = m ? CODES[m[1]!] : undefined;
    if (!m || !intent || !(INTENTS as readonly string[]).includes(intent))
      throw new Error(`training corpus line ${n}: cannot read "${line}"`);
    out.push({ intent, contextDependent: m[2] === '1', text: m[3]! });
  });
  return out;
}

export function trainingPosts(): TrainingPost[] {
  return [
    ...parseCorpus(CORPUS),
    ...parseCorpus(THREADS),
    // Taught as intent examples only: as context examples they moved chat posts' context the wrong way.
    ...parseCorpus(REAL_STYLE).map((p) => ({ ...p, contextDependent: null })),
    ...parseCorpus(CHAT).map((p) => ({ ...p, contextOnly: true })),
    ...parseCorpus(REAL_STYLE_CHAT).map((p) => ({ ...p, contextOnly: true })),
    ...INTENT_EXAMPLES.map(([intent, text]) => ({ intent, contextDependent: null, text })),
  ];
}
