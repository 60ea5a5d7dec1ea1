// One bot process of the PostgreSQL bench (scripts/bench-pg.ts): its own store connection and
// account, handles its share of messages in its own building groups, prints its latencies as JSON.
// argv: store (postgres|lowdb) url-or-dir process-name count
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createApp } from '../src/app.ts';
import { FakeTransport } from '../src/adapters/fake/fake-transport.ts';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import { silentLogger } from '../src/log.ts';
import { FileStore } from '../src/store/file-store.ts';
import { PostgresStore } from '../src/store/postgres/postgres-store.ts';
import { ClusterMember } from '../src/store/postgres/cluster.ts';
import { sharedDedupeKey } from '../src/store/postgres/dedupe.ts';
import type { StateStore } from '../src/store/types.ts';

const [kind, where, name, countArg] = process.argv.slice(2) as [string, string, string, string];
const count = Number(countArg);
const devset = process.env.LINLI_DEVSET ?? '../shared/devset';
const messages = readFileSync(join(devset, 'parse-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);

const t0 = performance.now();
const store: StateStore = kind === 'postgres' ? new PostgresStore({ url: where, process: name }) : new FileStore(join(where, 'linli.json'));
const transport = new FakeTransport();
const clock = new SimulatedClock(new Date('2022-12-18T18:00:00+08:00'));
let shared = {};
let member: ClusterMember | null = null;
if (store instanceof PostgresStore) {
  await store.migrate();
  // Rooms of this account: the configured building groups, named per process so accounts differ.
  member = new ClusterMember(store.pool, name, { chats: [] });
  shared = { dedupeKey: sharedDedupeKey, mayDeliver: member.mayDeliver, lastSentTo: member.lastSentTo, sentTo: member.sentTo };
}
const app = await createApp({
  configDir: 'config',
  store,
  clock,
  scheduler: clock,
  send: (o) => transport.send(o),
  log: silentLogger,
  shared,
});
const rooms = app.config.rooms.filter((r) => r.kind === 'building').map((r) => r.topic);
await member?.setChats(rooms.map((r) => `room:${r}`));
const startMs = performance.now() - t0;
await transport.start(async (m) => void (await app.bot.handle(m)));
const latencies: number[] = [];
const began = performance.now();
for (let i = 0; i < count; i++) {
  await clock.advanceTo(new Date(clock.now().getTime() + 2_000));
  const t = performance.now();
  await transport.push({
    from: `${name}居民${i % 97}`,
    text: messages[i % messages.length]!,
    room: rooms[i % rooms.length]!,
    time: clock.now(),
  });
  latencies.push(performance.now() - t);
}
const wallMs = performance.now() - began;
app.close();
await member?.leave();
await store.close();
process.stdout.write(`${JSON.stringify({ name, startMs, wallMs, latencies, rssMb: process.memoryUsage().rss / 2 ** 20 })}\n`);
