// Evaluates the union FAQ engine against two baselines on a labelled question set.
//   node bin/run-script.mjs scripts/eval-ask.ts [labelled.jsonl] [configDir] [title]
// "wrong answers" are the worst outcome: a topic answered outright (linli's answer band;
// any non-null prediction for the baselines, which have no bands) that is not the label.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Fuse from 'fuse.js';
import { BayesClassifier } from 'natural/lib/natural/classifiers/index.js';
import { loadKnowledgeBase } from '../src/config/load-faq.ts';
import { loadMainConfig } from '../src/config/load.ts';
import { createFaqEngine, type KnowledgeBase } from '../src/domain/faq/index.ts';
import { createSegmenter } from '../src/domain/text/segmenter.ts';
import { normalizeText } from '../src/domain/text/normalize.ts';

/** Baseline thresholds: fuse.js score (0 = exact, 1 = nothing) and Bayes probability. */
const FUSE_MAX_SCORE = 0.6;
const BAYES_MIN_PROBABILITY = 0.3;

interface Labelled {
  question: string;
  topic: string | null;
}
/** The predicted topic, and whether it would be sent as an answer (not a suggestion). */
type Predictor = (question: string) => string | null | { topic: string | null; answered: boolean };

interface Figures {
  name: string;
  accuracy: number;
  outOfScope: number;
  inScope: number;
  /** Answered outright with a wrong topic (an out-of-scope question answered counts too). */
  wrongAnswers: number;
  msPerQuestion: number;
  errors: { question: string; expected: string | null; got: string | null }[];
}

function readDevset(path: string): Labelled[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled);
}

function measure(name: string, rows: Labelled[], predict: Predictor): Figures {
  const t0 = performance.now();
  const raw = rows.map((r) => predict(r.question));
  const ms = (performance.now() - t0) / Math.max(1, rows.length);
  const got = raw.map((p) => (p !== null && typeof p === 'object' ? p.topic : p));
  const answered = raw.map((p) => (p !== null && typeof p === 'object' ? p.answered : p !== null));
  let wrong = 0;
  let ok = 0;
  let oosN = 0;
  let oosOk = 0;
  let inN = 0;
  let inOk = 0;
  const errors: Figures['errors'] = [];
  rows.forEach((r, i) => {
    const hit = got[i] === r.topic;
    if (hit) ok++;
    else if (answered[i] && got[i] !== null) wrong++;
    if (!hit) errors.push({ question: r.question, expected: r.topic, got: got[i] });
    if (r.topic === null) {
      oosN++;
      if (hit) oosOk++;
    } else {
      inN++;
      if (hit) inOk++;
    }
  });
  return {
    name,
    accuracy: ok / rows.length,
    outOfScope: oosN ? oosOk / oosN : 1,
    inScope: inN ? inOk / inN : 1,
    wrongAnswers: wrong,
    msPerQuestion: ms,
    errors,
  };
}

function fuseBaseline(kb: KnowledgeBase): Predictor {
  const items = kb.entries.flatMap((e) => e.questions.map((q) => ({ q: normalizeText(q), topic: e.topic })));
  const fuse = new Fuse(items, { keys: ['q'], includeScore: true, ignoreLocation: true, threshold: 1 });
  return (question) => {
    const [best] = fuse.search(normalizeText(question), { limit: 1 });
    return best && (best.score ?? 1) <= FUSE_MAX_SCORE ? best.item.topic : null;
  };
}

