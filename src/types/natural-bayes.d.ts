// natural ships types for its classifiers index only; this is the Bayes module it re-exports.
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  const BayesClassifier: unknown;
  export default BayesClassifier;
}
