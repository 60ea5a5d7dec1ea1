// The live WeChat connection: builds Wechaty (puppet from WECHATY_PUPPET, default
// wechaty-puppet-wechat4u), draws the login QR code, logs login/logout/errors, and gives up
// with one clear message when WeChat cannot be reached before the first login. A heartbeat
// (heartbeat.ts) restarts a stalled message stream and ends the run when that does not help or
// when nobody scans again after a logout: a supervisor (systemd, pm2) then starts it afresh.
//
// Wechaty (≈ 2.6 s to load) and the transport are imported inside startLive only, so that
// importing this file (tests, other commands) stays cheap.
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Wechaty } from 'wechaty';
import type { IncomingMessage, OutgoingMessage } from '../../bot/messages.ts';
import type { Logger } from '../../log.ts';
import type { StaffAddress } from './staff-address.ts';
import type { Clock, Scheduler } from '../../schedule/types.ts';
import { CronScheduler, systemClock } from '../../schedule/cron-scheduler.ts';
import { Heartbeat, isPing } from './heartbeat.ts';

export const DEFAULT_PUPPET = 'wechaty-puppet-wechat4u';
const WECHAT4U_LOGIN_HOST = 'login.wx.qq.com';
/** On the web protocol pings go to 文件传输助手, as wechat4u's own keep-alive did. */
const FILE_HELPER = 'filehelper';
/** Each half of a puppet restart (stop, start) gets this long. */
const RESTART_STEP_MS = 60_000;
/** wechat4u's own restart waits 60 s once after a network error before its last try. */
const SESSION_RESTART_MS = 90_000;

export interface LiveOptions {
  /** The memory card (login session) is kept as <dataDir>/linli.memory-card.json. */
  dataDir: string;
  /** Puppet module name; Wechaty and the puppet read their own env (WECHATY_PUPPET_SERVICE_TOKEN ...). */
  puppet?: string;
  /** An already built puppet instead (e.g. PuppetMock with a Mocker, to try the wiring offline). */
  puppetInstance?: unknown;
  /** The configured bot name; replaced by the account's real name once logged in. */
  botName: string;
  log: Logger;
  onMessage(msg: IncomingMessage): Promise<void>;
  /** A group was renamed (its binding follows). */
  onRoomTopic?(room: { id: string; topic: string }): Promise<void>;
  /** The enrolled staff member the bot calls a name: reached by remark or id, never by display name. */
  staffAddress?: (name: string) => StaffAddress | null;
  onLogin?(name: string): void;
  onLogout?(): void;
  /** Where the QR code and human-readable notices go (stderr). */
  notices?: Writable;
  /** Ignore messages dated more than this before start-up (backlog). */
  backlogMinutes?: number;
  /** Give up when network errors persist this long before the first login. */
  offlineGiveUpMs?: number;
  /** Self-ping and stall handling (config bot.heartbeat); absent or everyMinutes 0 = off. */
  heartbeat?: { everyMinutes: number; stalledAfterMinutes: number };
  /** End the run after this many minutes logged out (config bot.loggedOutExitMinutes); 0 or absent = never. */
  loggedOutExitMinutes?: number;
  /** The heartbeat's time (tests: a simulated clock); real time when absent. */
  clock?: Clock;
  timers?: Pick<Scheduler, 'at'>;
}

export type LiveEnd = { reason: 'offline' | 'failed' | 'stalled' | 'logged-out'; message: string };

export interface LiveBot {
  send(out: OutgoingMessage): Promise<void>;
  /** The chats this account sits in ('room:<topic>', 'to:<friend>'), for a shared store's registry. */
  chats(): Promise<string[]>;
  /** Settles only when the connection gives up for good (e.g. no network at start-up). */
  readonly ended: Promise<LiveEnd>;
  stop(): Promise<void>;
}

const NETWORK_CODES = /\b(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|ENETUNREACH|EHOSTUNREACH|ESOCKETTIMEDOUT)\b/;

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}

export function isNetworkError(err: unknown): boolean {
  const code = err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
  return NETWORK_CODES.test(`${code} ${errorText(err)}`);
}

/** The host a network error names ("getaddrinfo ENOTFOUND login.wx.qq.com"), if any. */
export function failingHost(err: unknown): string | null {
  const m = /\b(?:ENOTFOUND|EAI_AGAIN)\s+([\w.-]+)|\bconnect\s+E[A-Z]+\s+([\w.:[\]-]+)/.exec(errorText(err));
  return m ? (m[1] ?? m[2] ?? null) : null;
}

export function offlineMessage(err: unknown, puppet: string): string {
  const host = failingHost(err) ?? (puppet === DEFAULT_PUPPET ? WECHAT4U_LOGIN_HOST : puppet);
  return `无法连接微信服务器(${host}):请检查网络后重试。(${errorText(err)})`;
}

/**
 * Decides when network errors before the first login mean "offline": wechat4u retries every
 * few seconds in bursts, so count time since the first error, not single errors.
 */
export class OfflineDetector {
  private firstAt: number | null = null;
  private count = 0;
  private loggedInOnce = false;

