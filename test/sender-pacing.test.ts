// Send pacing (WeChat bans accounts that send too fast) and the saved outbox, on a simulated clock:
// a gap between two sends to one chat, an overall budget per minute, a chat's backlog merged into
// one send, failed sends retried with growing waits while the message stays saved, and notices
// about requests that closed meanwhile dropped unsent.
import { describe, expect, it } from 'vitest';
import { OutboxSender, chatOf, type Pacing } from '../src/bot/sender.ts';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import { silentLogger } from '../src/log.ts';
import type { OutgoingMessage } from '../src/bot/messages.ts';
import type { PendingMessage } from '../src/store/state.ts';
import { createApp, type SceneOverrides } from '../src/app.ts';
import { createTestStore } from './support/test-store.ts';

const T0 = new Date('2022-12-20T08:00:00+08:00');
const room = (topic: string, text: string, mentions: string[] = []): OutgoingMessage => ({ kind: 'room', room: topic, text, mentions });
const dm = (to: string, text: string): OutgoingMessage => ({ kind: 'private', to, text });

/** An OutboxSender over an in-memory outbox; `refuse` makes the transport throw. */
function senderRig(pacing: Pacing, opts: { refuse?: (attempt: number) => boolean; stale?: (m: PendingMessage) => boolean } = {}) {
  const clock = new SimulatedClock(T0);
  let outbox: PendingMessage[] = [];
  let nextId = 1;
  const sent: { ms: number; chat: string; out: OutgoingMessage; ids: readonly number[] }[] = [];
  const attempts: number[] = [];
  const sender = new OutboxSender({
    pending: () => outbox,
    isStale: (m) => opts.stale?.(m) ?? false,
    remove: async (ids) => {
      outbox = outbox.filter((p) => !ids.includes(p.id));
    },
    send: async (out, ids) => {
      const ms = clock.now().getTime() - T0.getTime();
      attempts.push(ms);
      if (opts.refuse?.(attempts.length)) throw new Error('WeChat is not connected');
      sent.push({ ms, chat: chatOf(out), out, ids });
    },
    clock,
    timers: clock,
    log: silentLogger,
    pacing,
  });
  return {
    clock,
    sender,
    sent,
    attempts,
    pending: () => outbox,
    add(out: OutgoingMessage, whileOpen?: string): number {
      const id = nextId++;
      outbox.push({ id, out, at: clock.now().toISOString(), ...(whileOpen ? { whileOpen } : {}) });
      return id;
    },
    async run(ms: number): Promise<void> {
      await sender.drain();
      await clock.advanceTo(new Date(clock.now().getTime() + ms));
    },
  };
}

