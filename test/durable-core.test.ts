// The durable core (issue 9) through the whole bot on the fake transport: units of work, the saved
// outbox and its sender, fail-stop saves, catch-up after a restart, recalls.
import { describe, expect, it } from 'vitest';
import { createApp, type SceneOverrides } from '../src/app.ts';
import { FakeTransport } from '../src/adapters/fake/fake-transport.ts';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import { silentLogger } from '../src/log.ts';
import type { OutgoingMessage } from '../src/bot/messages.ts';
import type { BotState } from '../src/store/state.ts';
import { Bot, type Feature } from '../src/bot/bot.ts';
import { Directory } from '../src/bot/directory.ts';
import type { BotServices } from '../src/bot/services.ts';
import { createTestStore, type TestStore } from './support/test-store.ts';

const B1 = '楚凤社区1号楼群';
const G1 = '楚凤一网格群';
const scene: SceneOverrides = {
  rooms: [
    { topic: B1, kind: 'building', building: '1', grid: '楚凤一网格' },
    { topic: G1, kind: 'grid', building: null, grid: '楚凤一网格' },
  ],
  people: [
    { name: '邵婷婷', role: 'grid_worker', grid: '楚凤一网格', building: null, unit: null, room: null },
    { name: '王晓慧', role: 'admin', grid: null, building: null, unit: null, room: null },
  ],
  roster: [{ name: '张柱业', building: '1', room: '502', phone: '13800000000', worker: '邵婷婷', frequency: 'daily', note: '独居' }],
};

interface Run {
  app: Awaited<ReturnType<typeof createApp>>;
  clock: SimulatedClock;
  store: TestStore;
  sent: OutgoingMessage[];
  fatal: unknown[];
  say(from: string, text: string, room: string | null, at: string, extra?: { recalls?: string; id?: string }): Promise<void>;
}

/** A bot on a memory store; `state` starts it from a saved state, as a restart does. */
async function start(
  at: string,
  opts: { state?: BotState; paced?: boolean; send?: (out: OutgoingMessage) => Promise<void>; roster?: boolean } = {},
): Promise<Run> {
  const clock = new SimulatedClock(new Date(at));
  const store = await createTestStore({ state: opts.state });
  const transport = new FakeTransport();
  const fatal: unknown[] = [];
  const app = await createApp({
    configDir: 'config',
    store,
    clock,
    scheduler: clock,
    send: opts.send ?? ((out) => transport.send(out)),
    log: silentLogger,
    overrides: opts.roster === false ? { ...scene, roster: undefined } : scene,
    paced: opts.paced,
    onFatal: (err) => void fatal.push(err),
  });
  await transport.start(async (msg) => void (await app.bot.handle(msg)));
  let n = 0;
  return {
    app,
    clock,
    store,
    sent: transport.sent,
    fatal,
    async say(from, text, room, when, extra = {}) {
      await clock.advanceTo(new Date(when));
      await transport.push({ id: extra.id ?? `m-${++n}-${when}`, from, text, room, time: clock.now(), recalls: extra.recalls ?? null });
    },
  };
}

describe('units of work', () => {
  it('a handler that throws halfway commits nothing and sends nothing', async () => {
    const store = await createTestStore();
    const clock = new SimulatedClock(new Date('2022-12-20T19:00:00+08:00'));
    const sent: OutgoingMessage[] = [];
    const services = { directory: new Directory([], []), clock, log: silentLogger } as unknown as BotServices;
    const bot = new Bot(services, store, await store.load(), clock, { send: async (o) => void sent.push(o), settleSends: true });
    const boom: Feature = {
      name: 'boom',
      install(b) {
        b.on((ctx) => {
          ctx.state.aid.nextId += 100;
          ctx.state.handoffs.push({ id: 'h1', question: '?', asker: '李阿姨', room: null, at: '', digestedAt: null });
          ctx.reply('这句不该发出去');
          throw new Error('halfway');
        });
      },
    };
    bot.use(boom);
    const msg = { id: 'x', text: '爆炸', sender: { id: 'u', name: '李阿姨' }, room: null, mentionsBot: false, time: clock.now() };
    expect(await bot.handle(msg)).toEqual([]);
    expect(bot.state.aid.nextId).toBe(1);
    expect(bot.state.handoffs).toEqual([]);
    expect(store.saves).toBe(0);
    expect(sent).toEqual([]);
  });

  it('writes nothing for a message that changed nothing, and the patches alone rebuild the state', async () => {
    const run = await start('2022-12-20T19:00:00+08:00');
    await run.say('李阿姨', '大家好', B1, '2022-12-20T19:00:30+08:00'); // a first word in the group is noted
    const saves = run.store.saves;
    await run.say('李阿姨', '今天好冷啊', B1, '2022-12-20T19:01:00+08:00');
    expect(run.store.saves).toBe(saves);
    await run.say('陈思雨', '急!孩子烧到39度5,谁家有美林', B1, '2022-12-20T19:02:00+08:00');
    await run.say('刘建国', '我家有', B1, '2022-12-20T19:03:00+08:00');
    await run.clock.advanceTo(new Date('2022-12-21T09:00:00+08:00'));
    expect(run.store.saves).toBeGreaterThan(saves);
    expect(await run.store.saved()).toEqual(run.app.bot.state);
  });
});

