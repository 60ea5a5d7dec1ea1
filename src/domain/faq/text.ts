// Text pipeline of the FAQ engine: normalise, rewrite synonyms/typos, segment, features.
import { normalizeText } from '../text/normalize.ts';
import { createSegmenter, type Segmenter } from '../text/segmenter.ts';
import type { KnowledgeBase } from './kb.ts';

/** Function words and punctuation that carry no topic. */
const STOPWORDS = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 哦 嘛 么 啦 哈 吖 不 也 都 就 还 又 和 与 跟 及 或 是 在 有 给 让 被 把 对 从 向 到 ' +
    '我 你 您 他 她 它 我们 你们 他们 她们 咱们 自己 这 那 这个 那个 这样 那样 这种 一下 一个 个 些 ' +
    '请问 请 问 想 想问 问问 一直 已经 现在 今天 还是 可以 能 能不能 可不可以 会 要 得 ' +
    '就是 但是 因为 所以 如果 然后 而且 那么 好 很 太 特别 非常 比较 最 ' +
    '上 下 里 中 来 去 过 着 呗 咋 么样 干什么 干嘛 做什么 是什么 怎么样 怎样 啥样 为什么 怎么 怎么办 有没有 找个 帮 帮忙 一点 感觉 需要 那 ' +
    // Names of the union and the district itself: present in almost every question, no topic.
    '区 芝罘 芝罘区 烟台 总工会 区总工会'
  ).split(/\s+/),
);
/** Words that shape a question but name no matter: "什么意思", "怎么算", "多久", "标准", "规定".
 *  They still help retrieval, but they are no evidence that the knowledge base knows the subject
 *  ("八字大运是什么意思" shares only these with the entries). */
export const SHAPE_WORDS = new Set(
  (
    '什么 意思 什么意思 啥意思 情况 什么情况 情况下 怎么算 算 算是 如何 多少 多少钱 多久 多长时间 时间 多长 ' +
    '标准 规定 条件 要求 哪些 哪个 内容 范围 作用 办法 处理 应该 应 应当 是否 一般 最新 国家 具体 怎样 ' +
    '部门 找谁 谁 问题 咨询 知道 有关 相关 关于 方面 事情 事 真的 因此 合理 正常 需 需要 提供 ' +
    '哪里 哪儿 在哪 在哪里 在哪儿 去哪 去哪里 去哪儿 地方 什么样 区别 东西 能否 可否 允许 必须 还能 到底 究竟 现在 以后 之后 以前 之前 期间 ' +
    '有人 有没有人 管 人 个人 我 他 她 大家 朋友 家里 一年 一个月 几个月 半年 今年 去年'
  ).split(/\s+/),
);
/** The world of work in general: a question with one of these is about work (so not small talk),
 *  but they point to no topic, so they weigh little when judging how well an entry fits. */
export const WORKPLACE_WORDS = new Set(
  (
    '员工 职工 公司 单位 企业 老板 领导 工人 工友 打工 上班 工作 干活 工地 厂 厂里 工厂 车间 工会 劳动 劳动者 ' +
    '工资 工钱 收入 用人单位 雇主 老板娘 经理 临时工 合同工 农民工 同事 岗位 职工群众 ' +
    // who is asking: an occupation says nothing about what they ask
    '外卖员 快递员 环卫工 货车司机 司机 骑手 保安 保洁 服务员 店员 营业员 建筑工人 装卸工 网约车司机 代驾'
  ).split(/\s+/),
);
/** Canonical synonym targets that must not become high-frequency user words (they break 办理 etc.). */
const FUNCTION_WORDS = new Set(['怎么办', '什么', '哪里', '我们', '我', '收费', '免费']);
/** Sub-terms of a compound token ("工伤认定" -> "工伤") count with this weight. */
export const SUBTERM_WEIGHT = 0.5;
const PUNCT = /^[\p{P}\p{S}\s]+$/u;
const CJK_RUN = /[\u4e00-\u9fff]+/g;

export interface Features {
  /** Word tokens after synonym mapping and stopword removal. */
  tokens: string[];
  /** Known shorter terms inside compound tokens ("工伤认定" -> "工伤"). */
  subterms: string[];
  /** Character bigrams of the rewritten text (prefixed with "~"). */
  bigrams: string[];
}

export interface TextPipeline {
  /** Normalised text with synonyms and typos rewritten to canonical terms. */
  rewrite(text: string): string;
  features(text: string): Features;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createTextPipeline(kb: KnowledgeBase): TextPipeline {
  const toCanonical = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(kb.synonyms)) {
    const c = normalizeText(canonical);
    for (const v of variants) {
      const n = normalizeText(String(v));
      if (n && !toCanonical.has(n)) toCanonical.set(n, c);
    }
  }
  // Canonical terms map to themselves so that a longer canonical term is never broken up.
  for (const c of Object.keys(kb.synonyms)) toCanonical.set(normalizeText(c), normalizeText(c));
  const alternatives = [...toCanonical.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : null;

  const userWords = new Set<string>();
  for (const c of toCanonical.values()) if (!FUNCTION_WORDS.has(c)) userWords.add(c);
  for (const e of kb.entries) for (const k of e.keywords) userWords.add(normalizeText(k));
  const segmenter: Segmenter = createSegmenter(userWords);
  // Known domain terms, for splitting compounds into sub-terms.
  const vocabulary = [...userWords].filter((w) => w.length >= 2 && !STOPWORDS.has(w));

  const rewrite = (text: string): string => {
    let s = normalizeText(text);
    if (!pattern) return s;
    // Two passes: a fixed typo can complete a longer phrase ("公资拖欠" -> "工资拖欠" -> "欠薪").
    for (let i = 0; i < 2; i++) s = s.replace(pattern, (m) => toCanonical.get(m) ?? m);
    return s;
  };

  const features = (text: string): Features => {
    const s = rewrite(text);
    const tokens: string[] = [];
    for (const raw of segmenter.cut(s)) {
      const t = toCanonical.get(raw) ?? raw;
      if (PUNCT.test(t) || STOPWORDS.has(t) || tokens.includes(t)) continue;
      tokens.push(t);
    }
    const subterms: string[] = [];
    for (const t of tokens) {
      if (t.length < 3) continue;
      for (const v of vocabulary) {
        if (v.length < t.length && t.includes(v) && !tokens.includes(v) && !subterms.includes(v)) subterms.push(v);
      }
    }
    const bigrams: string[] = [];
    for (const run of s.match(CJK_RUN) ?? []) {
      for (let i = 0; i + 1 < run.length; i++) bigrams.push(`~${run.slice(i, i + 2)}`);
    }
    return { tokens, subterms, bigrams };
  };

  return { rewrite, features };
}
