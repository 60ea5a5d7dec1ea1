// Accuracy of the parser on the real-message sets (`parse-real-dev.jsonl`): labels are the main
// item's category, the item names as written, and the building as a string. Prints the fields,
// the intent confusion matrix, the twenty worst misses, and two intent baselines (fuse.js nearest
// example and natural's Bayes), both trained on the project's own example posts, never on a dev set.
import { readFileSync } from 'node:fs';
import Fuse from 'fuse.js';
import { loadItemLexicon } from '../src/config/load-items.ts';
import { createParser, mainCategory } from '../src/domain/parse/index.ts';
import { trainingPosts } from '../src/domain/parse/training/index.ts';
import { prepareText } from '../src/domain/parse/prepare.ts';
import { BayesClassifier } from '../src/domain/text/bayes.ts';
import { createSegmenter } from '../src/domain/text/segmenter.ts';
import { INTENTS, type Intent, type MessageAnalysis } from '../src/domain/types.ts';

interface RealLabel {
  text: string;
  intent: Intent;
  items: string[];
  category: string;
  for_whom: string;
  location: string;
  urgent: boolean;
  context_dependent: boolean;
}

type Field = [name: string, gold: (g: RealLabel) => unknown, got: (r: MessageAnalysis) => unknown];
const FIELDS: Field[] = [
  ['intent', (g) => g.intent, (r) => r.intent],
  ['category (main item)', (g) => g.category, (r) => mainCategory(r)],
  ['forWhom', (g) => g.for_whom, (r) => r.forWhom],
  ['location.building', (g) => g.location || null, (r) => r.location.building],
  ['urgent', (g) => g.urgent, (r) => r.urgent],
  ['contextDependent', (g) => g.context_dependent, (r) => r.contextDependent],
];
// How bad a miss is: a wrong intent or category changes what the bot does; the rest less so.
const WEIGHT: Record<string, number> = {
  intent: 3,
  'category (main item)': 2,
  contextDependent: 1,
  forWhom: 1,
  'location.building': 1,
  urgent: 1,
};

const pctOf = (ok: number, n: number) => `${(ok / n).toFixed(3)}  (${ok}/${n})`;

function confusion(gold: Intent[], got: Intent[]): string[] {
  const lines = ['intent confusion (rows: gold, columns: parsed)'];
  lines.push(''.padEnd(9) + INTENTS.map((i) => i.slice(0, 7).padStart(8)).join(''));
  for (const g of INTENTS) {
    const row = INTENTS.map((p) => String(gold.filter((x, i) => x === g && got[i] === p).length).padStart(8));
    lines.push(g.padEnd(9) + row.join(''));
  }
  return lines;
}

/** Intent baselines on the project's own example posts: what a plain text classifier does alone. */
function intentBaselines(): { name: string; predict: (text: string) => Intent }[] {
  const seg = createSegmenter();
  const tokens = (s: string) => seg.cut(prepareText(s).norm).filter((t) => !/^[\p{P}\p{S}\s]+$/u.test(t));
  const bayes = new BayesClassifier();
  const posts = trainingPosts();
  for (const p of posts) bayes.addDocument(tokens(p.text), p.intent);
  bayes.train();
  const fuse = new Fuse(
    posts.map((p) => ({ intent: p.intent, q: prepareText(p.text).norm })),
    {
      keys: ['q'],
      includeScore: true,
      ignoreLocation: true,
      threshold: 1,
    },
  );
  return [
    {
      name: 'fuse.js (nearest example)',
      predict: (t) => (fuse.search(prepareText(t).norm, { limit: 1 })[0]?.item.intent ?? 'other') as Intent,
    },
    { name: 'natural Bayes', predict: (t) => (bayes.classify(tokens(t)) as Intent) ?? 'other' },
  ];
}

/** Reliability of the parse's confidence: in each band, how often the intent was right. */
function calibration(points: [number, boolean][]): string[] {
  const bands: [number, number][] = [
    [0, 0.5],
    [0.5, 0.7],
    [0.7, 0.9],
    [0.9, 1.01],
  ];
  const lines = ['confidence calibration (band: posts, mean confidence -> share right):'];
  let ece = 0;
  for (const [lo, hi] of bands) {
    const inBand = points.filter(([c]) => c >= lo && c < hi);
    if (inBand.length === 0) continue;
    const mean = inBand.reduce((a, [c]) => a + c, 0) / inBand.length;
    const right = inBand.filter(([, ok]) => ok).length / inBand.length;
    ece += (inBand.length / points.length) * Math.abs(mean - right);
    lines.push(
      `  ${lo.toFixed(1)}-${Math.min(hi, 1).toFixed(1)}: ${String(inBand.length).padStart(3)}, ${mean.toFixed(2)} -> ${right.toFixed(2)}`,
    );
  }
  lines.push(`  expected calibration error ${ece.toFixed(3)}`);
  return lines;
}

/** `blind`: figures only, no texts, so a held-out set stays unread by the people tuning the parser. */
export async function evalParseRealFile(path: string, configDir: string, title: string, blind = false): Promise<string> {
  const gold: RealLabel[] = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RealLabel);
  const parser = createParser(loadItemLexicon(configDir));
  for (const g of gold.slice(0, 20)) parser.parse(g.text); // warm-up
  const t0 = performance.now();
  const got = gold.map((g) => parser.parse(g.text));
  const ms = (performance.now() - t0) / gold.length;

  const lines = [`${title}: ${gold.length} real messages (${path})`, ''];
  for (const [name, g, r] of FIELDS) {
    const ok = gold.filter((x, i) => g(x) === r(got[i]!)).length;
    lines.push(`${name.padEnd(28)} ${pctOf(ok, gold.length)}`);
  }
  lines.push(
    '',
    ...confusion(
      gold.map((g) => g.intent),
      got.map((r) => r.intent),
    ),
  );

  const misses = gold
    .map((g, i) => {
      const r = got[i]!;
      const wrong = FIELDS.filter(([, gf, rf]) => gf(g) !== rf(r));
      const score = wrong.reduce((s, [n]) => s + WEIGHT[n]!, 0);
      const diffs = wrong.map(([n, gf, rf]) => `${n}: ${String(gf(g))} -> ${String(rf(r))}`);
      const names = r.items.map((it) => `${it.name}/${it.category}`).join(', ');
      return { score, i, text: `  ${g.text}\n      ${diffs.join('; ')}${names ? `  [items: ${names}]` : ''}` };
    })
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i);
  if (!blind)
    lines.push('', `worst misses (${Math.min(20, misses.length)} of ${misses.length}):`, ...misses.slice(0, 20).map((m) => m.text));
  else lines.push('', `misses: ${misses.length} (texts not shown: a blind set)`);

  lines.push('', "intent baselines (trained on the project's own example posts):");
  for (const b of intentBaselines()) {
    const predicted = gold.map((g) => b.predict(g.text));
    const ok = gold.filter((g, i) => g.intent === predicted[i]).length;
    lines.push(`  ${b.name.padEnd(26)} intent ${pctOf(ok, gold.length)}`);
    lines.push(
      ...confusion(
        gold.map((g) => g.intent),
        predicted,
      ).map((l) => `    ${l}`),
    );
  }
  lines.push('', ...calibration(gold.map((g, i) => [got[i]!.confidence, got[i]!.intent === g.intent] as [number, boolean])));
  lines.push('', `mean ${ms.toFixed(3)} ms per message`);
  if (process.env.EVAL_VERBOSE && !blind) lines.push('', 'all misses:', ...misses.map((m) => m.text));
  return lines.join('\n');
}