describe('OutboxSender pacing', () => {
  it('sends two messages to one chat at least perChatMs apart, without holding up other chats', async () => {
    const r = senderRig({ perChatMs: 2_000, perMinute: 100, mergeChars: 0 });
    r.add(room('3号楼群', '第一条'));
    r.add(room('3号楼群', '第二条'));
    r.add(room('3号楼群', '第三条'));
    r.add(dm('邱靓', '私信'));
    await r.run(30_000);
    const toRoom = r.sent.filter((s) => s.chat === 'room:3号楼群');
    expect(toRoom.map((s) => s.out.text)).toEqual(['第一条', '第二条', '第三条']);
    for (let i = 1; i < toRoom.length; i++) expect(toRoom[i]!.ms - toRoom[i - 1]!.ms).toBeGreaterThanOrEqual(2_000);
    // The private message did not wait behind the group's gap.
    expect(r.sent.find((s) => s.chat === 'to:邱靓')!.ms).toBeLessThan(toRoom[1]!.ms);
    expect(r.pending()).toEqual([]);
  });

  it('keeps the overall budget: never more than perMinute sends in any minute', async () => {
    const r = senderRig({ perChatMs: 0, perMinute: 5, mergeChars: 0 });
    for (let i = 1; i <= 12; i++) r.add(dm(`居民${i}`, `第${i}条`));
    await r.run(5 * 60_000);
    expect(r.sent).toHaveLength(12);
    for (const s of r.sent) {
      const inWindow = r.sent.filter((t) => t.ms >= s.ms && t.ms < s.ms + 60_000);
      expect(inWindow.length).toBeLessThanOrEqual(5);
    }
    // The budget paces, it does not drop: the first five go at once, the rest as the minute frees up.
    expect(r.sent.slice(0, 5).every((s) => s.ms === 0)).toBe(true);
    expect(r.sent[5]!.ms).toBeGreaterThanOrEqual(60_000);
  });

  it('merges a chat’s backlog into one send up to mergeChars, keeping every mention and the order', async () => {
    const r = senderRig({ perChatMs: 2_000, perMinute: 100, mergeChars: 50 });
    const a = r.add(room('3号楼群', '甲'.repeat(20), ['陈思雨']));
    const b = r.add(room('3号楼群', '乙'.repeat(20), ['刘建国', '陈思雨']));
    r.add(dm('邱靓', '丙'.repeat(20)));
    const c = r.add(room('3号楼群', '丁'.repeat(20), ['孙桂芝']));
    await r.run(30_000);
    const toRoom = r.sent.filter((s) => s.chat === 'room:3号楼群');
    // 20 + 20 fit in 50; a third would not: two sends, not three.
    expect(toRoom).toHaveLength(2);
    expect(toRoom[0]!.ids).toEqual([a, b]);
    expect(toRoom[0]!.out.text).toBe(`${'甲'.repeat(20)}\n\n${'乙'.repeat(20)}`);
    expect(toRoom[0]!.out.kind === 'room' && toRoom[0]!.out.mentions).toEqual(['陈思雨', '刘建国']);
    expect(toRoom[1]!.ids).toEqual([c]);
    // Another chat's message is never merged in.
    expect(r.sent.find((s) => s.chat === 'to:邱靓')!.out.text).toBe('丙'.repeat(20));
  });

  it('retries a refused send with growing waits, keeping it pending until the transport takes it', async () => {
    const r = senderRig({ perChatMs: 2_000, perMinute: 100, mergeChars: 1_500 }, { refuse: (n) => n <= 4 });
    r.add(room('3号楼群', '【互助转发】3号楼有邻居急需退烧药'));
    await r.sender.drain();
    expect(r.attempts).toEqual([0]);
    expect(r.pending()).toHaveLength(1);
    await r.clock.advanceTo(new Date(T0.getTime() + 10 * 60_000));
    expect(r.attempts).toHaveLength(5);
    const waits = r.attempts.slice(1).map((ms, i) => ms - r.attempts[i]!);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
    expect(r.sent).toHaveLength(1);
    expect(r.pending()).toEqual([]);
  });

  it('drops unsent a notice whose request closed before it could go out', async () => {
    const closed = new Set<string>();
    const r = senderRig({ perChatMs: 2_000, perMinute: 100, mergeChars: 0 }, { stale: (m) => !!m.whileOpen && closed.has(m.whileOpen) });
    r.add(room('楚凤二网格群', '第一条转发'), 'R1');
    r.add(room('楚凤二网格群', '第二条转发'), 'R2');
    await r.sender.drain(); // the first goes; the second waits for the chat's gap
    closed.add('R2');
    await r.run(30_000);
    expect(r.sent.map((s) => s.out.text)).toEqual(['第一条转发']);
    expect(r.pending()).toEqual([]);
  });
});

// ---------------------------------------------------------------- through the whole bot

const B3 = '金象泰小区3号楼群';
const GRID2 = '楚凤二网格群';
const scene: SceneOverrides = {
  rooms: [
    { topic: B3, kind: 'building', building: '3', grid: '楚凤二网格' },
    { topic: GRID2, kind: 'grid', building: null, grid: '楚凤二网格' },
  ],
  people: [{ name: '邱靓', role: 'grid_worker', grid: '楚凤二网格', building: null, unit: null, room: null }],
  roster: [],
};

