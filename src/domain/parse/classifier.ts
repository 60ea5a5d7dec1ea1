// Naive Bayes over jieba tokens, trained once per parser on INTENT_EXAMPLES: the tie-breaker
// for posts that no rule decides.
import { BayesClassifier } from '../text/bayes.ts';
import type { Segmenter } from '../text/segmenter.ts';
import { INTENTS, type Intent } from '../types.ts';
import { INTENT_EXAMPLES } from './training.ts';
import { prepareText } from './prepare.ts';

const PUNCT = /^[\p{P}\p{S}\s]+$/u;

export interface IntentClassifier {
  classify(text: string): { intent: Intent; margin: number };
}

export function trainIntentClassifier(segmenter: Segmenter): IntentClassifier {
  const tokens = (text: string): string[] => segmenter.cut(prepareText(text).norm).filter((t) => !PUNCT.test(t));
  const bayes = new BayesClassifier();
  for (const [intent, text] of INTENT_EXAMPLES) bayes.addDocument(tokens(text), intent);
  bayes.train();
  return {
    classify(text) {
      const toks = tokens(text);
      if (toks.length === 0) return { intent: 'other', margin: 1 };
      const ranked = bayes.getClassifications(toks);
      const top = ranked[0]!;
      const second = ranked[1]?.value ?? 0;
      const intent = (INTENTS as readonly string[]).includes(top.label) ? (top.label as Intent) : 'other';
      return { intent, margin: top.value > 0 ? (top.value - second) / top.value : 0 };
    },
  };
}
