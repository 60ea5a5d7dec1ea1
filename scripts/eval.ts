// `npm run eval`: accuracy figures on ../shared/devset for parsing and union answers.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { evalParse, evalParseFile } from './eval-parse.ts';
import { evalAsk } from './eval-ask.ts';
import { evalAskFile } from './eval-ask.ts';

const devset = resolve(process.env.LINLI_DEVSET ?? '../shared/devset');
const configDir = resolve(process.env.LINLI_CONFIG ?? 'config');

if (!existsSync(devset)) {
  process.stderr.write(`eval: dev set not found at ${devset} (set LINLI_DEVSET)\n`);
  process.exit(2);
}
process.stdout.write('== linli parse: ../shared/devset/parse-dev.jsonl ==\n');
process.stdout.write((await evalParse(resolve(devset, 'parse-dev.jsonl'), configDir)) + '\n\n');
// Held-out sets written apart from the dev set: the figures that say whether the parser generalises.
for (const name of ['parse-heldout.jsonl', 'parse-heldout-2.jsonl', 'parse-heldout-3.jsonl', 'parse-heldout-4.jsonl', 'parse-heldout-5.jsonl', 'parse-heldout-6.jsonl']) {
  const file = resolve('test/fixtures', name);
  if (!existsSync(file)) continue;
  process.stdout.write(`== linli parse: test/fixtures/${name} (held out) ==\n`);
  process.stdout.write((await evalParseFile(file, configDir, 'parse held-out set')) + '\n\n');
}
process.stdout.write('== linli ask: ../shared/devset/ask-dev.jsonl ==\n');
process.stdout.write((await evalAsk(resolve(devset, 'ask-dev.jsonl'), configDir)) + '\n');

// Held-out union questions (not tuned on the dev set); same systems, same bands.
// Set 3 was used for tuning; set 4 was written last and never tuned on (the honest figures).
for (const file of ['test/fixtures/ask-heldout.jsonl', 'test/fixtures/ask-heldout-2.jsonl', 'test/fixtures/ask-heldout-3.jsonl', 'test/fixtures/ask-heldout-4.jsonl']) {
  if (!existsSync(resolve(file))) continue;
  process.stdout.write(`\n== linli ask: ${file} (held out) ==\n`);
  process.stdout.write((await evalAskFile(resolve(file), configDir, `held out: ${file}`)) + '\n');
}
