// Topic classifier: natural's naive Bayes, trained on the knowledge base's own phrasings.
import { BayesClassifier } from '../text/bayes.ts';

export interface TopicClassifier {
  /** Normalised topic probabilities (sum 1); empty when no token is known. */
  probabilities(tokens: string[]): Map<string, number>;
}

export function trainTopicClassifier(examples: { tokens: string[]; topic: string }[]): TopicClassifier {
  const bayes = new BayesClassifier();
  for (const ex of examples) if (ex.tokens.length > 0) bayes.addDocument(ex.tokens, ex.topic);
  bayes.train();
  const known = new Set(Object.keys(bayes.features));
  return {
    probabilities(tokens) {
      const out = new Map<string, number>();
      const useful = [...new Set(tokens)].filter((t) => known.has(t));
      if (useful.length === 0) return out;
      const cls = bayes.getClassifications(useful);
      const total = cls.reduce((a, c) => a + c.value, 0);
      if (!(total > 0)) return out;
      for (const c of cls) out.set(c.label, c.value / total);
      return out;
    },
  };
}
