// Liveness of the live bot: a stalled message stream is noticed by self-pings, restarted once,
// and given up on (exit 1) when the restart fails or does not help; a long logout gives up too.
// The decisions run on a simulated clock; the last part drives real Wechaty on the mock puppet.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Heartbeat, Liveness, isPing, pingText, type HeartbeatDeps, type LivenessConfig } from '../src/adapters/wechaty/heartbeat.ts';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import pino from 'pino';
import { silentLogger } from '../src/log.ts';
import { loadMainConfig } from '../src/config/load.ts';
import { configSchema } from '../src/config/schema.ts';

const MIN = 60_000;
const CONFIG: LivenessConfig = { pingEveryMs: 5 * MIN, stalledAfterMs: 15 * MIN, loggedOutExitMs: 30 * MIN };

describe('Liveness: the decisions', () => {
  it('pings after the configured silence and again every interval while it lasts, never while messages flow', () => {
    const l = new Liveness(CONFIG);
    l.login(0);
    const kinds: string[] = [];
    for (let m = 1; m <= 14; m++) {
      // A message every minute for the first eight minutes, then silence.
      if (m <= 8) l.sign(m * MIN);
      kinds.push(`${m}:${l.check(m * MIN).kind}`);
    }
    expect(kinds.filter((k) => k.endsWith('ping'))).toEqual(['13:ping']);
  });

  it('an echo resets the silence: a healthy quiet night pings every interval and never restarts', () => {
    const l = new Liveness(CONFIG);
    l.login(0);
    const verdicts: string[] = [];
    for (let m = 1; m <= 8 * 60; m++) {
      const v = l.check(m * MIN);
      verdicts.push(v.kind);
      if (v.kind === 'ping') l.sign(m * MIN); // the echo comes back at once
    }
    expect(verdicts).not.toContain('restart');
    expect(verdicts).not.toContain('give-up');
    expect(verdicts.filter((k) => k === 'ping')).toHaveLength(96); // one every 5 minutes of quiet
  });

  it('a stalled stream (pings without echo) restarts once after stalledAfter, then gives up after another stalledAfter', () => {
    const l = new Liveness(CONFIG);
    l.login(0);
    l.sign(2 * MIN); // the last message before the stall
    const at: Record<string, number[]> = {};
    for (let m = 3; m <= 60; m++) {
      const v = l.check(m * MIN);
      (at[v.kind] ??= []).push(m);
      if (v.kind === 'give-up') {
        expect(v.reason).toBe('stalled');
        break;
      }
    }
    expect(at.ping).toEqual([7, 12, 22, 27]);
    expect(at.restart).toEqual([17]); // 15 minutes after the last sign of life
    expect(at['give-up']).toEqual([32]); // 15 minutes after the restart, still nothing
  });

  it('a message after the restart ends the probation: no give-up, and a later stall restarts again', () => {
    const l = new Liveness(CONFIG);
    l.login(0);
    expect(l.check(15 * MIN).kind).toBe('restart');
    // The restarted puppet logs in again and a message arrives.
    l.logout(15 * MIN);
    l.login(16 * MIN);
    expect(l.sign(18 * MIN)).toBe(true);
    expect(l.sign(19 * MIN)).toBe(false);
    const later: string[] = [];
    for (let m = 20; m <= 40; m++) later.push(l.check(m * MIN).kind);
    expect(later).not.toContain('give-up');
    expect(later[later.length - 7]).toBe('restart'); // 34 = 19 + 15
  });

  it('a login alone after the restart is not enough: the stream must carry something', () => {
    const l = new Liveness(CONFIG);
    l.login(0);
    expect(l.check(15 * MIN).kind).toBe('restart');
    l.logout(15 * MIN);
    l.login(16 * MIN);
    const after: string[] = [];
    for (let m = 17; m <= 31; m++) after.push(l.check(m * MIN).kind);
    expect(after.at(-1)).toBe('give-up');
    expect(after.slice(0, -1)).not.toContain('give-up');
  });

  it('logged out: no pings and no stall checks; gives up after the configured time unless logged in again', () => {
    const l = new Liveness(CONFIG);
    l.login(0);
    l.logout(1 * MIN);
    const kinds: string[] = [];
    for (let m = 2; m <= 30; m++) kinds.push(l.check(m * MIN).kind);
    expect(new Set(kinds)).toEqual(new Set(['wait']));
    expect(l.check(31 * MIN)).toEqual({ kind: 'give-up', reason: 'logged-out', forMs: 30 * MIN });

    const back = new Liveness(CONFIG);
    back.login(0);
    back.logout(1 * MIN);
    back.login(29 * MIN);
    for (let m = 30; m <= 40; m++) expect(back.check(m * MIN).kind).not.toBe('give-up');
    // A second logout counts from its own start.
    back.logout(41 * MIN);
    expect(back.check(70 * MIN).kind).toBe('wait');
    expect(back.check(71 * MIN).kind).toBe('give-up');
  });

  it('waits for the first scan for ever, and with loggedOutExit 0 after a logout too; everyMinutes 0 turns stall checks off', () => {
    const never = new Liveness(CONFIG);
    expect(never.check(600 * MIN).kind).toBe('wait');
    const patient = new Liveness({ ...CONFIG, loggedOutExitMs: 0 });
    patient.login(0);
    patient.logout(1 * MIN);
    expect(patient.check(600 * MIN).kind).toBe('wait');
    const off = new Liveness({ ...CONFIG, pingEveryMs: 0 });
    off.login(0);
    expect(off.check(600 * MIN).kind).toBe('wait');
  });
});

