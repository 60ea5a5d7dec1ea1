// The FAQ engine: out-of-scope check, retrieval (BM25) + classifier, calibrated bands.
import { addToBag, createBm25, type Bag } from './bm25.ts';
import { trainTopicClassifier } from './classifier.ts';
import { calibrate } from './confidence.ts';
import type { FaqEntry, KnowledgeBase } from './kb.ts';
import { createOutOfScopeDetector } from './out-of-scope.ts';
import { renderAnswer, type LocalFacts } from './render.ts';
import { formatSuggestions, HANDOFF_REPLY, OFF_TOPIC_REPLY } from './replies.ts';
import { createTextPipeline, type TextPipeline, SHAPE_WORDS, SUBTERM_WEIGHT, WORKPLACE_WORDS, type Features } from './text.ts';

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
  /** Why no answer: off_topic (not union business: weather, medicine, the bot itself), chitchat
   *  (a bare greeting), uncovered (a union matter the knowledge base lacks) or unsure. Staff see
   *  only uncovered and unsure questions. */
  handoffReason?: HandoffReason;
  /** On an unsure hand-off: the entry the question came closest to, for the staff digest's
   *  suggestion ("add these phrasings to …"). */
  nearest?: FaqSuggestion | null;
}

export type HandoffReason = 'off_topic' | 'chitchat' | 'uncovered' | 'unsure';

export interface FaqEngine {
  ask(question: string, opts?: { context?: string | null }): FaqAnswer;
  answerById(id: string): { topic: string; reply: string } | null;
  readonly kb: KnowledgeBase;
  /** The text pipeline (synonyms, segmentation) the engine matches with. */
  readonly text: TextPipeline;
}

export interface Bands {
  answerAt: number;
  suggestAt: number;
}

/** The bands and the local facts staff filled in (config/linli.yaml, faq:). */
export interface FaqOptions extends Bands {
  localFacts?: LocalFacts;
}

/** Weights of the feature kinds in the BM25 bags. */
const BIGRAM_WEIGHT = 0.35;
const KEYWORD_WEIGHT = 2;
const CONTEXT_WEIGHT = 0.4;
/** Weight of the classifier's probability next to the relative BM25 score. */
const CLASSIFIER_WEIGHT = 0.35;
const MAX_SUGGESTIONS = 3;
/** An unsure question names its nearest entry for the staff digest from this share of suggestAt. */
const NEAR_MISS = 0.5;
/** Another topic is offered among the choices when its topic score is this close to the best. */
const RIVAL_SUGGESTION_SHARE = 0.7;
/** Coverage weight of a question word no entry knows, as a share of the maximal IDF: such words
 *  are mostly story filler (家里, 等着, 过年), so they should not drown the words that do match. */
const UNKNOWN_SHARE = 0.45;
/** Single characters the entries do not know weigh even less (说, 等, 快, 看). */
const UNKNOWN_CHAR_SHARE = 0.2;
/** A known single character counts with this share of its IDF in coverage and evidence. */
const SINGLE_CHAR_SHARE = 0.4;
/** Question-shape words ("什么意思", "多久") and work-in-general words ("公司", "员工") count with
 *  these shares in coverage: they neither show that an entry fits nor that it does not. */
const SHAPE_SHARE = 0.25;
const WORKPLACE_SHARE = 0.5;
/** Extra weight of the clause that asks (the last one with a question word) over the story before it. */
const FOCUS_WEIGHT = 0.6;

/** Everyday activity words that name no service on their own: "你吃饭了没", "多喝热水", "加班使我快乐"
 *  must not be answered with the outdoor-station or overtime entry. A question made only of these
 *  (no place, service or problem word) is at most offered choices, and without a question word it
 *  is small talk. */
const GENERIC_TERMS = new Set([
  '吃饭',
  '吃午饭',
  '吃晚饭',
  '休息',
  '休息一下',
  '喝水',
  '喝热水',
  '热水',
  '喝口水',
  '加班',
  '上班',
  '下班',
  '累',
  '太累',
  '饿',
]);
/** Words of distress: they pull toward psychological counselling even when 加班 is the story's
 *  setting ("天天加班回家还吵架，心里太累了"), unless another topic is named by a specific word. */
