// One bot process of a district, in-process: its own store connection, cluster membership,
// fake transport (its WeChat account) and simulated clock, on a shared database.
import { createApp, type App, type SceneOverrides } from '../../src/app.ts';
import { FakeTransport } from '../../src/adapters/fake/fake-transport.ts';
import type { OutgoingMessage } from '../../src/bot/messages.ts';
import { silentLogger } from '../../src/log.ts';
import { SimulatedClock } from '../../src/schedule/simulated.ts';
import { ClusterMember } from '../../src/store/postgres/cluster.ts';
import { sharedDedupeKey } from '../../src/store/postgres/dedupe.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';

export interface Node {
  name: string;
  transport: FakeTransport;
  clock: SimulatedClock;
  store: PostgresStore;
  member: ClusterMember;
  app: App;
  /** A post in a group this account sits in (same id scheme as WeChat: per account). */
  say(from: string, text: string, room: string | null, at: Date, id?: string): Promise<void>;
  /** Picks up others' changes and sends what is now this node's to send. */
  refresh(): Promise<void>;
  /** Dies: no clean shutdown, the lease is left to run out. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

let ids = 0;

export async function startNode(
  url: string,
  name: string,
  chats: string[],
  start: Date,
  scene: SceneOverrides,
  opts: { listen?: boolean; leaseSeconds?: number; failSends?: boolean } = {},
): Promise<Node> {
  const transport = new FakeTransport();
  const clock = new SimulatedClock(start);
  const store = new PostgresStore({ url, process: name });
  let app: App | null = null;
  const member = new ClusterMember(store.pool, name, {
    chats,
    leaseSeconds: opts.leaseSeconds ?? 30,
    heartbeatMs: 60_000,
  });
  await store.migrate();
  await member.join();
  // Always listening (quiet jobs need it); `listen` also wakes the bot on others' commits.
  await store.listen(opts.listen ? () => void app?.bot.refresh() : undefined);
  app = await createApp({
    configDir: 'config',
    store,
    clock,
    scheduler: clock,
    send: (out: OutgoingMessage) => transport.send(out),
    log: silentLogger,
    overrides: scene,
    shared: { dedupeKey: sharedDedupeKey, mayDeliver: member.mayDeliver, lastSentTo: member.lastSentTo, sentTo: member.sentTo },
  });
  const a = app;
  await transport.start(async (msg) => {
    await a.bot.handle(msg);
  });
  await a.bot.resumeSending();
  return {
    name,
    transport,
    clock,
    store,
    member,
    app: a,
    async say(from, text, room, at, id) {
      await clock.advanceTo(at);
      await transport.push({ id: id ?? `${name}-${++ids}`, from, text, room, time: at });
    },
    async refresh() {
      await a.bot.refresh();
    },
    async kill() {
      a.close();
      await member.leave(false);
      await store.close();
    },
    async stop() {
      a.close();
      await member.leave(true);
      await store.close();
    },
  };
}
