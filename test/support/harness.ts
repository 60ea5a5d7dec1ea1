// A bot on the fake transport, the in-memory store and a simulated clock: what most
// behaviour tests drive.
import { createApp, type SceneOverrides } from '../../src/app.ts';
import { FakeTransport } from '../../src/adapters/fake/fake-transport.ts';
import type { StateStore } from '../../src/store/types.ts';
import { createTestStore } from './test-store.ts';
import { SimulatedClock } from '../../src/schedule/simulated.ts';
import { silentLogger } from '../../src/log.ts';
import type { OutgoingMessage } from '../../src/bot/messages.ts';

export interface Harness {
  transport: FakeTransport;
  store: StateStore;
  clock: SimulatedClock;
  app: Awaited<ReturnType<typeof createApp>>;
  /** Say something at a Shanghai time ('19:02' on the start date, or a full ISO time). */
  say(
    from: string,
    text: string,
    where: { room?: string; dm?: true; at?: string; mentionsBot?: boolean; quote?: string; alias?: string },
  ): Promise<OutgoingMessage[]>;
  /** Move the clock; returns what scheduled jobs sent on the way. */
  advance(to: string): Promise<OutgoingMessage[]>;
}

export async function createHarness(start: string, overrides: SceneOverrides = {}, configDir = 'config'): Promise<Harness> {
  const transport = new FakeTransport();
  const store = await createTestStore();
  const clock = new SimulatedClock(new Date(start));
  const app = await createApp({
    configDir,
    store,
    clock,
    scheduler: clock,
    send: (out) => transport.send(out),
    log: silentLogger,
    overrides,
  });
  await transport.start(async (msg) => {
    await app.bot.handle(msg);
  });
  const day = start.slice(0, 10);
  const toDate = (at: string): Date => new Date(at.length <= 5 ? `${day}T${at}:00+08:00` : at);
  return {
    transport,
    store,
    clock,
    app,
    async say(from, text, where) {
      if (where.at) await clock.advanceTo(toDate(where.at));
      const before = transport.sent.length;
      await transport.push({
        from,
        text,
        room: where.room ?? null,
        time: clock.now(),
        mentionsBot: where.mentionsBot ?? false,
        quote: where.quote ?? null,
        sender: { id: from, name: from, alias: where.alias ?? null },
      });
      return transport.sent.slice(before);
    },
    async advance(to) {
      const before = transport.sent.length;
      await clock.advanceTo(toDate(to));
      return transport.sent.slice(before);
    },
  };
}