/** A heartbeat on a simulated clock whose ping, restart and give-up are recorded. */
function rig(opts: { echo?: () => boolean; restart?: () => Promise<void> } = {}) {
  const clock = new SimulatedClock(new Date('2022-12-21T22:00:00+08:00'));
  const events: string[] = [];
  const notices: string[] = [];
  const ended: { reason: string; message: string }[] = [];
  let hb: Heartbeat;
  const deps: HeartbeatDeps = {
    clock,
    timers: clock,
    log: silentLogger,
    notice: (t) => void notices.push(t),
    ping: async (text) => {
      events.push(`ping ${clock.now().toISOString().slice(11, 16)}`);
      expect(isPing(text)).toBe(true);
      if (opts.echo?.() ?? true) hb.message(true);
    },
    restart: async () => {
      events.push(`restart ${clock.now().toISOString().slice(11, 16)}`);
      await (opts.restart ?? (async () => undefined))();
    },
    giveUp: (reason, message) => void ended.push({ reason, message }),
  };
  hb = new Heartbeat(CONFIG, deps);
  const at = (hhmm: string) => new Date(`2022-12-21T${hhmm}:00+08:00`);
  return { clock, hb, events, notices, ended, at };
}

describe('Heartbeat on a simulated clock', () => {
  it('keeps a quiet but healthy connection alive with pings only', async () => {
    const r = rig();
    r.hb.start();
    r.hb.login();
    await r.clock.advanceTo(r.at('23:00'));
    expect(r.events.filter((e) => e.startsWith('restart'))).toEqual([]);
    expect(r.events.filter((e) => e.startsWith('ping')).length).toBe(12);
    expect(r.ended).toEqual([]);
  });

  it('restarts a stalled stream loudly and, when the restart brings messages back, carries on', async () => {
    let alive = true;
    const r = rig({ echo: () => alive, restart: async () => void (alive = true) });
    r.hb.start();
    r.hb.login();
    await r.clock.advanceTo(r.at('22:10'));
    alive = false; // the sync dies: no more echoes
    await r.clock.advanceTo(r.at('23:30'));
    expect(r.events.filter((e) => e.startsWith('restart'))).toEqual(['restart 14:25']);
    expect(r.notices.join('\n')).toMatch(/收不到任何微信消息[\s\S]*正在重启微信连接/);
    expect(r.notices.join('\n')).toMatch(/微信连接已恢复/);
    expect(r.ended).toEqual([]);
  });

  it('exits when the stream stays stalled after the restart', async () => {
    const r = rig({ echo: () => false });
    r.hb.start();
    r.hb.login();
    await r.clock.advanceTo(r.at('23:30'));
    expect(r.events.filter((e) => e.startsWith('restart'))).toEqual(['restart 14:15']);
    expect(r.ended).toHaveLength(1);
    expect(r.ended[0]!.reason).toBe('stalled');
    expect(r.ended[0]!.message).toMatch(/重启后仍然收不到微信消息/);
    // Given up: nothing more happens.
    const count = r.events.length;
    await r.clock.advanceTo(r.at('23:59'));
    expect(r.events.length).toBe(count);
  });

  it('exits at once when the restart itself fails', async () => {
    const r = rig({
      echo: () => false,
      restart: async () => {
        throw new Error('puppet would not start');
      },
    });
    r.hb.start();
    r.hb.login();
    await r.clock.advanceTo(r.at('22:20'));
    expect(r.ended).toEqual([{ reason: 'restart-failed', message: expect.stringMatching(/重启微信连接失败\(puppet would not start\)/) }]);
  });

  it('exits after a logout nobody answered with a scan', async () => {
    const r = rig();
    r.hb.start();
    r.hb.login();
    await r.clock.advanceTo(r.at('22:03'));
    r.hb.logout();
    await r.clock.advanceTo(r.at('22:32'));
    expect(r.ended).toEqual([]);
    await r.clock.advanceTo(r.at('22:34'));
    expect(r.ended).toEqual([{ reason: 'logged-out', message: expect.stringMatching(/已退出登录 30 分钟[\s\S]*扫码/) }]);
    expect(r.events.filter((e) => e.startsWith('ping') && e > 'ping 14:03')).toEqual([]);
  });
});

