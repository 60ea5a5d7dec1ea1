// A small BM25 index over weighted feature bags (one document per knowledge-base entry).

export type Bag = Map<string, number>;

export interface Bm25Index {
  /** Scores of every document for a weighted query bag, in document order. */
  score(query: Bag): number[];
  idf(term: string): number;
  /** Whether a term occurs in any document. */
  has(term: string): boolean;
  contains(doc: number, term: string): boolean;
  readonly maxIdf: number;
}

export function addToBag(bag: Bag, terms: Iterable<string>, weight = 1): Bag {
  for (const t of terms) bag.set(t, (bag.get(t) ?? 0) + weight);
  return bag;
}

export function createBm25(docs: Bag[], k1 = 1.2, b = 0.5): Bm25Index {
  const n = docs.length;
  const lengths = docs.map((d) => [...d.values()].reduce((a, v) => a + v, 0));
  const avg = lengths.reduce((a, v) => a + v, 0) / Math.max(1, n);
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idfOf = (t: string): number => {
    const f = df.get(t) ?? 0;
    return Math.log(1 + (n - f + 0.5) / (f + 0.5));
  };
  const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
  // Postings: term -> [doc, normalised tf weight]
  const postings = new Map<string, [number, number][]>();
  docs.forEach((d, i) => {
    const norm = k1 * (1 - b + (b * lengths[i]) / avg);
    for (const [t, tf] of d) {
      const list = postings.get(t) ?? [];
      list.push([i, (tf * (k1 + 1)) / (tf + norm)]);
      postings.set(t, list);
    }
  });
  const idfCache = new Map<string, number>();
  for (const t of df.keys()) idfCache.set(t, idfOf(t));

  return {
    maxIdf,
    idf: (t) => idfCache.get(t) ?? maxIdf,
    has: (t) => df.has(t),
    contains: (doc, t) => docs[doc].has(t),
    score(query) {
      const scores = new Array<number>(n).fill(0);
      for (const [t, w] of query) {
        const list = postings.get(t);
        if (!list) continue;
        const idf = idfCache.get(t) ?? 0;
        for (const [doc, tfw] of list) scores[doc] += w * idf * tfw;
      }
      return scores;
    },
  };
}
