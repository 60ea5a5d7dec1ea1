// Multinomial logistic regression over sparse binary features, with a calibrated temperature.
// natural's LogisticRegressionClassifier is one-vs-rest over dense vectors (seconds to train on a
// few thousand texts) and gives no calibrated probabilities, hence this small one: AdaGrad SGD
// with L2, a seeded shuffle (the same texts always give the same model), and a temperature fitted
// on held-out folds so that a probability of 0.8 is right about 80% of the time.

export interface Example {
  features: string[];
  label: string;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Folds for fitting the temperature; 0 keeps temperature 1. */
  calibrationFolds?: number;
}

export interface Prediction {
  label: string;
  probability: number;
  /** Calibrated probability of every class, in `classes` order. */
  distribution: number[];
}

/** A trained model's numbers, raw (no temperature), to be stored and handed back. */
export interface SoftmaxData {
  classes: string[];
  /** Every feature, in id order. */
  features: string[];
  weights: Float64Array;
  bias: Float64Array;
}

export class SoftmaxModel {
  /**
   * `ids` numbers each feature; `weights` holds a row of one weight per class for each id
   * (row-major), so scoring is a few array reads per feature.
   */
  constructor(
    readonly classes: string[],
    /** The map, or the features in id order (the map is then built on first need). */
    private idsOrFeatures: Map<string, number> | readonly string[],
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
    readonly temperature = 1,
  ) {}

  // A caller that numbers features itself (scoreIds) never needs the map: tens of thousands of entries.
  private get ids(): Map<string, number> {
    if (!(this.idsOrFeatures instanceof Map)) {
      const ids = new Map<string, number>();
      for (const [i, f] of this.idsOrFeatures.entries()) ids.set(f, i);
      this.idsOrFeatures = ids;
    }
    return this.idsOrFeatures;
  }

  /** Marks ids already taken for the current post (see idsOf). */
  private seen: Uint32Array | undefined;
  private stamp = 0;

  /** Feature ids of a post, in first-seen order and each once; unknown features are dropped. */
  idsOf(features: string[]): number[] {
    // Deduplicated by id with a stamped array, not a Set of the strings: this runs for every post
    // a rule does not decide, and the Set was the largest single cost of `linli parse`.
    const ids = this.ids;
    this.seen ??= new Uint32Array(ids.size);
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const seen = this.seen;
    const stamp = this.stamp;
    const out: number[] = [];
    for (const f of features) {
      const id = ids.get(f);
      if (id !== undefined && seen[id] !== stamp) {
        seen[id] = stamp;
        out.push(id);
      }
    }
    return out;
  }

  scoreIds(ids: number[]): Float64Array {
    const K = this.classes.length;
    const z = Float64Array.from(this.bias);
    for (const id of ids) for (let k = 0; k < K; k++) z[k]! += this.weights[id * K + k]!;
    return z;
  }

  scores(features: string[]): Float64Array {
    return this.scoreIds(this.idsOf(features));
  }

  predict(features: string[]): Prediction {
    return this.predictIds(this.idsOf(features));
  }

  /** As predict, for feature ids (distinct, in the order their features were first named). */
  predictIds(ids: number[]): Prediction {
    const distribution = softmax(this.scoreIds(ids), this.temperature);
    let best = 0;
    for (let k = 1; k < distribution.length; k++) if (distribution[k]! > distribution[best]!) best = k;
    return { label: this.classes[best]!, probability: distribution[best]!, distribution };
  }

  probabilityOf(features: string[], label: string): number {
    return this.probabilityOfIds(this.idsOf(features), label);
  }

  probabilityOfIds(ids: number[], label: string): number {
    const k = this.classes.indexOf(label);
    return k < 0 ? 0 : this.predictIds(ids).distribution[k]!;
  }

  withTemperature(t: number): SoftmaxModel {
    return new SoftmaxModel(this.classes, this.idsOrFeatures, this.weights, this.bias, t);
  }

  /** The numbers as trained; ids are numbered in insertion order, so the keys are in id order. */
  data(): SoftmaxData {
    return { classes: this.classes, features: [...this.ids.keys()], weights: this.weights, bias: this.bias };
  }

  static fromData(d: SoftmaxData, temperature = 1): SoftmaxModel {
    return new SoftmaxModel(d.classes, d.features, d.weights, d.bias, temperature);
  }
}

function softmax(z: Float64Array, t: number): number[] {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v / t);
  const e = Array.from(z, (v) => Math.exp(v / t - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Mulberry32: a tiny seeded generator, so training is deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fit(examples: Example[], classes: string[], o: Required<TrainOptions>): SoftmaxModel {
  const K = classes.length;
  const index = new Map(classes.map((c, k) => [c, k]));
  const ids = new Map<string, number>();
  for (const e of examples) for (const f of e.features) if (!ids.has(f)) ids.set(f, ids.size);
  const weights = new Float64Array(ids.size * K);
  const grads = new Float64Array(ids.size * K).fill(1e-8);
  const bias = new Float64Array(K);
  const biasGrad = new Float64Array(K).fill(1e-8);
  const model = new SoftmaxModel(classes, ids, weights, bias);
  const rows = examples.map((e) => ({ ids: model.idsOf(e.features), y: index.get(e.label)! }));
  const rand = random(o.seed);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const r = rows[i]!;
      const p = softmax(model.scoreIds(r.ids), 1);
      for (let k = 0; k < K; k++) {
        const g = p[k]! - (k === r.y ? 1 : 0);
        biasGrad[k]! += g * g;
        bias[k]! -= (o.learningRate * g) / Math.sqrt(biasGrad[k]!);
        for (const id of r.ids) {
          const at = id * K + k;
          const gw = g + o.l2 * weights[at]!;
          grads[at]! += gw * gw;
          weights[at]! -= (o.learningRate * gw) / Math.sqrt(grads[at]!);
        }
      }
    }
  }
  return model;
}

/** Temperature minimising the log-loss of out-of-fold predictions (a grid: robust and cheap). */
function fitTemperature(examples: Example[], classes: string[], o: Required<TrainOptions>): number {
  const folds = o.calibrationFolds;
  const held: { z: Float64Array; y: number }[] = [];
  for (let f = 0; f < folds; f++) {
    const train = examples.filter((_, i) => i % folds !== f);
    const test = examples.filter((_, i) => i % folds === f);
    const m = fit(train, classes, o);
    for (const e of test) held.push({ z: m.scores(e.features), y: classes.indexOf(e.label) });
  }
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.25; t <= 4.001; t += 0.05) {
    let loss = 0;
    for (const h of held) loss -= Math.log(Math.max(1e-12, softmax(h.z, t)[h.y]!));
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return Math.round(best * 100) / 100;
}

export function trainSoftmax(examples: Example[], options: TrainOptions = {}): SoftmaxModel {
  const o: Required<TrainOptions> = { epochs: 12, learningRate: 0.3, l2: 1e-4, seed: 7, calibrationFolds: 0, ...options };
  const classes = [...new Set(examples.map((e) => e.label))].sort();
  const model = fit(examples, classes, o);
  return o.calibrationFolds > 1 ? model.withTemperature(fitTemperature(examples, classes, o)) : model;
}
