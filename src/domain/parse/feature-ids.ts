// One lookup per feature for both learned readers. The intent and context models each number
// their own features (tens of thousands each); looking every feature of a post up in both maps
// was the largest single cost of `linli parse`. A joint numbering over both lists is looked up
// once per post, and each model's ids are then array reads. Ids come out as each model's own
// idsOf gives them: distinct, in the order their features were first named. Character n-grams,
// most of a post's features, are looked up by their UTF-16 codes (a number key per n) without
// building their names.

import type { FeatureSink } from './features.ts';

/** n for a character n-gram's name (`c1:x`, `c2:xy`, `c3:xyz`), else 0. */
function gramLength(f: string): number {
  if (f.charCodeAt(0) !== 99 /* c */ || f.charCodeAt(2) !== 58 /* : */) return 0;
  const n = f.charCodeAt(1) - 48;
  return n >= 1 && n <= 3 && f.length === 3 + n ? n : 0;
}

/**
 * Joint ids of the n-grams, keyed by n and the units' codes as two 32-bit halves (`hi`: n and
 * the first unit of a trigram; `lo`: the last two units), in an open-addressing table: a lookup is
 * a few typed-array reads, where a Map of strings first hashes a freshly built name.
 */
class GramTable {
  private readonly his: Uint32Array;
  private readonly los: Uint32Array;
  /** Joint id + 1; 0 is an empty slot. */
  private readonly ids: Int32Array;
  private readonly mask: number;

  /** A table for up to `capacity` entries, filled by set. */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.his = new Uint32Array(size);
    this.los = new Uint32Array(size);
    this.ids = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Adds a key (the first id given for a key stays). */
  set(hi: number, lo: number, id: number): void {
    let k = slot(hi, lo) & this.mask;
    while (this.ids[k] !== 0 && !(this.his[k] === hi && this.los[k] === lo)) k = (k + 1) & this.mask;
    if (this.ids[k] !== 0) return;
    this.his[k] = hi;
    this.los[k] = lo;
    this.ids[k] = id + 1;
  }

  get(hi: number, lo: number): number | undefined {
    for (let k = slot(hi, lo) & this.mask; ; k = (k + 1) & this.mask) {
      const id = this.ids[k]!;
      if (id === 0) return undefined;
      if (this.his[k] === hi && this.los[k] === lo) return id - 1;
    }
  }
}

function slot(hi: number, lo: number): number {
  return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) ^ (lo >>> 15);
}

/** The key halves of `n` UTF-16 units of `text` from `at`. */
function gramHi(text: string, at: number, n: number): number {
  return n === 3 ? 0x30000 | text.charCodeAt(at) : n << 16;
}
function gramLo(text: string, at: number, n: number): number {
  if (n === 1) return text.charCodeAt(at);
  return ((text.charCodeAt(at + n - 2) << 16) | text.charCodeAt(at + n - 1)) >>> 0;
}

export class JointFeatureIds {
  private readonly joint = new Map<string, number>();
  /** For each joint id, the id in each model, or -1 where that model does not know the feature. */
  private readonly inModel: Int32Array[];
  /** Joint ids of the n-gram features (c1:, c2:, c3:) by their codes. */
  private readonly grams: GramTable;
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(models: readonly (readonly string[])[]) {
    this.grams = new GramTable(models.reduce((n, features) => n + features.length, 0));
    for (const features of models) {
      for (const f of features) {
        if (this.joint.has(f)) continue;
        const id = this.joint.size;
        this.joint.set(f, id);
        const n = gramLength(f);
        if (n > 0) this.grams.set(gramHi(f, 3, n), gramLo(f, 3, n), id);
      }
    }
    this.inModel = models.map((features) => {
      const ids = new Int32Array(this.joint.size).fill(-1);
      for (const [i, f] of features.entries()) if (ids[this.joint.get(f)!] === -1) ids[this.joint.get(f)!] = i;
      return ids;
    });
    this.seen = new Uint32Array(this.joint.size);
  }

  /** Distinct joint ids of the features known to any model, in first-named order. */
  idsOf(features: readonly string[]): number[] {
    const sink = this.sink();
    for (const f of features) sink.add(f);
    return sink.ids;
  }

  /**
   * A sink that collects what idsOf would give for the features given to it (emitPostFeatures),
   * in `ids`. One sink at a time: a new one starts a new post.
   */
  sink(): FeatureSink & { ids: number[] } {
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const { seen, joint, grams } = this;
    const ids: number[] = [];
    const take = (id: number | undefined) => {
      if (id !== undefined && seen[id] !== stamp) {
        seen[id] = stamp;
        ids.push(id);
      }
    };
    return {
      ids,
      add: (f) => take(joint.get(f)),
      gram: (text, at, n) => take(grams.get(gramHi(text, at, n), gramLo(text, at, n))),
    };
  }

  /** Model `m`'s ids for these joint ids (from idsOf), in the same order. */
  forModel(m: number, jointIds: readonly number[]): number[] {
    const map = this.inModel[m]!;
    const out: number[] = [];
    for (const j of jointIds) {
      const id = map[j]!;
      if (id >= 0) out.push(id);
    }
    return out;
  }
}