  constructor(
    private readonly giveUpAfterMs = 10_000,
    private readonly maxErrors = 40,
  ) {}

  /** A QR code arrived: the server was reached. */
  reachedServer(): void {
    this.firstAt = null;
    this.count = 0;
  }

  loggedIn(): void {
    this.loggedInOnce = true;
  }

  get hasLoggedIn(): boolean {
    return this.loggedInOnce;
  }

  /** True when it is time to give up. After the first login, never (the puppet reconnects). */
  networkError(at: number): boolean {
    if (this.loggedInOnce) return false;
    this.firstAt ??= at;
    this.count += 1;
    return at - this.firstAt >= this.giveUpAfterMs || this.count >= this.maxErrors;
  }
}

/** Logs the same warning at most once a minute, so a reconnect loop cannot flood the log. */
function rateLimited(log: Logger, windowMs = 60_000): (text: string, fields?: object) => void {
  const last = new Map<string, number>();
  return (text, fields = {}) => {
    const now = Date.now();
    if ((last.get(text) ?? 0) + windowMs > now) return;
    last.set(text, now);
    log.warn({ ...fields, error: text }, 'wechaty error');
  };
}

interface QrTerminal {
  generate(text: string, opts: { small: boolean }, cb: (qr: string) => void): void;
}

