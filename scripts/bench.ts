// `npm run bench`: speed of the engines alone, the bot pipeline with the real store, and
// the whole replay through Wechaty's mock puppet. Prints figures; asserts nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadItemLexicon } from '../src/config/load-items.ts';
import { loadKnowledgeBase } from '../src/config/load-faq.ts';
import { createParser } from '../src/domain/parse/index.ts';
import { createFaqEngine } from '../src/domain/faq/index.ts';
import { createApp } from '../src/app.ts';
import { FakeTransport } from '../src/adapters/fake/fake-transport.ts';
import { FileStore } from '../src/store/file-store.ts';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import { silentLogger } from '../src/log.ts';
import { classifyLine, type InputLine } from '../src/cli/input.ts';
import { loadReaderModels } from '../src/cli/reader-model.ts';
import { hostileLines } from './hostile-input.ts';
import { benchCli } from './bench-cli.ts';

const devset = process.env.LINLI_DEVSET ?? '../shared/devset';
const lines = (file: string) =>
  readFileSync(join(devset, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim());
const row = (name: string, n: number, ms: number, unit: string) =>
  console.log(
    `${name.padEnd(44)} ${String(n).padStart(6)} ${unit.padEnd(9)} ${(ms / n).toFixed(3).padStart(8)} ms each  ${Math.round((n / ms) * 1000)
      .toLocaleString('en')
      .padStart(9)}/s`,
  );

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

const messages = lines('parse-dev.jsonl').map((l) => (JSON.parse(l) as { text: string }).text);
const realMessages = lines('parse-real-dev.jsonl').map((l) => (JSON.parse(l) as { text: string }).text);

// The linli command itself, a process per run: cold starts and 100,000 messages against bare Node.
await benchCli([...messages, ...realMessages]);

// Engines without any transport.
const [parser, parserSetup] = time(() => createParser(loadItemLexicon('config')));
console.log(`parser setup (jieba dictionary + training): ${parserSetup.toFixed(0)} ms`);
const [, storedSetup] = time(() => {
  const lexicon = loadItemLexicon('config');
  const stored = loadReaderModels(lexicon);
  return stored ? createParser(lexicon, stored) : null;
});
console.log(
  `parser setup with the build's stored readers (jieba loaded on first need): ${loadReaderModels(loadItemLexicon('config')) ? `${storedSetup.toFixed(0)} ms` : 'no current stored model (npm run build)'}`,
);
const many = Array.from({ length: 20_000 }, (_, i) => messages[i % messages.length]!);
parser.parse(many[0]!);
row('parse: group messages', many.length, time(() => many.forEach((m) => void parser.parse(m)))[1], 'messages');
const hostile = hostileLines(2000);
row('parse: hostile lines (incl. 20k-char lines)', hostile.length, time(() => hostile.forEach((m) => void parser.parse(m)))[1], 'lines');

const [faq, faqSetup] = time(() => createFaqEngine(loadKnowledgeBase('config'), { answerAt: 0.6, suggestAt: 0.25 }));
console.log(`faq setup (index + classifier): ${faqSetup.toFixed(0)} ms`);
const questions = lines('ask-dev.jsonl').map((l) => (JSON.parse(l) as { question: string }).question);
const manyQ = Array.from({ length: 10_000 }, (_, i) => questions[i % questions.length]!);
row('ask: workers’ questions', manyQ.length, time(() => manyQ.forEach((q) => void faq.ask(q)))[1], 'questions');

// The bot pipeline with the lowdb file store (persist before every reply).
const dir = mkdtempSync(join(tmpdir(), 'linli-bench-'));
const transport = new FakeTransport();
const clock = new SimulatedClock(new Date('2022-12-18T18:00:00+08:00'));
const app = await createApp({
  configDir: 'config',
  store: new FileStore(join(dir, 'linli.json')),
  clock,
  scheduler: clock,
  send: (o) => transport.send(o),
  log: silentLogger,
});
await transport.start(async (m) => void (await app.bot.handle(m)));
const rooms = app.config.rooms.filter((r) => r.kind === 'building').map((r) => r.topic);
for (const [label, count] of [
  ['pipeline: first 1,000 group messages', 1000],
  ['pipeline: next 4,000 (larger state file)', 4000],
] as const) {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    await clock.advanceTo(new Date(clock.now().getTime() + 20_000));
    await transport.push({
      from: `居民${i % 97}`,
      text: messages[i % messages.length]!,
      room: rooms[i % rooms.length]!,
      time: clock.now(),
    });
  }
  row(label, count, performance.now() - t0, 'messages');
}
const size = readFileSync(join(dir, 'linli.json')).length;
console.log(`state file after 5,000 messages: ${(size / 1024).toFixed(0)} KiB, ${app.bot.state.aid.requests.length} requests`);
app.close();
rmSync(dir, { recursive: true, force: true });

// The whole replay: real Wechaty on the mock puppet (its import alone costs seconds).
const [{ runReplay }, importMs] = await (async () => {
  const t0 = performance.now();
  const mod = await import('../src/adapters/replay/run-replay.ts');
  return [mod, performance.now() - t0] as const;
})();
console.log(`import of Wechaty + mock puppet: ${importMs.toFixed(0)} ms`);
for (const file of ['replay-building-evening.jsonl', 'replay-grid-day.jsonl', 'replay-union-qa.jsonl']) {
  const input = lines(file)
    .map((l, i) => classifyLine(l, i + 1))
    .filter((l): l is InputLine => l !== null);
  let sent = 0;
  const t0 = performance.now();
  await runReplay(input, { configDir: 'config', log: silentLogger, emit: () => void sent++ });
  row(`replay: ${file}`, input.length, performance.now() - t0, 'events');
}

// Replay at scale: 3,000 messages across 50 building groups against bare Wechaty on the mock.
await (await import('./bench-replay.ts')).benchReplay();

// The durable core under load: the store, open requests, history, start-up and memory.
await import('./bench-store.ts');
// Several bot processes on one PostgreSQL (issue 13), lowdb beside.
await import('./bench-pg.ts');
