// The durable core under load (issue 9): the pipeline with the file store (fsync on every unit of
// work) on the bench's message mix, with an empty state, with 10,000 open requests, and with a
// million closed requests and a million past calls in history (the archive); the store's commit
// latency; start-up and memory. Prints figures; nothing is asserted.
import { seededOpenRequest } from './bench-requests.ts';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { FakeTransport } from '../src/adapters/fake/fake-transport.ts';
import { FileStore } from '../src/store/file-store.ts';
import { JsonlArchive } from '../src/store/archive.ts';
import type { BotState } from '../src/store/state.ts';
import { produceWithPatches } from '../src/store/patches.ts';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import { silentLogger } from '../src/log.ts';

const devset = process.env.LINLI_DEVSET ?? '../shared/devset';
const messages = readFileSync(join(devset, 'parse-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);
const START = new Date('2022-12-18T18:00:00+08:00');

/** A data folder whose saved state holds `open` open requests, and `history` closed requests and calls in the archive. */
async function seed(open: number, history: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-store-'));
  const store = new FileStore(join(dir, 'linli.json'));
  const state: BotState = await store.load();
  const at = new Date(START.getTime() - 3600_000);
  const [next, patches] = produceWithPatches(state, (d) => {
    d.aid.requests = Array.from({ length: open }, (_, i) => seededOpenRequest(i, at));
    d.aid.nextId = open + 1;
  });
  await store.commit(next, patches);
  await store.close();
  if (history > 0) {
    const archive = join(dir, 'archive');
    mkdirSync(archive, { recursive: true });
    const chunk = 50_000;
    for (let from = 0; from < history; from += chunk) {
      const n = Math.min(chunk, history - from);
      const reqs = Array.from({ length: n }, (_, k) =>
        JSON.stringify({ ...seededOpenRequest(from + k, at), id: `H${from + k}`, status: 'fulfilled', closedAt: at.toISOString() }),
      );
      appendFileSync(join(archive, 'requests-2022-11.jsonl'), `${reqs.join('\n')}\n`);
      const calls = Array.from({ length: n }, (_, k) =>
        JSON.stringify({
          id: `C${from + k}`,
          rosterId: 'P1',
          worker: '邵婷婷',
          at: at.toISOString(),
          date: '2022-11-30',
          outcome: 'reached',
          flags: [],
          needs: [],
          text: '正常',
        }),
      );
      appendFileSync(join(archive, 'calls-2022-11.jsonl'), `${calls.join('\n')}\n`);
    }
  }
  return dir;
}

async function pipeline(label: string, dir: string, count: number): Promise<number> {
  const t0 = performance.now();
  const transport = new FakeTransport();
  const clock = new SimulatedClock(START);
  const app = await createApp({
    configDir: 'config',
    store: new FileStore(join(dir, 'linli.json')),
    archive: new JsonlArchive(join(dir, 'archive')),
    clock,
    scheduler: clock,
    send: (o) => transport.send(o),
    log: silentLogger,
  });
  const startMs = performance.now() - t0;
  await transport.start(async (m) => void (await app.bot.handle(m)));
  const rooms = app.config.rooms.filter((r) => r.kind === 'building').map((r) => r.topic);
  // Warm-up, then the timed run.
  for (let i = 0; i < 200; i++)
    await transport.push({
      from: `热身${i % 13}`,
      text: messages[i % messages.length]!,
      room: rooms[i % rooms.length]!,
      time: clock.now(),
    });
  const t1 = performance.now();
  for (let i = 0; i < count; i++) {
    await clock.advanceTo(new Date(clock.now().getTime() + 2_000));
    await transport.push({
      from: `居民${i % 97}`,
      text: messages[i % messages.length]!,
      room: rooms[i % rooms.length]!,
      time: clock.now(),
    });
  }
  const ms = (performance.now() - t1) / count;
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `${label.padEnd(52)} start ${startMs.toFixed(0).padStart(5)} ms   ${ms.toFixed(3)} ms a message  ${(1000 / ms).toFixed(0).padStart(5)}/s   RSS ${rss.toFixed(0)} MB`,
  );
  app.close();
  await app.bot.store.close();
  return ms;
}

/** Commit latency of the file store with fsync, one small change at a time, with `open` open requests. */
async function commitLatency(open: number): Promise<void> {
  const dir = await seed(open, 0);
  const store = new FileStore(join(dir, 'linli.json'));
  let state = await store.load();
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const [next, patches] = produceWithPatches(state, (d) => {
      const r = d.aid.requests[i % Math.max(1, d.aid.requests.length)];
      if (r) r.updatedAt = new Date(START.getTime() + i * 1000).toISOString();
      else d.seenMessageIds.push(`m${i}`);
    });
    const t0 = performance.now();
    await store.commit(next, patches);
    times.push(performance.now() - t0);
    state = next;
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(`store commit with fsync, ${String(open).padStart(6)} open requests: p50 ${p(0.5)} ms  p99 ${p(0.99)} ms  max ${p(1)} ms`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

const COUNT = Number(process.env.LINLI_BENCH_MESSAGES ?? 2000);
const HISTORY = Number(process.env.LINLI_BENCH_HISTORY ?? 1_000_000);

/**
 * A bot's memory, in a process of its own (this bench's own process has parsed, replayed and
 * built several bots before): start on `dir`, handle COUNT messages, report the RSS.
 */
if (process.env.LINLI_BENCH_RSS_DIR) {
  await pipeline('one bot process', process.env.LINLI_BENCH_RSS_DIR, COUNT);
  process.exit(0);
}
async function rssOfOwnProcess(dir: string): Promise<string> {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync(process.execPath, ['bin/run-script.mjs', 'scripts/bench-store.ts'], {
    env: { ...process.env, LINLI_BENCH_RSS_DIR: dir },
    encoding: 'utf8',
  });
  return /RSS (\d+) MB/.exec(out)?.[1] ?? '?';
}
// A first run warms the JIT up: whichever case ran first used to pay for it (the empty state).
const warm = await seed(0, 0);
await pipeline('(warm-up, empty state)', warm, Math.min(COUNT, 500));
// Interleaved, best of two each, each on a fresh copy: the machine's other load touches both alike.
let base = Infinity;
let withOpen = Infinity;
const used: string[] = [warm];
for (let i = 0; i < 2; i++) {
  const empty = await seed(0, 0);
  base = Math.min(base, await pipeline('pipeline, file store, empty state', empty, COUNT));
  const busy = await seed(10_000, 0);
  withOpen = Math.min(withOpen, await pipeline('pipeline, 10,000 open requests', busy, COUNT));
  used.push(empty, busy);
}
const tSeed = performance.now();
const old = await seed(0, HISTORY);
console.log(
  `(wrote ${HISTORY.toLocaleString()} closed requests and ${HISTORY.toLocaleString()} calls to the archive in ${((performance.now() - tSeed) / 1000).toFixed(1)} s)`,
);
const withHistory = await pipeline(`pipeline, ${HISTORY.toLocaleString()} requests + calls in history`, old, COUNT);
console.log(
  `  10k open requests: ${(withOpen / base).toFixed(2)}× the empty state;  history: ${(withHistory / base).toFixed(2)}× the empty state`,
);
for (const open of [0, 10_000]) await commitLatency(open);
// The same history with 10,000 open requests live, in a fresh process: what a bot holds.
{
  const busyOld = await seed(10_000, 0);
  rmSync(join(busyOld, 'archive'), { recursive: true, force: true });
  const { cpSync } = await import('node:fs');
  cpSync(join(old, 'archive'), join(busyOld, 'archive'), { recursive: true });
  console.log(
    `a bot process of its own, 10,000 open requests and ${HISTORY.toLocaleString()} requests + calls in history, ${COUNT} messages: RSS ${await rssOfOwnProcess(busyOld)} MB`,
  );
  used.push(busyOld);
}
for (const d of [...used, old]) rmSync(d, { recursive: true, force: true });