describe('the ping text and the config', () => {
  it('is Chinese, marked, and only the marker makes a ping', () => {
    const text = pingText(new Date('2022-12-21T22:05:00+08:00'));
    expect(text).toMatch(/^【邻里心跳】.*请忽略.*2022-12-21 22:05$/);
    expect(isPing(text)).toBe(true);
    expect(isPing('心跳正常吗')).toBe(false);
    expect(isPing(`转发:${text}`)).toBe(false);
  });

  it('has the heartbeat and logout keys in linli.yaml, and refuses a stall window no longer than the ping interval', () => {
    const { bot } = loadMainConfig('config');
    expect(bot.heartbeat).toEqual({ everyMinutes: 5, stalledAfterMinutes: 15 });
    expect(bot.loggedOutExitMinutes).toBe(30);
    const raw = parse(readFileSync('config/linli.yaml', 'utf8')) as { bot: Record<string, unknown> };
    const withHeartbeat = (heartbeat: object) => configSchema.safeParse({ ...raw, bot: { ...raw.bot, heartbeat } });
    expect(withHeartbeat({ everyMinutes: 10, stalledAfterMinutes: 25 }).success).toBe(true);
    expect(withHeartbeat({ everyMinutes: 0, stalledAfterMinutes: 5 }).success).toBe(true);
    const bad = withHeartbeat({ everyMinutes: 10, stalledAfterMinutes: 10 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['bot.heartbeat.stalledAfterMinutes']);
  });
});

// ---------------------------------------------------------------- real Wechaty, mock puppet

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(done: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await wait(5);
  }
}

function collect(into: (text: string) => void): Writable {
  return new Writable({
    write: (chunk, _enc, done) => {
      into(String(chunk));
      done();
    },
  });
}

async function liveOnMock(opts: { healOnRestart: boolean }) {
  const { PuppetMock, mock } = await import('wechaty-puppet-mock');
  const { startLive } = await import('../src/adapters/wechaty/live.ts');
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const me = mocker.createContact({ name: '邻里小助手' });
  const neighbour = mocker.createContact({ name: '李阿姨' });
  // A stalled stream: the puppet stays logged in but no message event reaches Wechaty.
  let stalled = false;
  const emit = puppet.emit.bind(puppet) as (event: string, ...args: unknown[]) => boolean;
  (puppet as unknown as { emit: typeof emit }).emit = (event, ...args) => (event === 'message' && stalled ? false : emit(event, ...args));
  // The restarted puppet logs in again (the memory card), healed or not.
  let restarts = 0;
  puppet.on('start', () => {
    if (++restarts === 1) return;
    if (opts.healOnRestart) stalled = false;
    setTimeout(() => mocker.login(me), 10);
  });
  const clock = new SimulatedClock(new Date());
  const received: string[] = [];
  const notices: string[] = [];
  const logs: { level: number; msg: string }[] = [];
  const log = pino(
    { level: 'info' },
    collect((line) => logs.push(JSON.parse(line))),
  );
  const live = await startLive({
    dataDir: mkdtempSync(join(tmpdir(), 'linli-heartbeat-')),
    puppetInstance: puppet,
    botName: '邻里小助手',
    log,
    notices: collect((line) => notices.push(line)),
    onMessage: async (msg) => void received.push(msg.text),
    heartbeat: { everyMinutes: 5, stalledAfterMinutes: 15 },
    loggedOutExitMinutes: 30,
    clock,
    timers: clock,
  });
  let end: { reason: string; message: string } | null = null;
  void live.ended.then((e) => (end = e));
  const pings: string[] = [];
  puppet.on('message', ({ messageId }) => {
    const text = mocker.cacheMessagePayload.get(messageId)?.text ?? '';
    if (isPing(text)) pings.push(text);
  });
  mocker.login(me);
  await until(() => notices.some((n) => n.includes('已登录')));
  /** Moves the simulated clock minute by minute, letting the mock's events through in between. */
  const minutes = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await clock.advanceTo(new Date(clock.now().getTime() + MIN));
      await wait(15);
    }
  };
  return {
    live,
    puppet,
    neighbour,
    me,
    mocker,
    received,
    notices,
    logs,
    pings,
    minutes,
    stall: () => void (stalled = true),
    get restarts() {
      return restarts - 1;
    },
    get end() {
      return end as { reason: string; message: string } | null;
    },
  };
}

