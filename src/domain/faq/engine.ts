// The FAQ engine: out-of-scope check, retrieval (BM25) + classifier, calibrated bands.
import { addToBag, createBm25, type Bag } from './bm25.ts';
import { trainTopicClassifier } from './classifier.ts';
import { calibrate } from './confidence.ts';
import type { FaqEntry, KnowledgeBase } from './kb.ts';
import { createOutOfScopeDetector } from './out-of-scope.ts';
import { formatSuggestions, HANDOFF_REPLY } from './replies.ts';
import { createTextPipeline, SUBTERM_WEIGHT, type Features } from './text.ts';

export type Band = 'answer' | 'suggest' | 'handoff';

export interface FaqSuggestion {
  answerId: string;
  topic: string;
  title: string;
}

export interface FaqAnswer {
  topic: string | null;
  answerId: string | null;
  confidence: number;
  band: Band;
  reply: string;
  suggestions: FaqSuggestion[];
  /** Why a hand-off happened: out of scope, a bare greeting, or too unsure. */
  handoffReason?: 'out_of_scope' | 'chitchat' | 'unsure';
}

export interface FaqEngine {
  ask(question: string, opts?: { context?: string | null }): FaqAnswer;
  answerById(id: string): { topic: string; reply: string } | null;
  readonly kb: KnowledgeBase;
}

export interface Bands {
  answerAt: number;
  suggestAt: number;
}

/** Weights of the feature kinds in the BM25 bags. */
const BIGRAM_WEIGHT = 0.35;
const KEYWORD_WEIGHT = 2;
const CONTEXT_WEIGHT = 0.4;
/** Weight of the classifier's probability next to the relative BM25 score. */
const CLASSIFIER_WEIGHT = 0.35;
const MAX_SUGGESTIONS = 3;

function bagOf(f: Features, weight = 1): Bag {
  const bag = addToBag(new Map(), f.tokens, weight);
  addToBag(bag, f.subterms, weight * SUBTERM_WEIGHT);
  return addToBag(bag, f.bigrams, weight * BIGRAM_WEIGHT);
}

function mergeBags(main: Bag, extra: Bag, weight: number): Bag {
  const out = new Map(main);
  for (const [t, w] of extra) if (!out.has(t)) out.set(t, w * weight);
  return out;
}

interface Scored {
  topic: string | null;
  entry: FaqEntry | null;
  confidence: number;
  ranked: { entry: FaqEntry; score: number }[];
}