const DISTRESS_TERMS = new Set([
  '喘不过气',
  '透不过气',
  '撑不住',
  '撑不下去',
  '扛不住',
  '熬不住',
  '心力交瘁',
  '压垮',
  '快疯了',
  '心里累',
  '心累',
  '太累',
  '压力大',
  '压力',
  '吵架',
  '想不开',
  '郁闷',
  '憋屈',
  '崩溃',
  '焦虑',
  '抑郁',
  '失眠',
  '睡不着',
  '委屈',
  '心烦',
  '烦死',
  '难受',
  '绝望',
  '想哭',
  '不理解',
  '没劲',
]);
const DISTRESS_BOOST = 0.6;
const DISTRESS_TOPIC = 'psychological_counseling';
/** A question word that makes a generic-word message a question ("哪里能喝口水") rather than talk. */
const QUESTION_MARK = /[?？]|哪|怎|咋|吗|么|能不能|可以|有没有|行不行|中不中|算不算|合法|违法|多少|几/u;
const LAUGHTER = /哈哈|嘿嘿|呵呵|嘻嘻|hh|233/u;
/** A clause that asks; "好几次" counts nothing. */
const ASKING_CLAUSE = /[?？]|吗|怎|咋|如何|哪|谁|什么|啥|多少|多久|(?<!好)几|能不能|可不可以|是不是|有没有|算不算|行不行|合法|违法|找谁/u;
const CLAUSE_SPLIT = /[,，。.!！?？;；、\s]+/u;

/** A story, then the question ("干了一年活老板跑了,有免费的律师吗"): the one clause that asks.
 *  Null when there is one clause, or when several clauses ask (each counts the same). */
function focusClause(text: string): string | null {
  const clauses = text.split(CLAUSE_SPLIT).filter((c) => c.trim());
  if (clauses.length < 2) return null;
  const asking = clauses.filter((c) => ASKING_CLAUSE.test(c));
  if (asking.length > 1) return null;
  return asking[0] ?? clauses[clauses.length - 1];
}

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