describe('restarting a stalled stream', () => {
  it('reopens the wechat4u sync on the same session when the puppet has one, and falls back to stop and start otherwise', async () => {
    const { sessionRestart } = await import('../src/adapters/wechaty/live.ts');
    const calls: unknown[] = [];
    const inner = {
      restart(this: unknown) {
        calls.push(this);
        return Promise.resolve();
      },
    };
    const resume = sessionRestart({ wechat4u: inner });
    expect(resume).not.toBeNull();
    await resume!();
    expect(calls).toEqual([inner]); // called on wechat4u itself, as its own code does
    const { PuppetMock } = await import('wechaty-puppet-mock');
    expect(sessionRestart(new PuppetMock())).toBeNull();
    expect(sessionRestart({ wechat4u: undefined })).toBeNull();
    expect(sessionRestart(null)).toBeNull();
  });
});

describe('the heartbeat on real Wechaty with the mock puppet', () => {
  it('pings itself when quiet, swallows the echo, restarts a stalled stream and recovers', async () => {
    const w = await liveOnMock({ healOnRestart: true });
    try {
      w.neighbour.say('2号楼有人有退烧药吗').to(w.me);
      await until(() => w.received.length === 1);
      await w.minutes(30);
      expect(w.pings.length).toBeGreaterThanOrEqual(5);
      expect(w.received).toEqual(['2号楼有人有退烧药吗']); // the echoes never reached the bot
      // Nor does a ping that comes back looking like someone else's message (a puppet may show 文件传输助手 as its sender).
      const fileHelper = w.mocker.createContact({ name: '文件传输助手' });
      fileHelper.say(pingText(new Date())).to(w.me);
      w.neighbour.say('3号楼也需要').to(w.me);
      await until(() => w.received.length === 2);
      await wait(20);
      expect(w.received).toEqual(['2号楼有人有退烧药吗', '3号楼也需要']);
      expect(w.restarts).toBe(0);

      w.stall();
      await w.minutes(20);
      expect(w.restarts).toBe(1);
      expect(w.notices.join('')).toMatch(/正在重启微信连接/);
      await w.minutes(10);
      expect(w.notices.join('')).toMatch(/微信连接已恢复/);
      w.neighbour.say('谢谢,已经拿到了').to(w.me);
      await until(() => w.received.length === 3);
      await w.minutes(30);
      expect(w.end).toBeNull();
    } finally {
      await w.live.stop();
    }
  }, 20_000);

  it('ends the run with "stalled" when the restarted puppet still delivers nothing', async () => {
    const w = await liveOnMock({ healOnRestart: false });
    try {
      w.stall();
      await w.minutes(16);
      expect(w.restarts).toBe(1);
      expect(w.end).toBeNull();
      await w.minutes(16);
      expect(w.end).toMatchObject({ reason: 'stalled', message: expect.stringMatching(/重启后仍然收不到微信消息/) });
    } finally {
      await w.live.stop();
    }
  }, 20_000);

  it('is loud about a logout and ends the run with "logged-out" when nobody scans again', async () => {
    const w = await liveOnMock({ healOnRestart: true });
    try {
      await w.puppet.logout('kicked out by the phone');
      await until(() => w.notices.some((n) => n.includes('退出登录')));
      expect(w.notices.join('')).toMatch(/【注意】机器人已退出登录[\s\S]*重新扫码[\s\S]*30 分钟内/);
      expect(w.logs.filter((l) => /logged out/.test(l.msg)).map((l) => l.level)).toEqual([50]); // error level
      await w.minutes(29);
      expect(w.end).toBeNull();
      await w.minutes(2);
      expect(w.end).toMatchObject({ reason: 'logged-out' });
    } finally {
      await w.live.stop();
    }
  }, 20_000);
});
