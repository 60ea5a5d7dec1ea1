// natural's Bayes classifier on its own. Importing natural's classifiers index also loads
// MaxEnt and logistic regression (≈ 230 ms more at every start); this file loads only Bayes.
import Bayes from 'natural/lib/natural/classifiers/bayes_classifier.js';
import type { BayesClassifier as BayesClassifierType } from 'natural/lib/natural/classifiers/index.js';

export const BayesClassifier = Bayes as unknown as typeof BayesClassifierType;
export type BayesClassifier = BayesClassifierType;
