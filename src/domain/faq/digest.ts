// The staff digest of questions the bot could not answer: similar wordings grouped together, and
// for each group a suggested knowledge-base change — more phrasings for the entry the questions
// came closest to, or a new entry whose answer staff write from checked facts.
import type { FaqEngine } from './engine.ts';
import { SHAPE_WORDS, WORKPLACE_WORDS } from './text.ts';

export interface DigestItem {
  question: string;
  /** Shown before the question: time, asker, room. */
  label: string;
}

export interface QuestionGroup {
  items: DigestItem[];
  /** Entry id whose phrasings these could join, or null for a new entry. */
  entryId: string | null;
  entryTitle: string | null;
  topic: string;
  keywords: string[];
}

/** Two questions share a group at this similarity (overlap of their content words, or of
 *  character pairs when they share no word). */
const SAME_GROUP = 0.34;
const MAX_KEYWORDS = 4;

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

/** Groups similar questions (single link) and suggests a knowledge-base change for each group. */
export function groupQuestions(items: DigestItem[], engine: FaqEngine): QuestionGroup[] {
  const text = engine.text;
  const info = items.map((it) => {
    const f = text.features(it.question);
    const words = new Set(f.tokens.filter((t) => [...t].length >= 2 && !SHAPE_WORDS.has(t) && !WORKPLACE_WORDS.has(t)));
    const pairs = new Set(f.bigrams);
    const a = engine.ask(it.question);
    return { it, words, pairs, nearest: a.nearest ?? (a.band === 'suggest' ? (a.suggestions[0] ?? null) : null) };
  });
  const parent = info.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < info.length; i++) {
    for (let j = 0; j < i; j++) {
      const byWords = jaccard(info[i].words, info[j].words);
      const sim = byWords > 0 ? byWords : 0.8 * jaccard(info[i].pairs, info[j].pairs);
      if (sim >= SAME_GROUP) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, typeof info>();
  info.forEach((x, i) => void groups.set(find(i), [...(groups.get(find(i)) ?? []), x]));

  return [...groups.values()]
    .map((members) => {
      // The entry most of the group came closest to, if there is one.
      const votes = new Map<string, { n: number; s: NonNullable<(typeof members)[number]['nearest']> }>();
      for (const m of members) {
        if (!m.nearest) continue;
        const v = votes.get(m.nearest.answerId) ?? { n: 0, s: m.nearest };
        v.n++;
        votes.set(m.nearest.answerId, v);
      }
      const top = [...votes.values()].sort((a, b) => b.n - a.n)[0];
      const near = top && top.n * 2 > members.length ? top.s : null;
      const counts = new Map<string, number>();
      for (const m of members) for (const w of m.words) counts.set(w, (counts.get(w) ?? 0) + 1);
      const keywords = [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)
        .slice(0, MAX_KEYWORDS)
        .map(([w]) => w);
      return {
        items: members.map((m) => m.it),
        entryId: near?.answerId ?? null,
        entryTitle: near?.title ?? null,
        topic: near?.topic ?? top?.s.topic ?? 'union_membership',
        keywords,
      };
    })
    .sort((a, b) => b.items.length - a.items.length);
}

/** The digest text for staff: groups, who asked, and the suggested change to config/faq.yaml. */
export function formatQuestionGroups(groups: QuestionGroup[], heading: string, idPrefix: string): string {
  const lines: string[] = [heading];
  groups.forEach((g, gi) => {
    const n = g.items.length;
    lines.push('');
    lines.push(`${gi + 1}. ${n > 1 ? `(${n}个相近的问题) ` : ''}${g.items[0].question}`);
    for (const it of g.items) lines.push(`  · ${it.label}:${it.question}`);
    if (g.entryId) {
      lines.push(`  建议:若答案就是条目「${g.entryTitle}」(${g.entryId}),把上面的问法加到它的 questions 里。`);
    } else {
      lines.push('  建议新增条目(贴到 config/faq.yaml 的 entries 下,answer 按核实过的信息填写;留空时文件不会生效):');
      lines.push(`    - id: ${idPrefix}-${gi + 1}`);
      lines.push(`      topic: ${g.topic}    # 请核对主题`);
      lines.push(`      title: ${g.items[0].question}`);
      lines.push(`      questions: [${[...new Set(g.items.map((i) => i.question.replace(/[,[\]{}]/g, ' ').trim()))].join(', ')}]`);
      lines.push(`      keywords: [${g.keywords.join(', ')}]`);
      lines.push('      answer: ""');
    }
  });
  return lines.join('\n');
}
