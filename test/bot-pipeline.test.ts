// The handler pipeline on its own: order, next(), de-duplication, errors, persist-then-send.
import { describe, expect, it } from 'vitest';
import { Bot, type Feature } from '../src/bot/bot.ts';
import { Directory } from '../src/bot/directory.ts';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import { silentLogger } from '../src/log.ts';
import type { BotServices } from '../src/bot/services.ts';
import type { IncomingMessage, OutgoingMessage } from '../src/bot/messages.ts';
import { createTestStore } from './support/test-store.ts';

async function makeBot(features: Feature[]) {
  const store = await createTestStore();
  const clock = new SimulatedClock(new Date('2022-12-20T08:00:00+08:00'));
  const sent: { out: OutgoingMessage; savesBefore: number }[] = [];
  const services = {
    directory: new Directory([{ topic: '2号楼群', kind: 'building', building: '2', grid: 'g1' }], []),
    clock,
    log: silentLogger,
  } as unknown as BotServices;
  const bot = new Bot(services, store, await store.load(), clock, {
    send: async (out) => {
      sent.push({ out, savesBefore: store.saves });
    },
    settleSends: true,
  });
  for (const f of features) bot.use(f);
  return { bot, store, clock, sent };
}

const msg = (id: string, text: string, room: string | null = '2号楼群'): IncomingMessage => ({
  id,
  text,
  sender: { id: 'u1', name: '李阿姨' },
  room: room ? { id: 'r1', topic: room } : null,
  mentionsBot: false,
  time: new Date('2022-12-20T08:01:00+08:00'),
});

const echo: Feature = {
  name: 'echo',
  help: ['echo'],
  install(bot) {
    bot.on((ctx, next) => (ctx.text.startsWith('echo ') ? ctx.reply(ctx.text.slice(5)) : next()));
  },
};

describe('Bot pipeline', () => {
  it('runs handlers in order until one does not call next', async () => {
    const calls: string[] = [];
    const first: Feature = {
      name: 'first',
      install: (b) =>
        b.on((_c, next) => {
          calls.push('first');
          return next();
        }),
    };
    const { bot } = await makeBot([first, echo]);
    const out = await bot.handle(msg('1', 'echo 你好'));
    expect(calls).toEqual(['first']);
    expect(out).toEqual([{ kind: 'room', room: '2号楼群', text: '你好', mentions: ['李阿姨'] }]);
  });

  it('answers a private message privately', async () => {
    const { bot } = await makeBot([echo]);
    expect(await bot.handle(msg('1', 'echo 在吗', null))).toEqual([{ kind: 'private', to: '李阿姨', text: '在吗', contactId: 'u1' }]);
  });

  it('never handles the same message id twice', async () => {
    const { bot } = await makeBot([echo]);
    await bot.handle(msg('dup', 'echo 一次'));
    expect(await bot.handle(msg('dup', 'echo 一次'))).toEqual([]);
  });

  it('logs a failing handler and carries on with the next message', async () => {
    const boom: Feature = {
      name: 'boom',
      install: (b) => b.on((ctx, next) => (ctx.text === 'boom' ? Promise.reject(new Error('bad')) : next())),
    };
    const { bot } = await makeBot([boom, echo]);
    expect(await bot.handle(msg('1', 'boom'))).toEqual([]);
    expect(await bot.handle(msg('2', 'echo 还活着'))).toHaveLength(1);
  });

  it('saves the state before any reply is sent', async () => {
    const { bot, sent } = await makeBot([echo]);
    await bot.handle(msg('1', 'echo 好'));
    expect(sent[0]!.savesBefore).toBe(1);
  });

  it('runs scheduled jobs on the clock and sends what they say', async () => {
    const job: Feature = {
      name: 'job',
      install: (b) => b.job('hello', '0 9 * * *', (j) => j.outbox.toPerson('邵婷婷', `早上好 ${j.now.toISOString()}`)),
    };
    const { clock, sent } = await makeBot([job]);
    await clock.advanceTo(new Date('2022-12-20T10:00:00+08:00'));
    expect(sent.map((s) => s.out)).toEqual([{ kind: 'private', to: '邵婷婷', text: '早上好 2022-12-20T01:00:00.000Z' }]);
  });

  it('collects help lines from the features', async () => {
    const { bot } = await makeBot([echo]);
    expect(bot.helpLines()).toEqual(['echo']);
  });
});

describe('help', () => {
  it('shows staff lines only to staff', async () => {
    const f: Feature = { name: 'f', help: ['for all'], staffHelp: ['for staff'], install: () => {} };
    const { bot } = await makeBot([f]);
    expect(bot.helpLines(false)).toEqual(['for all']);
    expect(bot.helpLines(true)).toEqual(['for all', 'for staff']);
  });
});

describe('remembering handled message ids', () => {
  it('keeps each unit small once the list of handled ids is full, and still knows recent ids', async () => {
    const { MemoryStore } = await import('../src/store/memory-store.ts');
    const store = new MemoryStore();
    const sizes: number[] = [];
    const recording = Object.assign(Object.create(store) as typeof store, {
      commit: (next: Parameters<typeof store.commit>[0], patches: Parameters<typeof store.commit>[1]) => {
        sizes.push(JSON.stringify(patches).length);
        return store.commit(next, patches);
      },
    });
    const clock = new SimulatedClock(new Date('2022-12-20T08:00:00+08:00'));
    const services = { directory: new Directory([], []), clock, log: silentLogger } as unknown as BotServices;
    const bot = new Bot(services, recording, await store.load(), clock, { send: async () => {}, settleSends: true });
    // Every message changes something, so every message is a unit with its id recorded.
    bot.use({ name: 'count', install: (b) => b.on((ctx) => void (ctx.state.nextCallId += 1)) });
    for (let i = 0; i < 7000; i++) await bot.handle(msg(`m${i}`, '收到'));
    expect(sizes).toHaveLength(7000);
    // Trimming replaces the list now and then; it never rewrites it for every message.
    expect(sizes.filter((s) => s > 2000).length).toBeLessThanOrEqual(2);
    expect(store.saved!.seenMessageIds.length).toBeLessThanOrEqual(6000);
    expect(store.saved!.seenMessageIds.at(-1)).toBe('m6999');
    expect(await bot.handle(msg('m6990', '收到'))).toEqual([]);
    expect(store.saves).toBe(7000);
    // The patches alone rebuild what the bot holds, trims included.
    expect(store.saved).toEqual(bot.state);
  });

  it('records a job run with the change it made, in patches that rebuild the state', async () => {
    const { MemoryStore } = await import('../src/store/memory-store.ts');
    const store = new MemoryStore();
    const clock = new SimulatedClock(new Date('2022-12-20T08:00:00+08:00'));
    const services = { directory: new Directory([], []), clock, log: silentLogger } as unknown as BotServices;
    const bot = new Bot(services, store, await store.load(), clock, { send: async () => {}, settleSends: true });
    let runs = 0;
    // Changes something on its first two runs only: later runs write nothing, not even their time.
    bot.job('tick', '*/10 * * * *', (job) => {
      runs += 1;
      if (runs <= 2) job.state.nextCallId += 1;
    });
    await clock.advanceTo(new Date('2022-12-20T08:45:00+08:00'));
    expect(runs).toBe(4);
    expect(store.saves).toBe(2);
    expect(store.saved!.jobRuns.tick).toBe('2022-12-20T00:20:00.000Z');
    expect(store.saved).toEqual(bot.state);
  });
});
