// Accuracy of the parser on a labelled file (dev set or held-out set): per field, the intent
// confusion matrix, speed. Run: node bin/run-script.mjs scripts/eval-parse.ts [file.jsonl] [configDir]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadItemLexicon } from '../src/config/load-items.ts';
import { createParser, toContract } from '../src/domain/parse/index.ts';
import { INTENTS, type Location, type ParseResult } from '../src/domain/types.ts';

const LOC_FIELDS = ['building', 'unit', 'floor', 'room'] as const;

const itemKey = (r: ParseResult) =>
  r.items
    .map((i) => `${i.name}/${i.category}`)
    .sort()
    .join('|');
const catKey = (r: ParseResult) => [...new Set(r.items.map((i) => i.category))].sort().join('|');
const locKey = (l: Location) => LOC_FIELDS.map((f) => l[f] ?? '-').join(',');

export async function evalParse(devsetPath: string, configDir: string): Promise<string> {
  return evalParseFile(devsetPath, configDir, 'parse dev set');
}

/** Same report for any file in the labelled contract format; `title` heads the report. */
export async function evalParseFile(path: string, configDir: string, title: string): Promise<string> {
  const devsetPath = path;
  const gold: ParseResult[] = readFileSync(devsetPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ParseResult);
  const t0 = performance.now();
  const parser = createParser(loadItemLexicon(configDir));
  const setupMs = performance.now() - t0;
  for (const g of gold.slice(0, 20)) parser.parse(g.text); // warm-up
  const t1 = performance.now();
  const got = gold.map((g) => toContract(parser.parse(g.text)));
  const msPerMessage = (performance.now() - t1) / gold.length;

  const fields: [string, (r: ParseResult) => unknown][] = [
    ['intent', (r) => r.intent],
    ['items (exact set)', itemKey],
    ['category (set per message)', catKey],
    ['forWhom', (r) => r.forWhom],
    ['location (all four)', (r) => locKey(r.location)],
    ...LOC_FIELDS.map((f) => [`location.${f}`, (r: ParseResult) => r.location[f]] as [string, (r: ParseResult) => unknown]),
    ['urgent', (r) => r.urgent],
    ['contextDependent', (r) => r.contextDependent],
  ];
  const lines: string[] = [`${title}: ${gold.length} messages (${devsetPath})`, ''];
  const misses: string[] = [];
  for (const [name, key] of fields) {
    const ok = gold.filter((g, i) => key(g) === key(got[i]!)).length;
    lines.push(`${name.padEnd(28)} ${(ok / gold.length).toFixed(3)}  (${ok}/${gold.length})`);
  }
  lines.push('', 'intent confusion (rows: gold, columns: parsed)');
  lines.push(''.padEnd(9) + INTENTS.map((i) => i.slice(0, 7).padStart(8)).join(''));
  for (const g of INTENTS) {
    const row = INTENTS.map((p) => String(gold.filter((x, i) => x.intent === g && got[i]!.intent === p).length).padStart(8));
    lines.push(g.padEnd(9) + row.join(''));
  }
  gold.forEach((g, i) => {
    const r = got[i]!;
    const diffs = fields
      .filter(([n, k]) => !n.startsWith('location.') && k(g) !== k(r))
      .map(([n, k]) => `${n}: ${String(k(g))} -> ${String(k(r))}`);
    if (diffs.length) misses.push(`  ${g.text}\n      ${diffs.join('; ')}`);
  });
  lines.push('', `setup ${setupMs.toFixed(0)} ms, mean ${msPerMessage.toFixed(3)} ms per message`);
  if (process.env.EVAL_VERBOSE) lines.push('', `misses (${misses.length}):`, ...misses);
  return lines.join('\n');
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  const devset = process.argv[2] ?? resolve(root, '../shared/devset/parse-dev.jsonl');
  const configDir = process.argv[3] ?? resolve(root, 'config');
  console.log(await evalParse(devset, configDir));
}
