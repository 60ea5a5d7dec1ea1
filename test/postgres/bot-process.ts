// A bot process of its own for the kill test: `node bin/run-script.mjs test/postgres/bot-process.ts
// URL NAME CHATS START [hold]`. Joins the district, listens for others' changes and prints each
// message it delivers as a JSON line ({"sent": …}); with `hold` its WeChat never confirms a send
// (a connection that hangs), so whatever it is asked to send stays pending until it is killed.
import { createApp } from '../../src/app.ts';
import type { OutgoingMessage } from '../../src/bot/messages.ts';
import { silentLogger } from '../../src/log.ts';
import { SimulatedClock } from '../../src/schedule/simulated.ts';
import { ClusterMember } from '../../src/store/postgres/cluster.ts';
import { sharedDedupeKey } from '../../src/store/postgres/dedupe.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { SCENE } from './scene.ts';

const [url, name, chats, start, hold] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const store = new PostgresStore({ url, process: name });
let app: Awaited<ReturnType<typeof createApp>> | null = null;
const member = new ClusterMember(store.pool, name, { chats: JSON.parse(chats) as string[] });
await store.migrate();
await member.join();
await store.listen(() => void app?.bot.refresh());
const clock = new SimulatedClock(new Date(start));
const send = async (out: OutgoingMessage): Promise<void> => {
  if (hold === 'hold') {
    process.stdout.write(`${JSON.stringify({ trying: out })}\n`);
    return new Promise<void>(() => {});
  }
  process.stdout.write(`${JSON.stringify({ sent: out })}\n`);
};
app = await createApp({
  configDir: 'config',
  store,
  clock,
  scheduler: clock,
  send,
  log: silentLogger,
  overrides: SCENE,
  background: true,
  shared: { dedupeKey: sharedDedupeKey, mayDeliver: member.mayDeliver, lastSentTo: member.lastSentTo, sentTo: member.sentTo },
});
app.bot.sender.kick();
process.stdout.write(`${JSON.stringify({ ready: name })}\n`);
