// Liveness of the live WeChat connection. Wechaty's message stream can stop silently after
// hours (the web protocol's sync dies while the puppet still says it is logged in), so:
// when nothing arrived for a while the bot sends itself a ping and expects its echo (Wechaty's
// puppets emit the bot's own messages as `message` events); when neither a message nor an echo
// came for `stalledAfter`, the puppet is restarted once; still nothing after another
// `stalledAfter`, or a restart that throws, and the process gives up so that its supervisor
// starts it afresh. A logout that lasts `loggedOutExit` gives up too: the fresh process shows a
// new QR code. Time comes from an injected clock and timers, so tests run it on a simulated clock.
import type { Logger } from '../../log.ts';
import type { Clock, Scheduler } from '../../schedule/types.ts';
import { toLocalIso } from '../../domain/time.ts';

/** Every ping starts with this, so its echo is recognised and never handled as a message. */
export const PING_MARKER = '【邻里心跳】';

export function pingText(at: Date): string {
  return `${PING_MARKER}自动检测消息是否收发正常,请忽略。${toLocalIso(at).slice(0, 16).replace('T', ' ')}`;
}

export function isPing(text: string): boolean {
  return text.startsWith(PING_MARKER);
}

export interface LivenessConfig {
  /** Ping after this much silence, and again every this often while it lasts; 0 turns pings and stall checks off. */
  pingEveryMs: number;
  /** No message and no echo for this long: the stream is stalled. */
  stalledAfterMs: number;
  /** Logged out for this long: give up; 0 = wait for a new scan for ever. */
  loggedOutExitMs: number;
}

export type Verdict =
  | { kind: 'wait' }
  | { kind: 'ping' }
  | { kind: 'restart'; silentMs: number }
  | { kind: 'give-up'; reason: 'stalled' | 'logged-out'; forMs: number };

/** The decisions alone, as a state machine over (event, time): no timers, no I/O. */
export class Liveness {
  private loggedIn = false;
  private lastSign = 0;
  private lastPing: number | null = null;
  private restartedAt: number | null = null;
  private loggedOutAt: number | null = null;

  constructor(readonly config: LivenessConfig) {}

  login(now: number): void {
    this.loggedIn = true;
    this.loggedOutAt = null;
    // A fresh login gets a full window; a restart is judged by what arrives after it.
    this.lastSign = now;
    this.lastPing = null;
  }

  logout(now: number): void {
    this.loggedIn = false;
    this.loggedOutAt ??= now;
  }

  /** A message or the echo of a ping arrived. True when it ends a restart's probation. */
  sign(now: number): boolean {
    this.lastSign = now;
    const recovered = this.restartedAt !== null;
    this.restartedAt = null;
    return recovered;
  }

  /** What to do now; a ping or a restart it returns counts as done. */
  check(now: number): Verdict {
    const { pingEveryMs, stalledAfterMs, loggedOutExitMs } = this.config;
    if (!this.loggedIn) {
      if (this.loggedOutAt !== null && loggedOutExitMs > 0 && now - this.loggedOutAt >= loggedOutExitMs) {
        return { kind: 'give-up', reason: 'logged-out', forMs: now - this.loggedOutAt };
      }
      return { kind: 'wait' };
    }
    if (pingEveryMs <= 0) return { kind: 'wait' };
    const silentMs = now - Math.max(this.lastSign, this.restartedAt ?? 0);
    if (silentMs >= stalledAfterMs) {
      if (this.restartedAt !== null) return { kind: 'give-up', reason: 'stalled', forMs: now - this.lastSign };
      this.restartedAt = now;
      this.lastPing = null;
      return { kind: 'restart', silentMs };
    }
    if (silentMs >= pingEveryMs && (this.lastPing === null || now - this.lastPing >= pingEveryMs)) {
      this.lastPing = now;
      return { kind: 'ping' };
    }
    return { kind: 'wait' };
  }
}

