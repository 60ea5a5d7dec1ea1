// The outbox sender: sends what the bot decided, apart from message handling, so a slow or
// throttled WeChat never holds up the next message. Messages wait in the saved state until
// the transport confirms them; pacing is per chat (WeChat bans accounts that send too fast)
// with an overall budget per minute; a chat's backlog goes out merged into one message;
// failures are retried with backoff; a notice about a request that has since closed is
// dropped unsent.
import type { Logger } from '../log.ts';
import type { Clock, Scheduler } from '../schedule/types.ts';
import type { OutgoingMessage } from './messages.ts';
import type { PendingMessage } from '../store/state.ts';

export interface Pacing {
  /** Least time between two sends to one chat (ms); 0 sends at once. */
  perChatMs: number;
  /** Most sends in any minute, over all chats. */
  perMinute: number;
  /** A chat's waiting messages are merged into one send up to this many characters. */
  mergeChars: number;
}

/** Tests, the console and plain replay: everything at once, in order, never merged. */
export const UNPACED: Pacing = { perChatMs: 0, perMinute: Number.POSITIVE_INFINITY, mergeChars: 0 };
/** Live defaults (config `bot.pacing` overrides). */
export const LIVE_PACING: Pacing = { perChatMs: 2_000, perMinute: 20, mergeChars: 1_500 };

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;
/** A message the transport refused this many times is given up, loudly. */
const MAX_ATTEMPTS = 8;

export interface SenderDeps {
  /** The saved outbox, oldest first. */
  pending(): readonly PendingMessage[];
  /** True when the message is about something that no longer needs it. */
  isStale(message: PendingMessage): boolean;
  /** Removes messages from the saved outbox (sent, given up or stale); one unit of work. */
  remove(ids: number[]): Promise<void>;
  /** Delivers one message; `ids` are the outbox messages it carries (a transport that can tell may skip ones it has already delivered). */
  send(out: OutgoingMessage, ids: readonly number[]): Promise<void>;
  clock: Clock;
  timers: Pick<Scheduler, 'at'>;
  log: Logger;
  pacing: Pacing;
  /** When this chat was last sent to by any process (a shared store); the local record otherwise. */
  lastSentTo?: (chat: string) => number | undefined;
  /** Tells the shared store a chat was sent to. */
  sentTo?: (chat: string, at: number) => void;
}

// A reply pinned to one contact is its own chat: never merged into a same-named staff member's messages.
export const chatOf = (out: OutgoingMessage): string =>
  out.kind === 'room' ? `room:${out.room}` : out.contactId ? `to:${out.to}#${out.contactId}` : `to:${out.to}`;

/** Several messages to one chat as one: texts one after another, every mention kept. */
export function merge(outs: OutgoingMessage[]): OutgoingMessage {
  const first = outs[0]!;
  const text = outs.map((o) => o.text).join('\n\n');
  if (first.kind === 'private') return { ...first, text };
  const mentions = [...new Set(outs.flatMap((o) => (o.kind === 'room' ? o.mentions : [])))];
  return { ...first, text, mentions };
}

