// Confidence calibration: a logistic squash of how well the best entry covers the question,
// how far it is ahead of the next topic, and how sure the classifier is.

export interface ConfidenceInputs {
  /** IDF-weighted share of the question's words found in the best entry, in [0, 1]. */
  coverage: number;
  /** (best - second) / best over topic scores, in [0, 1]. */
  margin: number;
  /** Classifier probability of the best topic, in [0, 1]. */
  probability: number;
  /** Raw BM25 score of the best entry. */
  score: number;
  /** IDF mass of the question's matched words over 1.5 x the rarest word's IDF, capped at 1:
   *  low for vague questions made of common words ("那这个要钱吗"). */
  evidence: number;
  /** 1 when the question names a keyword that points only to the chosen topic. */
  anchor: number;
  /** 1 when the question names a keyword that points only to another topic. */
  rival: number;
}

export const CONFIDENCE_WEIGHTS = {
  bias: -6.5,
  evidence: 2.6,
  coverage: 4.0,
  margin: 2.2,
  probability: 1.6,
  score: 0.18,
  scoreCap: 12,
  anchor: 1,
  rival: -1.5,
};

export function calibrate(x: ConfidenceInputs, w = CONFIDENCE_WEIGHTS): number {
  const z =
    w.bias +
    w.coverage * x.coverage +
    w.margin * x.margin +
    w.probability * x.probability +
    w.evidence * x.evidence +
    w.score * Math.min(x.score, w.scoreCap) +
    w.anchor * x.anchor +
    w.rival * x.rival;
  return 1 / (1 + Math.exp(-z));
}
