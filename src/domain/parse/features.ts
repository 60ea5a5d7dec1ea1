// Features of a post for the learned readers: the shape of the sentence (character n-grams of the
// text with every item replaced by X, words, how it starts and ends, its length), what it names
// (item categories), and what the phrase rules said (each cue that fired and the rules' verdict).
// The model learns from the project's own example posts how far to trust each of them.
import type { Segmenter } from '../text/segmenter.ts';
import type { Category, Intent } from '../types.ts';
import { CUES } from './cues.ts';

export interface RuleReading {
  intent: Intent;
  /** A rule spoke; false when no rule decided and the verdict is only the default. */
  decided: boolean;
}

/** Punctuation folded to three marks: a question, an exclamation, a clause break. */
function shape(masked: string): string {
  return masked
    .replace(/[?？]+/g, '?')
    .replace(/[!！]+/g, '!')
    .replace(/[,，。.;；、~～…\s:：]+/g, '|')
    .replace(/[\p{Extended_Pictographic}]/gu, 'E')
    .replace(/\d+/g, '0')
    .replace(/^\|+|\|+$/g, '');
}

function lengthBucket(n: number): string {
  if (n <= 3) return 'len:tiny';
  if (n <= 8) return 'len:short';
  if (n <= 20) return 'len:mid';
  if (n <= 45) return 'len:long';
  return 'len:essay';
}

// Each cue family as named features, so the model can weigh one regex against another.
const CUE_FEATURES: [string, RegExp][] = Object.entries(CUES).flatMap(([name, cue]) =>
  Array.isArray(cue) ? cue.map((re, k) => [`cue:${name}:${k}`, re] as [string, RegExp]) : [[`cue:${name}`, cue] as [string, RegExp]],
);

// Signs that a post leans on the thread: pointers (他, 这位, 那里, 你), answers and hedges (不知道,
// 好像是), reactions (啊, 太棒了, 对), and signs that it opens a topic (各位, 有位, @所有人).
const THREAD_SIGNS: [string, RegExp][] = (
  [
    ['pointer', /[他她它](?!们)|这(位|个|里|儿|事|种|批|次)|那(位|个|里|儿|边|家)|楼上|楼主|上面/],
    ['you', /(^|[^迎])你(?!们)|您/],
    ['answer', /^(不知道|不清楚|好像|应该|估计|可能|据说|听说|是的|对的|没错|不是|是啊|对啊|对)/],
    ['reaction', /^(啊|哈|哇|天哪|我去|真的|太|好的|收到|嗯|哦|噢|唉|哎|呵|嘿|对对|是啊|就是|同意|支持|赞)/],
    ['opener', /^(各位|大家|@所有人|所有人|通知|请|紧急|求助|急|家人们|邻居们|亲们)|有(位|个|一位|一个)|各位/],
    ['we', /我们(小区|社区|楼|单元|这)|咱们/],
  ] as [string, RegExp][]
).map(([name, re]) => [`thread:${name}`, re]);

/** Long posts say what they are in their first sentences; the rest only costs time. */
const MAX_CHARS = 240;

/**
 * Where the features of a post go: named one by one, or a character n-gram (`c1:`, `c2:`, `c3:`
 * followed by `n` UTF-16 units of `text` from `at`), which a sink that numbers features can look
 * up by the units' codes without building its name.
 */
export interface FeatureSink {
  add(feature: string): void;
  gram(text: string, at: number, n: 1 | 2 | 3): void;
}

/** The features of a post as names (training, and tests of the numbered path). */
export function postFeatures(masked: string, categories: Category[], rule: RuleReading, segmenter: Segmenter): string[] {
  const out: string[] = [];
  emitPostFeatures(masked, categories, rule, segmenter, {
    add: (f) => out.push(f),
    gram: (text, at, n) => out.push(`c${n}:${text.slice(at, at + n)}`),
  });
  return out;
}

/** Gives a post's features to `sink`, in the order postFeatures names them. */
export function emitPostFeatures(masked: string, categories: Category[], rule: RuleReading, segmenter: Segmenter, sink: FeatureSink): void {
  const head = masked.slice(0, MAX_CHARS);
  const s = shape(head);
  const padded = `^${s}$`;
  for (let i = 0; i < padded.length; i++) {
    sink.gram(padded, i, 1);
    if (i + 2 <= padded.length) sink.gram(padded, i, 2);
    if (i + 3 <= padded.length) sink.gram(padded, i, 3);
  }
  for (const w of segmenter.cut(s.replace(/[|?!^$]/g, ' '))) if (w.trim()) sink.add(`w:${w}`);
  const clauses = s.split(/[|?!]/).filter(Boolean);
  sink.add(`clauses:${Math.min(clauses.length, 4)}`);
  sink.add(lengthBucket(s.length));
  if (clauses[0]) sink.add(`first:${clauses[0].slice(0, 2)}`);
  const last = clauses.at(-1);
  if (last) sink.add(`last:${last.slice(-2)}`);
  if (/\?/.test(s)) sink.add('has:question');
  if (/!/.test(s)) sink.add('has:exclaim');
  for (const [name, re] of THREAD_SIGNS) if (re.test(s)) sink.add(name);
  sink.add(`items:${Math.min(categories.length, 2)}`);
  for (const c of new Set(categories)) sink.add(`cat:${c}`);
  for (const [name, re] of CUE_FEATURES) if (re.test(head)) sink.add(name);
  sink.add(`rule:${rule.intent}`);
  sink.add(rule.decided ? 'rule:decided' : 'rule:undecided');
  sink.add(`rule:${rule.intent}:${rule.decided}`);
}