export function createFaqEngine(
  kb: KnowledgeBase,
  bands: Bands,
  debug?: (info: Record<string, unknown>) => void,
): FaqEngine {
  const text = createTextPipeline(kb);
  const oos = createOutOfScopeDetector(kb);
  const entries = kb.entries;
  const byId = new Map(entries.map((e) => [e.id, e]));

  const docs: Bag[] = [];
  const examples: { tokens: string[]; topic: string }[] = [];
  for (const e of entries) {
    const doc: Bag = new Map();
    for (const q of [e.title, ...e.questions]) {
      const f = text.features(q);
      for (const [t, w] of bagOf(f)) doc.set(t, (doc.get(t) ?? 0) + w);
      examples.push({ tokens: [...f.tokens, ...f.subterms], topic: e.topic });
    }
    const kwTokens: string[] = [];
    for (const k of e.keywords) {
      const f = text.features(k);
      kwTokens.push(...f.tokens, ...f.subterms);
      for (const [t, w] of bagOf(f, KEYWORD_WEIGHT)) doc.set(t, (doc.get(t) ?? 0) + w);
    }
    examples.push({ tokens: kwTokens, topic: e.topic });
    docs.push(doc);
  }
  const index = createBm25(docs);
  const classifier = trainTopicClassifier(examples);

  function score(q: Features, ctx: Features | null): Scored {
    let bag = bagOf(q);
    let tokens = [...q.tokens, ...q.subterms];
    if (ctx) {
      bag = mergeBags(bag, bagOf(ctx), CONTEXT_WEIGHT);
      tokens = [...tokens, ...ctx.tokens, ...ctx.subterms];
    }
    const raw = index.score(bag);
    const ranked = entries
      .map((entry, i) => ({ entry, score: raw[i], i }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score);
    if (ranked.length === 0) return { topic: null, entry: null, confidence: 0, ranked: [] };

    const probs = classifier.probabilities(tokens);
    const best = ranked[0].score;
    const topicScore = new Map<string, { s: number; r: (typeof ranked)[number] }>();
    for (const r of ranked) {
      const s = r.score / best + CLASSIFIER_WEIGHT * (probs.get(r.entry.topic) ?? 0);
      const cur = topicScore.get(r.entry.topic);
      if (!cur || s > cur.s) topicScore.set(r.entry.topic, { s, r });
    }
    const topics = [...topicScore.entries()].sort((a, b) => b[1].s - a[1].s);
    const [topTopic, top] = topics[0];
    const second = topics[1]?.[1].s ?? 0;

    // Coverage: IDF mass of the question's own words found in the chosen entry.
    let have = 0;
    let all = 0;
    for (const t of new Set(q.tokens)) {
      const idf = index.idf(t);
      all += idf;
      if (index.contains(top.r.i, t)) have += idf;
      else if (q.subterms.some((s) => t.includes(s) && index.contains(top.r.i, s))) have += idf * SUBTERM_WEIGHT;
    }
    const coverage = all > 0 ? have / all : 0;
    const evidence = Math.min(1, have / (1.5 * index.maxIdf));
    const inputs = {
      coverage,
      margin: (top.s - second) / top.s,
      probability: probs.get(topTopic) ?? 0,
      score: top.r.score,
      evidence,
    };
    const confidence = calibrate(inputs);
    if (debug) debug({ ...inputs, confidence, topic: topTopic, tokens: q.tokens });
    const reordered = [top.r, ...ranked.filter((r) => r !== top.r)];
    return { topic: topTopic, entry: top.r.entry, confidence, ranked: reordered };
  }

  const handoff = (confidence: number, handoffReason: FaqAnswer['handoffReason'] = 'unsure'): FaqAnswer => ({
    topic: null,
    answerId: null,
    confidence,
    band: 'handoff',
    reply: HANDOFF_REPLY,
    suggestions: [],
    handoffReason,
  });

  function ask(question: string, opts: { context?: string | null } = {}): FaqAnswer {
    const outOfScope = oos.check(question).reason;
    if (outOfScope) return handoff(0, outOfScope === 'chitchat' ? 'chitchat' : 'out_of_scope');
    const q = text.features(question);
    let result = score(q, null);
    const context = opts.context?.trim();
    if (context && result.confidence < bands.answerAt && !oos.check(context).reason) {
      const withContext = score(q, text.features(context));
      if (withContext.confidence > result.confidence) result = withContext;
    }
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const confidence = round(result.confidence);
    if (!result.entry || !result.topic || confidence < bands.suggestAt) return handoff(confidence);

    const best = result.ranked[0].score;
    const suggestions: FaqSuggestion[] = result.ranked
      .filter((r, i) => i === 0 || r.score >= best * 0.3)
      .slice(0, MAX_SUGGESTIONS)
      .map((r) => ({ answerId: r.entry.id, topic: r.entry.topic, title: r.entry.title }));
    if (confidence >= bands.answerAt) {
      return {
        topic: result.topic,
        answerId: result.entry.id,
        confidence,
        band: 'answer',
        reply: result.entry.answer.trim(),
        suggestions,
      };
    }
    return {
      topic: result.topic,
      answerId: null,
      confidence,
      band: 'suggest',
      reply: formatSuggestions(suggestions.map((s) => s.title)),
      suggestions,
    };
  }

  return {
    kb,
    ask,
    answerById(id) {
      const e = byId.get(id);
      return e ? { topic: e.topic, reply: e.answer.trim() } : null;
    },
  };
}