/** The real bot (config, features, the test store) on a transport that can be down. */
async function flakyBot(start: string, opts: { paced?: boolean } = {}) {
  const clock = new SimulatedClock(new Date(start));
  const store = await createTestStore();
  const delivered: OutgoingMessage[] = [];
  const attempts: Date[] = [];
  let down = false;
  const send = async (out: OutgoingMessage) => {
    attempts.push(clock.now());
    if (down) throw new Error('WeChat is not connected');
    delivered.push(out);
  };
  const app = await createApp({
    configDir: 'config',
    store,
    clock,
    scheduler: clock,
    send,
    log: silentLogger,
    overrides: scene,
    paced: opts.paced ?? false,
  });
  let n = 0;
  const day = start.slice(0, 10);
  const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
  return {
    app,
    store,
    clock,
    delivered,
    attempts,
    setDown: (v: boolean) => void (down = v),
    at,
    async say(from: string, text: string, where: string | null, hhmm: string) {
      await clock.advanceTo(at(hhmm));
      await app.bot.handle({
        id: `m${++n}`,
        text,
        sender: { id: from, name: from, alias: null },
        room: where ? { id: where, topic: where } : null,
        mentionsBot: false,
        quote: null,
        time: clock.now(),
      });
    },
  };
}

describe('the saved outbox, through the bot', () => {
  it('keeps a decided message in the saved state while WeChat refuses it, retries with growing waits, and removes it once sent', async () => {
    const b = await flakyBot('2022-12-18T19:00:00+08:00');
    b.setDown(true);
    await b.say('陈思雨', '急!孩子烧到39度5,谁家有美林', B3, '19:02');
    await b.say('刘建国', '我家有', B3, '19:03');
    const match = (await b.store.saved()).outbox.find((p) => p.out.kind === 'room' && p.out.mentions.includes('刘建国'));
    expect(match?.out.text).toMatch(/有人响应了/);
    await b.clock.advanceTo(b.at('19:05'));
    expect(b.delivered).toEqual([]);
    expect((await b.store.saved()).outbox.map((p) => p.id)).toContain(match!.id);
    const tries = b.attempts.filter((t) => t.getTime() >= b.at('19:03').getTime()).map((t) => t.getTime());
    expect(tries.length).toBeGreaterThanOrEqual(3);
    const waits = tries.slice(1).map((t, i) => t - tries[i]!);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);

    // A restart in the middle loses nothing: the saved outbox is what a new run sends.
    const reloaded = await b.store.load();
    expect(reloaded.outbox.map((p) => p.id)).toContain(match!.id);

    b.setDown(false);
    await b.clock.advanceTo(b.at('19:20'));
    expect(b.delivered.filter((o) => o.text === match!.out.text)).toHaveLength(1);
    expect((await b.store.saved()).outbox).toEqual([]);
  });

  it('never sends the grid group a relay about a request cancelled while WeChat was refusing it', async () => {
    const b = await flakyBot('2022-12-18T21:00:00+08:00');
    await b.say('韩冬梅', '急!老伴烧到39度2,家里退烧药吃完了,哪位邻居有对乙酰氨基酚', B3, '21:05');
    b.setDown(true);
    await b.clock.advanceTo(b.at('21:17'));
    const relay = (await b.store.saved()).outbox.find((p) => p.out.kind === 'room' && p.out.room === GRID2);
    expect(relay?.whileOpen).toBeTruthy(); // decided at 10 minutes, refused since
    await b.say('韩冬梅', '不用了,楼下邻居已经送来了,谢谢大家', B3, '21:18');
    expect(b.app.bot.state.aid.requests[0]!.status).toBe('cancelled');
    b.setDown(false);
    await b.clock.advanceTo(b.at('22:00'));
    expect(b.delivered.filter((o) => o.kind === 'room' && o.room === GRID2)).toEqual([]);
    expect(b.delivered.filter((o) => o.kind === 'private' && o.to === '邱靓')).toEqual([]);
    expect((await b.store.saved()).outbox).toEqual([]);
  });

  it('paces the live way when asked (linli start): a second reply to one chat waits for the configured gap', async () => {
    const b = await flakyBot('2022-12-18T19:00:00+08:00', { paced: true });
    const gapMs = b.app.config.bot.pacing.perChatSeconds * 1000;
    expect(gapMs).toBeGreaterThan(0);
    await b.say('林晓雯', '帮助', null, '19:01');
    await b.say('林晓雯', '求助列表', null, '19:01');
    expect(b.delivered).toHaveLength(1); // the second waits
    await b.clock.advanceTo(b.at('19:02'));
    expect(b.delivered).toHaveLength(2);
    expect(b.attempts[1]!.getTime() - b.attempts[0]!.getTime()).toBeGreaterThanOrEqual(gapMs);
    expect((await b.store.saved()).outbox).toEqual([]);
  });
});