describe('fail-stop saves', () => {
  it('sends nothing when the save fails, keeps the last saved state, and works again after', async () => {
    const run = await start('2022-12-20T19:00:00+08:00');
    run.store.failNext = 1;
    await run.say('陈思雨', '急!孩子烧到39度5,谁家有美林', B1, '2022-12-20T19:02:00+08:00');
    expect(run.app.bot.state.aid.requests).toHaveLength(0);
    await run.say('刘建国', '我家有美林', B1, '2022-12-20T19:03:00+08:00');
    expect(run.sent).toEqual([]); // no request was saved: nothing to match, nothing said
    await run.say('陈思雨', '急!孩子烧到39度5,谁家有美林', B1, '2022-12-20T19:04:00+08:00');
    expect(run.app.bot.state.aid.requests).toHaveLength(1);
    expect(run.fatal).toEqual([]);
  });

  it('asks the process to stop after three failed saves in a row', async () => {
    const run = await start('2022-12-20T19:00:00+08:00');
    run.store.failNext = 3;
    for (const [i, t] of ['谁家有布洛芬', '谁家有体温计', '谁家有口罩'].entries())
      await run.say('陈思雨', t, B1, `2022-12-20T19:0${i + 1}:00+08:00`);
    expect(run.fatal).toHaveLength(1);
    expect(run.sent).toEqual([]);
  });
});

describe('the saved outbox', () => {
  it('keeps what was decided and not yet sent in the saved state, and a restart sends it exactly once', async () => {
    // WeChat is down: every send fails, so the match notice waits in the outbox.
    const first = await start('2022-12-20T19:00:00+08:00', { send: async () => Promise.reject(new Error('offline')) });
    await first.say('陈思雨', '谁家有布洛芬', B1, '2022-12-20T19:01:00+08:00');
    await first.say('刘建国', '我家有', B1, '2022-12-20T19:02:00+08:00');
    const saved = await first.store.saved();
    expect(saved.outbox.map((p) => p.out.text).join()).toMatch(/刘建国/);
    first.app.close();

    const second = await start('2022-12-20T19:30:00+08:00', { state: saved });
    await second.app.bot.resumeSending();
    expect(second.sent.filter((o) => o.kind === 'room' && /刘建国/.test(o.text))).toHaveLength(1);
    expect((await second.store.saved()).outbox).toEqual([]);
    await second.app.bot.resumeSending();
    expect(second.sent.filter((o) => o.kind === 'room' && /刘建国/.test(o.text))).toHaveLength(1);
  });

  it('drops a relay about a request that closed before it could go out', async () => {
    const run = await start('2022-12-20T19:00:00+08:00', { send: async () => Promise.reject(new Error('offline')) });
    await run.say('陈思雨', '急!孩子烧到39度5,谁家有美林', B1, '2022-12-20T19:01:00+08:00');
    await run.clock.advanceTo(new Date('2022-12-20T19:25:00+08:00'));
    const relays = run.app.bot.state.outbox.filter((p) => p.whileOpen);
    expect(relays.length).toBeGreaterThan(0); // the grid relay and the worker's alert wait
    await run.say('陈思雨', '不用了,买到了', B1, '2022-12-20T19:26:00+08:00');
    const restarted = await start('2022-12-20T19:30:00+08:00', { state: await run.store.saved() });
    await restarted.app.bot.resumeSending();
    expect(restarted.sent.filter((o) => (o.kind === 'room' ? o.room === G1 : o.to === '邵婷婷'))).toEqual([]);
    expect(restarted.app.bot.state.outbox).toEqual([]);
  });

  it('paces sends to one chat and merges a backlog into one message', async () => {
    const times: { at: number; out: OutgoingMessage }[] = [];
    let clockRef: SimulatedClock | null = null;
    const run = await start('2022-12-20T19:00:00+08:00', {
      paced: true,
      send: async (out) => void times.push({ at: clockRef!.now().getTime(), out }),
    });
    clockRef = run.clock;
    for (const [i, who] of ['陈思雨', '周丽', '吴涛'].entries()) {
      await run.say(who, ['谁家有布洛芬', '谁家有体温计', '谁家有口罩'][i]!, B1, '2022-12-20T19:00:00+08:00');
      await run.say(
        ['刘建国', '孙桂芝', '赵大爷'][i]!,
        ['我家有布洛芬', '我家有体温计', '我家有口罩'][i]!,
        B1,
        '2022-12-20T19:00:00+08:00',
      );
    }
    await run.clock.advanceTo(new Date('2022-12-20T19:01:00+08:00'));
    const toRoom = times.filter((t) => t.out.kind === 'room' && t.out.room === B1);
    for (let i = 1; i < toRoom.length; i++) expect(toRoom[i]!.at - toRoom[i - 1]!.at).toBeGreaterThanOrEqual(2000);
    // Three match notices decided in the same second: the first goes at once, the two behind it together.
    expect(toRoom).toHaveLength(2);
    expect(toRoom[1]!.out.text).toMatch(/孙桂芝[\s\S]*赵大爷/);
    expect(run.app.bot.state.outbox).toEqual([]);
  });
});