export class OutboxSender {
  private readonly lastToChat = new Map<string, number>();
  private readonly sentAt: number[] = [];
  private readonly retries = new Map<number, { attempts: number; nextAt: number }>();
  /** Sent (or dropped) but not yet taken off the saved outbox: never sent again by this process. */
  private readonly done = new Set<number>();
  private recordAgainAt = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private cancelTimer: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly deps: SenderDeps) {}

  /** Starts a pass in the background (live): errors are logged, never thrown. */
  kick(): void {
    void this.drain().catch((err) => this.deps.log.error({ err }, 'outbox sender failed'));
  }

  /** Sends everything that may go now; resolves when done (tests, console, replay). */
  async drain(): Promise<void> {
    if (this.stopped) return;
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private async pass(): Promise<void> {
    const { deps } = this;
    while (!this.stopped) {
      const now = deps.clock.now().getTime();
      const saved = deps.pending();
      for (const id of this.done) if (!saved.some((p) => p.id === id)) this.done.delete(id);
      // What went out but could not be recorded yet: record it again, after a pause when that fails.
      if (this.done.size > 0 && now >= this.recordAgainAt) {
        if (!(await this.record([...this.done], now))) return this.wakeAt(saved, now);
        continue; // the saved outbox has changed: read it again
      }
      const pending = saved.filter((p) => !this.done.has(p.id));
      const stale = pending.filter((p) => deps.isStale(p));
      if (stale.length) {
        const ids = stale.map((p) => p.id);
        deps.log.info({ ids }, 'outbox: dropped notices about requests that have closed');
        for (const id of ids) this.done.add(id);
        if (!(await this.record(ids, now))) return this.wakeAt(saved, now);
        continue;
      }
      const next = pending.find((p) => this.readyAt(p, now) <= now);
      if (!next) {
        this.wakeAt(saved, now);
        return;
      }
      const batch = this.batchFor(next, pending);
      await this.sendBatch(batch, now);
    }
  }

  /** The first message and the others to its chat waiting behind it, merged when pacing allows. */
  private batchFor(first: PendingMessage, pending: readonly PendingMessage[]): PendingMessage[] {
    const { mergeChars } = this.deps.pacing;
    if (mergeChars <= 0) return [first];
    const chat = chatOf(first.out);
    const batch = [first];
    let length = first.out.text.length;
    for (const p of pending) {
      if (p === first || chatOf(p.out) !== chat || this.retries.has(p.id)) continue;
      if (length + p.out.text.length > mergeChars) break;
      batch.push(p);
      length += p.out.text.length;
    }
    return batch;
  }

  private async sendBatch(batch: PendingMessage[], now: number): Promise<void> {
    const { deps } = this;
    const ids = batch.map((p) => p.id);
    try {
      await deps.send(merge(batch.map((p) => p.out)), ids);
    } catch (err) {
      const first = batch[0]!;
      const attempts = (this.retries.get(first.id)?.attempts ?? 0) + 1;
      if (attempts >= MAX_ATTEMPTS) {
        deps.log.error({ err, ids, chat: chatOf(first.out), attempts }, 'outbox: giving up on a message the transport keeps refusing');
        for (const id of ids) {
          this.retries.delete(id);
          this.done.add(id);
        }
        await this.record(ids, now);
        return;
      }
      const wait = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempts - 1));
      deps.log.warn({ err, ids, attempts, retryInMs: wait }, 'outbox: sending failed; will retry');
      for (const id of ids) this.retries.set(id, { attempts, nextAt: now + wait });
      return;
    }
    for (const id of ids) {
      this.retries.delete(id);
      this.done.add(id);
    }
    this.lastToChat.set(chatOf(batch[0]!.out), now);
    deps.sentTo?.(chatOf(batch[0]!.out), now);
    this.sentAt.push(now);
    await this.record(ids, now);
  }

  /** Takes messages off the saved outbox; false (and a pause before the next try) when the store refuses. */
  private async record(ids: number[], now: number): Promise<boolean> {
    try {
      await this.deps.remove(ids);
      for (const id of ids) this.done.delete(id);
      return true;
    } catch (err) {
      this.recordAgainAt = now + RETRY_BASE_MS;
      this.deps.log.error({ err, ids }, 'outbox: could not record messages as sent; they will not be sent again by this run');
      return false;
    }
  }

  /** When a message may go: its chat's gap, the minute's budget, its retry backoff. */
  private readyAt(p: PendingMessage, now: number): number {
    const { perChatMs, perMinute } = this.deps.pacing;
    while (this.sentAt.length && this.sentAt[0]! <= now - 60_000) this.sentAt.shift();
    const chat = chatOf(p.out);
    const last = Math.max(this.lastToChat.get(chat) ?? Number.NEGATIVE_INFINITY, this.deps.lastSentTo?.(chat) ?? Number.NEGATIVE_INFINITY);
    const chatFree = last + perChatMs;
    const budgetFree = this.sentAt.length < perMinute ? now : this.sentAt[this.sentAt.length - perMinute]! + 60_000;
    const retryFree = this.retries.get(p.id)?.nextAt ?? now;
    return Math.max(chatFree, budgetFree, retryFree);
  }

  private wakeAt(saved: readonly PendingMessage[], now: number): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (saved.length === 0 || this.stopped) return;
    const waiting = saved.filter((p) => !this.done.has(p.id));
    const at = Math.min(
      ...waiting.map((p) => this.readyAt(p, now)),
      this.done.size > 0 ? Math.max(now + 1, this.recordAgainAt) : Number.POSITIVE_INFINITY,
    );
    if (!Number.isFinite(at)) return;
    this.cancelTimer = this.deps.timers.at(new Date(at), async () => {
      this.cancelTimer = null;
      await this.drain();
    });
  }
}
