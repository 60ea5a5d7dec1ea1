// The sender when the store refuses to record what was sent (found by the liveness work).
import { expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { OutboxSender, UNPACED } from '../src/bot/sender.ts';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import { silentLogger } from '../src/log.ts';
import type { OutgoingMessage } from '../src/bot/messages.ts';
import type { PendingMessage } from '../src/store/state.ts';
import { createTestStore } from './support/test-store.ts';

it('a message the transport confirmed is not sent again when recording that fails once', async () => {
  const clock = new SimulatedClock(new Date('2022-12-18T21:00:00+08:00'));
  const store = await createTestStore();
  const delivered: OutgoingMessage[] = [];
  const app = await createApp({
    configDir: 'config',
    store,
    clock,
    scheduler: clock,
    log: silentLogger,
    overrides: { rooms: [], people: [], roster: [] },
    send: async (out) => {
      delivered.push(out);
      if (delivered.length === 1) store.failNext = 1; // the disk hiccups just as the send is recorded
    },
  });
  await app.bot.handle({
    id: 'm1',
    text: '帮助',
    sender: { id: 'a', name: '李阿姨', alias: null },
    room: null,
    mentionsBot: false,
    quote: null,
    time: clock.now(),
  });
  await clock.advanceTo(new Date('2022-12-18T21:05:00+08:00'));
  expect(delivered).toHaveLength(1);
});

it('a store that will not record a removal does not spin the sender', async () => {
  const clock = new SimulatedClock(new Date('2022-12-18T21:00:00+08:00'));
  const outbox: PendingMessage[] = [
    { id: 1, out: { kind: 'room', room: '楚凤二网格群', text: '转发', mentions: [] }, at: clock.now().toISOString(), whileOpen: 'R1' },
  ];
  let removals = 0;
  const sender = new OutboxSender({
    pending: () => outbox,
    isStale: () => true,
    // The disk is gone: every removal fails (as Bot.removeFromOutbox does when its commit fails).
    remove: async () => {
      removals += 1;
      if (removals >= 1000) outbox.length = 0; // end a runaway loop, so a failure shows as a count
      throw new Error('disk gone');
    },
    send: async () => undefined,
    clock,
    timers: clock,
    log: silentLogger,
    pacing: UNPACED,
  });
  await sender.drain();
  expect(removals).toBeLessThan(10);
});