export function createFaqEngine(kb: KnowledgeBase, bands: FaqOptions, debug?: (info: Record<string, unknown>) => void): FaqEngine {
  const localFacts = bands.localFacts ?? {};
  const render = (e: FaqEntry): string => renderAnswer(e.answer, e.ask, localFacts);
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
  /** Whether every known word of the question is an everyday activity word (and there is one). */
  const genericOnly = (q: Features): boolean => {
    const known = q.tokens.filter((t) => [...t].length >= 2 && (index.has(t) || q.subterms.some((s) => t.includes(s) && index.has(s))));
    return known.some((t) => GENERIC_TERMS.has(t)) && known.every((t) => GENERIC_TERMS.has(t));
  };
  const classifier = trainTopicClassifier(examples);

  // Anchors: keyword terms that point to exactly one topic ("工伤", "仲裁", "驿站"). A topic is
  // answered outright more readily when the question names one of its anchors, and less readily
  // when it names another topic's anchor as well (a mixed question gets choices instead).
  const keywordTopics = new Map<string, Set<string>>();
  for (const e of entries) {
    for (const k of e.keywords) {
      const f = text.features(k);
      for (const t of new Set([...f.tokens, ...f.subterms])) {
        const set = keywordTopics.get(t) ?? new Set<string>();
        set.add(e.topic);
        keywordTopics.set(t, set);
      }
    }
  }
  const anchorsOf = (terms: Iterable<string>): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    for (const t of new Set(terms)) {
      if ([...t].length < 2) continue;
      const topics = keywordTopics.get(t);
      if (topics?.size !== 1) continue;
      const [topic] = topics;
      out.set(topic, [...(out.get(topic) ?? []), t]);
    }
    return out;
  };

  const topicOf = entries.map((e) => e.topic);
  /** Whether any entry of the topic has the term: a topic is judged as a whole, not by one entry. */
  const topicHas = (topic: string, t: string): boolean => topicOf.some((tp, i) => tp === topic && index.contains(i, t));
  const knownTerm = (t: string, q: Features): boolean => index.has(t) || q.subterms.some((s) => t.includes(s) && index.has(s));
  /** Terms that name a matter the knowledge base knows (not question shape, not work in general). */
  const contentTerms = (q: Features): string[] =>
    q.tokens.filter(
      (t) => !SHAPE_WORDS.has(t) && !WORKPLACE_WORDS.has(t) && knownTerm(t, q) && ([...t].length >= 2 || keywordTopics.has(t)),
    );

  function score(q: Features, ctx: Features | null, focus: Features | null): Scored {
    let bag = bagOf(q);
    if (focus) for (const [t, w] of bagOf(focus, FOCUS_WEIGHT)) if (bag.has(t)) bag.set(t, bag.get(t)! + w);
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
    // Distress words pull toward counselling unless another topic is named by a specific word.
    const qAnchors = anchorsOf([...q.tokens, ...q.subterms]);
    const distressed = q.tokens.some((t) => DISTRESS_TERMS.has(t));
    const otherSpecific = [...qAnchors].some(([t, terms]) => t !== DISTRESS_TOPIC && terms.some((x) => !GENERIC_TERMS.has(x)));
    const counsel = topicScore.get(DISTRESS_TOPIC);
    if (distressed && !otherSpecific && counsel) counsel.s += DISTRESS_BOOST;
    const topics = [...topicScore.entries()].sort((a, b) => b[1].s - a[1].s);
    const [topTopic, top] = topics[0];
    const second = topics[1]?.[1].s ?? 0;

    // Coverage: IDF mass of the question's own words that the chosen topic knows.
    let have = 0;
    let all = 0;
    let evidenceMass = 0;
    for (const t of new Set(q.tokens)) {
      const known = knownTerm(t, q);
      const single = [...t].length === 1;
      // A lone character is weak evidence either way ("退", "打", "发"): it matches many entries by accident.
      let idf = known ? index.idf(t) * (single ? SINGLE_CHAR_SHARE : 1) : index.maxIdf * (single ? UNKNOWN_CHAR_SHARE : UNKNOWN_SHARE);
      const shape = SHAPE_WORDS.has(t);
      if (shape) idf *= SHAPE_SHARE;
      else if (WORKPLACE_WORDS.has(t)) idf *= WORKPLACE_SHARE;
      all += idf;
      let got = 0;
      if (topicHas(topTopic, t)) got = idf;
      else if (q.subterms.some((s) => t.includes(s) && topicHas(topTopic, s))) got = idf * SUBTERM_WEIGHT;
      have += got;
      if (!shape) evidenceMass += got;
    }
    const coverage = all > 0 ? have / all : 0;
    const evidence = Math.min(1, evidenceMass / (1.5 * index.maxIdf));
    // Own anchors may sit inside a compound ("工伤认定" -> "工伤"); a rival must be a word of its
    // own ("起诉书" names 代书, not the 起诉 of an arbitration).
    const anchors = anchorsOf([...q.tokens, ...q.subterms]);
    const rivals = [...anchorsOf(q.tokens).keys()].filter((t) => t !== topTopic);
    const inputs = {
      coverage,
      margin: (top.s - second) / top.s,
      probability: probs.get(topTopic) ?? 0,
      score: top.r.score,
      evidence,
      anchor: anchors.has(topTopic) ? 1 : 0,
      rival: rivals.length > 0 ? 1 : 0,
    };
    const confidence = calibrate(inputs);
    if (debug) debug({ ...inputs, confidence, topic: topTopic, tokens: q.tokens, rivals });
    // Choices: the chosen entry, then the best entry of each close rival topic, then more entries
    // of those topics only: a choice list never offers an entry that merely shares a word.
    const content = contentTerms(q);
    const sharesContent = (i: number) =>
      content.some((t) => index.contains(i, t) || q.subterms.some((s) => t.includes(s) && index.contains(i, s)));
    const firsts = topics
      .slice(1)
      .filter(([, v]) => v.s >= RIVAL_SUGGESTION_SHARE * top.s && (content.length === 0 || sharesContent(v.r.i)))
      .map(([, v]) => v.r);
    const related = new Set([topTopic, ...firsts.map((r) => r.entry.topic)]);
    const reordered = [
      top.r,
      ...firsts,
      ...ranked.filter(
        (r) => r !== top.r && !firsts.includes(r) && related.has(r.entry.topic) && (content.length === 0 || sharesContent(r.i)),
      ),
    ];
    return { topic: topTopic, entry: top.r.entry, confidence, ranked: reordered };
  }

  const handoff = (confidence: number, handoffReason: HandoffReason = 'unsure'): FaqAnswer => ({
    topic: null,
    answerId: null,
    confidence,
    band: 'handoff',
    reply: handoffReason === 'off_topic' ? OFF_TOPIC_REPLY : HANDOFF_REPLY,
    suggestions: [],
    handoffReason,
  });

  function ask(question: string, opts: { context?: string | null } = {}): FaqAnswer {
    const check = oos.check(question);
    const verdict = check.reason;
    if (verdict === 'cue') return handoff(0, 'off_topic');
    if (verdict === 'chitchat') return handoff(0, 'chitchat');
    const q = text.features(question);
    const qAnchors = anchorsOf([...q.tokens, ...q.subterms]);
    if (verdict === 'uncovered' || verdict === 'everyday') {
      // A union matter the knowledge base lacks (互助保障, 产假) goes to staff, and a daily-life
      // matter (装修, 物业) is off-topic, unless the rest of the question names a covered topic by
      // one of its own keywords ("哺乳期被辞退" is dismissal, "物业公司三个月没发钱" unpaid wages).
      const rest = text.features(check.rest);
      if (anchorsOf([...rest.tokens, ...rest.subterms]).size === 0) return handoff(0, verdict === 'uncovered' ? 'uncovered' : 'off_topic');
    }
    const focusText = focusClause(text.rewrite(question));
    let result = score(q, null, focusText ? text.features(focusText) : null);
    const context = opts.context?.trim();
    if (context && result.confidence < bands.answerAt && !oos.check(context).reason) {
      const withContext = score(q, text.features(context), null);
      if (withContext.confidence > result.confidence) result = withContext;
    }
    const round = (x: number) => Math.round(x * 1000) / 1000;
    let confidence = round(result.confidence);
    const generic = genericOnly(q);
    if (generic) {
      // "你吃饭了没", "多喝热水哈哈哈": everyday words and no question are small talk, not a topic.
      if (LAUGHTER.test(question) || !QUESTION_MARK.test(question)) return handoff(0, 'chitchat');
      // "哪里能喝口水": a question, but no place or service is named; offer choices at most.
      confidence = Math.min(confidence, round(bands.answerAt - 0.01));
    }
    // Nothing the knowledge base knows and nothing about work: not union business.
    // A bare "在哪里" (question words only) may still get choices; staff never get it.
    const aboutWork = q.tokens.some((t) => WORKPLACE_WORDS.has(t));
    const nothingKnown = !aboutWork && !generic && qAnchors.size === 0 && contentTerms(q).length === 0;
    const strange = q.tokens.some((t) => !SHAPE_WORDS.has(t) && !knownTerm(t, q));
    if (nothingKnown && strange && !(context && confidence >= bands.suggestAt)) return handoff(0, 'off_topic');
    if (verdict === 'uncovered') confidence = Math.min(confidence, round(bands.answerAt - 0.01));
    if (nothingKnown) {
      if (confidence < bands.suggestAt) return handoff(confidence, 'off_topic');
      confidence = Math.min(confidence, round(bands.answerAt - 0.01));
    }
    if (!result.entry || !result.topic || confidence < bands.suggestAt) {
      // Only a near miss is worth naming to staff; a far one would mislead them.
      const near =
        result.entry && confidence >= NEAR_MISS * bands.suggestAt
          ? { answerId: result.entry.id, topic: result.entry.topic, title: result.entry.title }
          : null;
      return { ...handoff(confidence), nearest: near };
    }

    const best = Math.max(...result.ranked.map((r) => r.score));
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
        reply: render(result.entry),
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
    text,
    ask,
    answerById(id) {
      const e = byId.get(id);
      return e ? { topic: e.topic, reply: render(e) } : null;
    },
  };
}