function bayesBaseline(kb: KnowledgeBase): Predictor {
  const seg = createSegmenter();
  const tokens = (s: string) => seg.cut(normalizeText(s)).filter((t) => !/^[\p{P}\p{S}\s]+$/u.test(t));
  const bayes = new BayesClassifier();
  for (const e of kb.entries) for (const q of e.questions) bayes.addDocument(tokens(q), e.topic);
  bayes.train();
  return (question) => {
    const cls = bayes.getClassifications(tokens(question));
    const total = cls.reduce((a, c) => a + c.value, 0);
    if (!(total > 0)) return null;
    const best = cls[0];
    return best.value / total >= BAYES_MIN_PROBABILITY ? best.label : null;
  };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`.padStart(7);
}

/** Report on any labelled file: figures for linli and both baselines, linli's bands and errors. */
export async function evalAskFile(path: string, configDir: string, title = path): Promise<string> {
  const rows = readDevset(path);
  const kb = loadKnowledgeBase(configDir);
  // The bands the bot ships with (config/linli.yaml), so the figures are the bot's own.
  const shipped = loadMainConfig(configDir).faq;
  const engine = createFaqEngine(kb, shipped);
  engine.ask('预热'); // segmenter and indexes are built; keep the warm-up out of the timing
  const fuse = fuseBaseline(kb);
  const bayes = bayesBaseline(kb);
  fuse('预热');
  bayes('预热');

  const results = [
    measure('linli', rows, (q) => {
      const a = engine.ask(q);
      return { topic: a.topic, answered: a.band === 'answer' };
    }),
    measure('fuse.js', rows, fuse),
    measure('natural Bayes', rows, bayes),
  ];
  const lines: string[] = [];
  lines.push(
    `ask eval (${title}): ${rows.length} questions (${rows.filter((r) => r.topic === null).length} out of scope), ${kb.entries.length} KB entries`,
  );
  lines.push(`bands: answerAt=${shipped.answerAt} suggestAt=${shipped.suggestAt}`);
  lines.push('');
  lines.push(
    `${'system'.padEnd(16)}${'topic'.padStart(7)}  ${'oos ok'.padStart(7)}  ${'in-scope'.padStart(8)}  ${'wrong ans'.padStart(9)}  ms/q`,
  );
  for (const r of results) {
    const wrong = `${r.wrongAnswers} (${((r.wrongAnswers / rows.length) * 100).toFixed(1)}%)`;
    lines.push(
      `${r.name.padEnd(16)}${pct(r.accuracy)}  ${pct(r.outOfScope)}  ${pct(r.inScope).padStart(8)}  ${wrong.padStart(9)}  ${r.msPerQuestion.toFixed(3)}`,
    );
  }
  lines.push('(topic: suggest counts as its best topic; wrong ans: answered outright with a wrong topic)');

  // How the bands split linli's answers (suggest counts as its best topic above).
  const bands = { answer: [0, 0], suggest: [0, 0], handoff: [0, 0] } as Record<string, [number, number]>;
  const answeredWrong: string[] = [];
  for (const r of rows) {
    const a = engine.ask(r.question);
    bands[a.band][a.topic === r.topic ? 0 : 1]++;
    if (a.band === 'answer' && a.topic !== r.topic)
      answeredWrong.push(`  expected ${String(r.topic)}, answered ${String(a.topic)} (${a.confidence}): ${r.question}`);
  }
  lines.push('');
  lines.push('linli bands (right / wrong topic):');
  for (const [band, [right, wrong]] of Object.entries(bands)) lines.push(`  ${band.padEnd(8)} ${right} / ${wrong}`);

  if (answeredWrong.length > 0) {
    lines.push('');
    lines.push('linli wrong answers:');
    lines.push(...answeredWrong);
  }
  const linli = results[0];
  // Confusion: which expected topic went where (null = handed off or off-topic), worst first.
  const confusion = new Map<string, number>();
  for (const e of linli.errors) {
    const key = `${String(e.expected)} -> ${String(e.got)}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
  }
  if (confusion.size > 0) {
    lines.push('');
    lines.push('linli confusion (expected -> got: count):');
    for (const [k, n] of [...confusion.entries()].sort((a, b) => b[1] - a[1])) lines.push(`  ${k}: ${n}`);
  }
  if (linli.errors.length > 0) {
    lines.push('');
    lines.push('linli errors:');
    for (const e of linli.errors) lines.push(`  expected ${String(e.expected)}, got ${String(e.got)}: ${e.question}`);
  }
  return lines.join('\n');
}

/** The dev-set report (kept for callers of the original entry point). */
export async function evalAsk(devsetPath: string, configDir: string): Promise<string> {
  return evalAskFile(devsetPath, configDir, 'dev set');
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const devset = process.argv[2] ?? '../shared/devset/ask-dev.jsonl';
  const configDir = process.argv[3] ?? 'config';
  console.log(await evalAskFile(devset, configDir, process.argv[4] ?? devset));
}