describe('catch-up after a restart', () => {
  it('runs the 08:30 briefing once when the bot comes back at 09:10, and not again', async () => {
    const run = await start('2022-12-21T09:10:00+08:00');
    expect(await run.app.bot.catchUp()).toContain('morning-briefing');
    const briefings = run.sent.filter((o) => o.kind === 'private' && o.to === '邵婷婷');
    expect(briefings.length).toBeGreaterThan(0);
    expect(briefings[0]!.text).toMatch(/张柱业/);
    expect(await run.app.bot.catchUp()).not.toContain('morning-briefing');
    expect(run.sent.filter((o) => o.kind === 'private' && o.to === '邵婷婷')).toHaveLength(briefings.length);
  });

  it('does not run a job whose time has not come today, nor yesterday’s', async () => {
    const early = await start('2022-12-21T07:00:00+08:00');
    expect(await early.app.bot.catchUp()).not.toContain('morning-briefing');
    expect(early.sent).toEqual([]);
  });
});

describe('recalls', () => {
  it('cancels a recalled request and tells the helper who answered it', async () => {
    const run = await start('2022-12-20T19:00:00+08:00');
    await run.say('陈思雨', '谁家有布洛芬', B1, '2022-12-20T19:01:00+08:00', { id: 'ask-1' });
    await run.say('刘建国', '我家有', B1, '2022-12-20T19:02:00+08:00');
    const before = run.sent.length;
    await run.say('陈思雨', '', B1, '2022-12-20T19:03:00+08:00', { recalls: 'ask-1' });
    expect(run.app.bot.state.aid.requests[0]!.status).toBe('cancelled');
    const notice = run.sent.slice(before);
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatchObject({ kind: 'room', room: B1, mentions: ['刘建国'] });
  });

  it('takes back a recalled answer: the request waits again and its asker is told', async () => {
    const run = await start('2022-12-20T19:00:00+08:00');
    await run.say('陈思雨', '谁家有布洛芬', B1, '2022-12-20T19:01:00+08:00');
    await run.say('刘建国', '我家有', B1, '2022-12-20T19:02:00+08:00', { id: 'offer-1' });
    expect(run.app.bot.state.aid.requests[0]!.status).toBe('matched');
    const before = run.sent.length;
    await run.say('刘建国', '', B1, '2022-12-20T19:03:00+08:00', { recalls: 'offer-1' });
    const req = run.app.bot.state.aid.requests[0]!;
    expect(req.status).toBe('open');
    expect(req.helper).toBeNull();
    expect(run.sent.slice(before)).toEqual([expect.objectContaining({ kind: 'room', room: B1, mentions: ['陈思雨'] })]);
  });

  it('ignores a recall of a message that asked or offered nothing', async () => {
    const run = await start('2022-12-20T19:00:00+08:00');
    await run.say('李阿姨', '今天好冷', B1, '2022-12-20T19:01:00+08:00', { id: 'chat-1' });
    const saves = run.store.saves;
    await run.say('李阿姨', '', B1, '2022-12-20T19:02:00+08:00', { recalls: 'chat-1' });
    expect(run.sent).toEqual([]);
    expect(run.store.saves).toBe(saves);
  });
});
