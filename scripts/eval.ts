// `npm run eval`: accuracy figures on ../shared/devset for parsing and union answers.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { evalParse, evalParseFile } from './eval-parse.ts';
import { evalAsk, evalAskFile } from './eval-ask.ts';
import { evalParseRealFile } from './eval-parse-real.ts';

const devset = resolve(process.env.LINLI_DEVSET ?? '../shared/devset');
const configDir = resolve(process.env.LINLI_CONFIG ?? 'config');

if (!existsSync(devset)) {
  process.stderr.write(`eval: dev set not found at ${devset} (set LINLI_DEVSET)\n`);
  process.exit(2);
}
process.stdout.write('== linli parse: ../shared/devset/parse-dev.jsonl ==\n');
process.stdout.write((await evalParse(resolve(devset, 'parse-dev.jsonl'), configDir)) + '\n\n');
// Sets written apart from the dev set. Each was measured before it was studied; those marked
// "tuned on" were then used to fix the parser, so only the last one still says how it generalises.
const PARSE_SETS: [string, string][] = [
  ['parse-heldout.jsonl', 'tuned on'],
  ['parse-heldout-2.jsonl', 'tuned on'],
  ['parse-heldout-3.jsonl', 'tuned on'],
  ['parse-heldout-4.jsonl', 'tuned on'],
  ['parse-heldout-5.jsonl', 'tuned on'],
  ['parse-heldout-6.jsonl', 'never tuned on'],
];
for (const [name, status] of PARSE_SETS) {
  const file = resolve('test/fixtures', name);
  if (!existsSync(file)) continue;
  process.stdout.write(`== linli parse: test/fixtures/${name} (held out, ${status}) ==\n`);
  process.stdout.write((await evalParseFile(file, configDir, 'parse held-out set')) + '\n\n');
}
// Real messages quoted in public reports: how people really write. Studied, never trained on.
const realParse = resolve(devset, 'parse-real-dev.jsonl');
if (existsSync(realParse)) {
  process.stdout.write('== linli parse: ../shared/devset/parse-real-dev.jsonl (real messages) ==\n');
  process.stdout.write((await evalParseRealFile(realParse, configDir, 'parse real set')) + '\n\n');
}
// Written in the real messages' style by someone else and measured blind: no one on the parser read it.
const blind = resolve('test/fixtures/parse-real-heldout.jsonl');
if (existsSync(blind)) {
  process.stdout.write(
    "== linli parse: test/fixtures/parse-real-heldout.jsonl (real style, held out, never read by the parser's authors) ==\n",
  );
  process.stdout.write((await evalParseRealFile(blind, configDir, 'parse held-out set in real style', true)) + '\n\n');
}
// A second blind set, written after the first one by someone outside the parser work, and measured
// at first sight on main commit 19620ce (branch blind2). Figures only; no one on the parser reads it.
const blind2 = resolve('test/fixtures/parse-real-heldout-2.jsonl');
if (existsSync(blind2)) {
  process.stdout.write(
    "== linli parse: test/fixtures/parse-real-heldout-2.jsonl (real style, second blind set, never read by the parser's authors) ==\n",
  );
  process.stdout.write((await evalParseRealFile(blind2, configDir, 'parse second held-out set in real style', true)) + '\n\n');
}
process.stdout.write('== linli ask: ../shared/devset/ask-dev.jsonl ==\n');
process.stdout.write((await evalAsk(resolve(devset, 'ask-dev.jsonl'), configDir)) + '\n');

// Held-out union questions; same systems, same bands. Sets 1-3 were used for tuning after
// their first measurement; sets 4 and 5 were never tuned on (the honest figures). Set 5 was
// written before the issue-8 engine work and measured before and after it; one late word-family
// change that lowered it (and held-out set 1) was rolled back, so it served once as a check.
// The real questions (ask-real-dev) were studied and their misses used to add word families.
const ASK_SETS: [string, string][] = [
  ['test/fixtures/ask-heldout.jsonl', 'tuned on'],
  ['test/fixtures/ask-heldout-2.jsonl', 'tuned on'],
  ['test/fixtures/ask-heldout-3.jsonl', 'tuned on'],
  ['test/fixtures/ask-heldout-4.jsonl', 'never tuned on'],
  ['test/fixtures/ask-heldout-5.jsonl', 'never tuned on'],
];
const realAsk = resolve(devset, 'ask-real-dev.jsonl');
if (existsSync(realAsk)) {
  process.stdout.write(
    '\n== linli ask: ../shared/devset/ask-real-dev.jsonl (real questions; studied, its misses used for word families) ==\n',
  );
  process.stdout.write((await evalAskFile(realAsk, configDir, 'real questions')) + '\n');
}
for (const [file, status] of ASK_SETS) {
  if (!existsSync(resolve(file))) continue;
  process.stdout.write(`\n== linli ask: ${file} (held out, ${status}) ==\n`);
  process.stdout.write((await evalAskFile(resolve(file), configDir, `held out: ${file}`)) + '\n');
}

// Sign-ups and visit reports (issue 12): our own written sets, one tuned on and one held out.
const { evalCampaignsText } = await import('./eval-campaigns.ts');
process.stdout.write(
  `\n${evalCampaignsText('test/fixtures/signup-understanding.jsonl', 'test/fixtures/visit-report-understanding.jsonl')}\n\n`,
);
process.stdout.write(
  `${evalCampaignsText('test/fixtures/signup-understanding-heldout.jsonl', 'test/fixtures/visit-report-understanding-heldout.jsonl', 'held-out set (written after the rules; its misses were then studied)')}\n`,
);
process.stdout.write(
  `\n${evalCampaignsText('test/fixtures/signup-understanding-heldout-2.jsonl', null, 'second set (first read 17/22 on first sight; its misses were then studied)')}\n`,
);
process.stdout.write(
  `\n${evalCampaignsText('test/fixtures/signup-understanding-heldout-3.jsonl', null, 'third set (first read 15/20 on first sight; its misses were then studied)')}\n`,
);