export interface HeartbeatDeps {
  clock: Clock;
  timers: Pick<Scheduler, 'at'>;
  log: Logger;
  /** Human-readable lines (stderr). */
  notice(text: string): void;
  ping(text: string): Promise<void>;
  /** Restarts the puppet; throws when it cannot. */
  restart(): Promise<void>;
  /** The connection is beyond repair in this process: it should end, non-zero. */
  giveUp(reason: 'stalled' | 'logged-out' | 'restart-failed', message: string): void;
}

/** How often the verdict is asked for. */
const CHECK_EVERY_MS = 60_000;
const minutes = (ms: number): number => Math.round(ms / 60_000);

/** Drives Liveness on timers and carries out its verdicts. */
export class Heartbeat {
  readonly liveness: Liveness;
  private cancel: (() => void) | null = null;
  private busy = false;
  private stopped = false;

  constructor(
    config: LivenessConfig,
    private readonly deps: HeartbeatDeps,
  ) {
    this.liveness = new Liveness(config);
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = null;
  }

  login(): void {
    this.liveness.login(this.now());
  }

  logout(): void {
    this.liveness.logout(this.now());
  }

  /** Any message event, the bot's own ones included. */
  message(echo: boolean): void {
    if (echo) this.deps.log.debug('heartbeat: ping echoed');
    if (this.liveness.sign(this.now())) {
      this.deps.log.info('heartbeat: messages arrive again after the restart');
      this.deps.notice('微信连接已恢复,消息收发正常。');
    }
  }

  /** One check now (the timers call it; tests may too). */
  async check(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      await this.act(this.liveness.check(this.now()));
    } finally {
      this.busy = false;
    }
  }

  private async act(verdict: Verdict): Promise<void> {
    const { log, notice } = this.deps;
    switch (verdict.kind) {
      case 'wait':
        return;
      case 'ping':
        try {
          await this.deps.ping(pingText(this.deps.clock.now()));
          log.debug('heartbeat: ping sent');
        } catch (err) {
          // No echo will come: the stall check decides, this is only a clue.
          log.warn({ err }, 'heartbeat: the ping could not be sent');
        }
        return;
      case 'restart': {
        log.error(
          { silentMinutes: minutes(verdict.silentMs) },
          'heartbeat: no message and no ping echo; the message stream has stalled; restarting the puppet',
        );
        notice(
          `已有 ${minutes(verdict.silentMs)} 分钟收不到任何微信消息(自检消息也没有回来),正在重启微信连接……如出现二维码,请用机器人的微信重新扫码。`,
        );
        try {
          await this.deps.restart();
          log.warn('heartbeat: puppet restarted; waiting for messages');
        } catch (err) {
          log.error({ err }, 'heartbeat: the puppet could not be restarted; giving up');
          this.end(
            'restart-failed',
            `重启微信连接失败(${err instanceof Error ? err.message : String(err)}),程序退出,由进程管理器重新启动。`,
          );
        }
        return;
      }
      case 'give-up':
        if (verdict.reason === 'stalled') {
          log.error({ silentMinutes: minutes(verdict.forMs) }, 'heartbeat: still no messages after the restart; giving up');
          this.end('stalled', `重启后仍然收不到微信消息(已 ${minutes(verdict.forMs)} 分钟),程序退出,由进程管理器重新启动。`);
        } else {
          log.error(
            { loggedOutMinutes: minutes(verdict.forMs) },
            'logged out too long; giving up so that a fresh start shows a new QR code',
          );
          this.end(
            'logged-out',
            `机器人已退出登录 ${minutes(verdict.forMs)} 分钟,无人重新扫码,程序退出;进程管理器重启后会显示新的二维码,请用机器人的微信扫码。`,
          );
        }
        return;
    }
  }

  private end(reason: 'stalled' | 'logged-out' | 'restart-failed', message: string): void {
    this.stop();
    this.deps.giveUp(reason, message);
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.cancel = this.deps.timers.at(new Date(this.now() + CHECK_EVERY_MS), async () => {
      this.cancel = null;
      await this.check();
      this.schedule();
    });
  }
}
