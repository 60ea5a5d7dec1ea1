// One lookup per feature for both learned readers. The intent and context models each number
// their own features (tens of thousands each); looking every feature of a post up in both maps
// was the largest single cost of `linli parse`. A joint numbering over both lists is looked up
// once per post, and each model's ids are then array reads. Ids come out as each model's own
// idsOf gives them: distinct, in the order their features were first named.

export class JointFeatureIds {
  private readonly joint = new Map<string, number>();
  /** For each joint id, the id in each model, or -1 where that model does not know the feature. */
  private readonly inModel: Int32Array[];
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(models: readonly (readonly string[])[]) {
    for (const features of models) for (const f of features) if (!this.joint.has(f)) this.joint.set(f, this.joint.size);
    this.inModel = models.map((features) => {
      const ids = new Int32Array(this.joint.size).fill(-1);
      for (const [i, f] of features.entries()) if (ids[this.joint.get(f)!] === -1) ids[this.joint.get(f)!] = i;
      return ids;
    });
    this.seen = new Uint32Array(this.joint.size);
  }

  /** Distinct joint ids of the features known to any model, in first-named order. */
  idsOf(features: readonly string[]): number[] {
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const out: number[] = [];
    for (const f of features) {
      const id = this.joint.get(f);
      if (id !== undefined && this.seen[id] !== this.stamp) {
        this.seen[id] = this.stamp;
        out.push(id);
      }
    }
    return out;
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