export async function startLive(opts: LiveOptions): Promise<LiveBot> {
  const { log } = opts;
  const notices = opts.notices ?? process.stderr;
  const notice = (text: string): void => void notices.write(`${text}\n`);
  const puppet = opts.puppet ?? DEFAULT_PUPPET;

  const [{ WechatyBuilder, ScanStatus, qrcodeValueToImageUrl }, { WechatyTransport }] = await Promise.all([
    import('wechaty'),
    import('./wechaty-transport.ts'),
  ]);
  const qrModule = 'qrcode-terminal';
  const qr = ((await import(qrModule)) as { default: QrTerminal }).default;

  let stopping = false;
  let settle: (end: LiveEnd) => void = () => {};
  const ended = new Promise<LiveEnd>((resolve) => {
    settle = (end) => {
      if (stopping) return;
      stopping = true;
      resolve(end);
    };
  });

  // wechat4u installs process.on('uncaughtException', console.log) when the puppet loads:
  // crashes are logged to stdout and never fatal. Keep that choice (one bad message must not
  // stop the bot) but make it explicit and send it to the log; stay quiet while shutting down.
  const onCrash = (err: unknown): void => {
    if (stopping) log.debug({ err }, 'error while shutting down');
    else log.error({ err }, 'uncaught error in the WeChat connection; still running');
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const dropForeignCrashHandlers = (): void => {
    // Only a puppet loaded here installed one; a given instance leaves the caller's alone.
    if (opts.puppetInstance) return;
    for (const l of process.listeners('uncaughtException')) if (l !== onCrash) process.off('uncaughtException', l);
  };

  const bot: Wechaty = WechatyBuilder.build({
    name: join(opts.dataDir, 'linli'),
    // Any installed puppet module name, as WECHATY_PUPPET allows (not only the official list).
    puppet: (opts.puppetInstance ?? puppet) as never,
  });
  const transportOpts = {
    botName: opts.botName,
    log,
    skipBefore: new Date(Date.now() - (opts.backlogMinutes ?? 3) * 60_000),
    ...(opts.staffAddress ? { staffAddress: opts.staffAddress } : {}),
  };
  const transport = new WechatyTransport(bot, transportOpts);
  const offline = new OfflineDetector(opts.offlineGiveUpMs);
  const warnOnce = rateLimited(log);

  // Looked up once per login: a failed lookup makes Wechaty emit an error each time.
  let fileHelper: Promise<Awaited<ReturnType<typeof bot.Contact.find>>> | null = null;
  const pingTarget = async () => {
    if (!opts.puppetInstance && puppet === DEFAULT_PUPPET) {
      fileHelper ??= bot.Contact.find({ id: FILE_HELPER }).catch(() => undefined);
      const helper = await fileHelper;
      if (helper) return helper;
    }
    return bot.currentUser;
  };
  const heartbeat = new Heartbeat(
    {
      pingEveryMs: (opts.heartbeat?.everyMinutes ?? 0) * 60_000,
      stalledAfterMs: (opts.heartbeat?.stalledAfterMinutes ?? 0) * 60_000,
      loggedOutExitMs: (opts.loggedOutExitMinutes ?? 0) * 60_000,
    },
    {
      clock: opts.clock ?? systemClock,
      // Its own timers: the app's scheduler stops while logged out, the heartbeat must not.
      timers: opts.timers ?? new CronScheduler((_job, err) => log.error({ err }, 'heartbeat check failed')),
      log,
      notice,
      ping: async (text) => {
        await (await pingTarget()).say(text);
      },
      restart: async () => {
        const resume = sessionRestart(bot.puppet);
        if (resume) {
          log.warn('heartbeat: restarting the wechat4u message sync on the same session');
          await orTimeout(resume(), SESSION_RESTART_MS, 'restarting the wechat4u sync');
          return;
        }
        await orTimeout(bot.stop(), RESTART_STEP_MS, 'stopping Wechaty');
        await orTimeout(bot.start(), RESTART_STEP_MS, 'starting Wechaty');
      },
      giveUp: (reason, message) => settle({ reason: reason === 'logged-out' ? 'logged-out' : 'stalled', message }),
    },
  );
  // Every message event is a sign of life, the bot's own echoes included (the transport drops those).
  bot.on('message', (message) => {
    let echo = false;
    try {
      echo = message.self() && isPing(message.text());
    } catch {
      // a message whose payload is gone still shows the stream is alive
    }
    heartbeat.message(echo);
  });

  bot.on('scan', (qrcode: string, status: number) => {
    offline.reachedServer();
    if ((status === ScanStatus.Waiting || status === ScanStatus.Timeout) && qrcode) {
      qr.generate(qrcode, { small: true }, (drawn) => {
        notice(`请用机器人的微信扫码登录:\n${drawn}`);
        notice(`二维码链接:${qrcode}\n也可在浏览器中打开:${qrcodeValueToImageUrl(qrcode)}`);
      });
    } else if (status === ScanStatus.Scanned) {
      notice('已扫码,请在手机上确认登录');
    }
    log.debug({ status: ScanStatus[status] }, 'scan');
  });

  bot.on('login', (user) => {
    offline.loggedIn();
    const name = user.name();
    if (name && name !== opts.botName) {
      log.warn(
        { configured: opts.botName, account: name },
        'bot.name in linli.yaml differs from the WeChat account name; using the account name for @-mentions',
      );
      transportOpts.botName = name;
    }
    notice(`已登录:${name}`);
    log.info({ name }, 'logged in');
    heartbeat.login();
    opts.onLogin?.(name);
  });

  bot.on('logout', (user, reason) => {
    // Loud: while logged out nothing is received or sent, and only a person can scan again.
    const exitIn = opts.loggedOutExitMinutes ?? 0;
    notice(
      `【注意】机器人已退出登录:${user.name()}${reason ? `(${reason})` : ''}。现在收不到也发不出消息,` +
        `请尽快用机器人的微信重新扫码登录(二维码会显示在这里)。` +
        (exitIn > 0 ? `${exitIn} 分钟内没有重新登录,程序将退出,由进程管理器重启后显示新的二维码。` : ''),
    );
    log.error(
      { name: user.name(), reason, exitInMinutes: exitIn || null },
      'logged out: nothing is received or sent until the QR code is scanned again',
    );
    heartbeat.logout();
    fileHelper = null;
    opts.onLogout?.();
  });

  bot.on('error', (err) => {
    if (stopping) return;
    // Before the first login, network errors are counted quietly: either WeChat is reached
    // (a QR code comes) or the run ends with one clear message.
    if (!offline.hasLoggedIn && isNetworkError(err)) {
      log.debug({ error: errorText(err) }, 'network error before login');
      if (offline.networkError(Date.now())) settle({ reason: 'offline', message: offlineMessage(err, puppet) });
      return;
    }
    warnOnce(errorText(err));
  });

  await transport.start(opts.onMessage, opts.onRoomTopic ? { onRoomTopic: opts.onRoomTopic } : {});
  notice(`正在连接微信(${opts.puppetInstance ? '自定义 puppet' : puppet})……`);
  try {
    await bot.start();
  } catch (err) {
    settle({ reason: 'failed', message: `无法启动微信连接(${puppet}):${errorText(err)}` });
  }
  dropForeignCrashHandlers();
  heartbeat.start();

  return {
    ended,
    send: async (out) => void (await transport.send(out)),
    async chats() {
      const rooms = await bot.Room.findAll();
      const friends = (await bot.Contact.findAll()).filter((c) => c.friend());
      return [...rooms.map((r) => `room:${r.payload?.topic ?? ''}`), ...friends.map((c) => `to:${c.name()}`)];
    },
    async stop() {
      stopping = true;
      heartbeat.stop();
      await withTimeout(transport.stop(), 5_000);
      await withTimeout(bot.stop(), 5_000).catch((err) => log.debug({ err }, 'wechaty stop failed'));
      // wechat4u's logout listener still throws after its stop (it restarts a client it just
      // dropped): keep catching until the process exits. A given puppet leaves the process as it was.
      if (opts.puppetInstance) {
        process.off('uncaughtException', onCrash);
        process.off('unhandledRejection', onCrash);
      }
    },
  };
}

/**
 * How to restart a stalled stream without losing the login, when the puppet can: wechat4u
 * re-opens its message sync on the same session (what it does itself after sync errors).
 * Wechaty's own restart (stop, then start; puppet.reset() does the same) logs a wechat4u
 * account out (webwxlogout, and the puppet drops the saved session), so it needs a new scan.
 */
export function sessionRestart(puppet: unknown): (() => Promise<void>) | null {
  const inner = (puppet as { wechat4u?: { restart?: unknown } } | null | undefined)?.wechat4u;
  const restart = inner?.restart;
  if (typeof restart !== 'function') return null;
  return async () => {
    await restart.call(inner);
  };
}

/** Like withTimeout, but a step that takes too long is an error. */
async function orTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
