// The one path for every message and every scheduled job:
//   transport -> Bot.handle -> features' handlers (in order) -> one unit of work committed -> sender.
// Handlers change a draft of the state (Immer); what they changed comes back as patches, and the
// patches and the messages decided are committed to the store in one call. A handler that throws
// commits nothing; a failed commit sends nothing; a message that changed nothing writes nothing.
// Features are registered units (like grammY composers or Hubot scripts) that know nothing of
// each other or of the transport.
import { createDraft, finishDraft, type Draft, type Patch } from '../store/patches.ts';
import { type Decided, MessageContext, Outbox, type JobContext } from './context.ts';
import type { IncomingMessage, OutgoingMessage } from './messages.ts';
import { chatOf, OutboxSender, UNPACED, type Pacing } from './sender.ts';
import type { BotServices } from './services.ts';
import type { BotState, PendingMessage } from '../store/state.ts';
import { StaleUnitError, type StateStore } from '../store/types.ts';
import type { Scheduler } from '../schedule/types.ts';
import { previousRun } from '../schedule/cron-next.ts';
import { localDate } from '../domain/time.ts';
import { followTopic } from '../identity/enrol.ts';

export type Next = () => Promise<void>;
export type Handler = (ctx: MessageContext, next: Next) => Promise<void> | void;
export type JobHandler = (ctx: JobContext) => Promise<void> | void;

export interface Feature {
  name: string;
  /** Lines for the help text, next to the handlers they describe (as Hubot's Commands:). */
  help?: string[];
  /** Help lines only grid workers and admins see. */
  staffHelp?: string[];
  install(bot: BotBuilder): void;
}

export interface BotBuilder {
  readonly services: BotServices;
  on(handler: Handler): void;
  job(name: string, cron: string, handler: JobHandler): void;
  /** Hears the committed state at once (patches null), then after every commit with its patches: for derived indexes. */
  onCommit(listener: CommitListener): void;
  /** A bound group was renamed: records that name it by topic follow, in the same unit as the binding. */
  onRoomRenamed(handler: RoomRenamedHandler): void;
}

export type RoomRenamedHandler = (state: BotState, from: string, to: string) => void;

export type CommitListener = (state: BotState, patches: readonly Patch[] | null) => void;

export interface BotOptions {
  send: (out: OutgoingMessage, ids: readonly number[]) => Promise<void>;
  pacing?: Pacing;
  /**
   * Wait for the sender after each message and job (tests, console, plain replay: what was
   * decided is sent before the next message). Live runs send in the background.
   */
  settleSends?: boolean;
  /** A decided message that no longer needs sending (a notice about a request since closed). */
  isStale?: (message: PendingMessage, state: BotState) => boolean;
  /** Called after this many commits in a row failed: the process should stop, loudly. */
  onFatal?: (err: unknown) => void;
  maxSaveFailures?: number;
  /** What makes two messages one (default: the transport's id); see src/store/postgres/dedupe.ts. */
  dedupeKey?: (msg: IncomingMessage) => string;
  /** Several processes share the outbox: true for the chats ('room:…', 'to:…') this process sends to. */
  mayDeliver?: (chat: string) => boolean;
  /** Per-chat pacing kept outside the process (shared store): see SenderDeps. */
  lastSentTo?: (chat: string) => number | undefined;
  sentTo?: (chat: string, at: number) => void;
}

const SEEN_IDS_KEPT = 5000;
/**
 * The id list is trimmed this many ids at a time, by replacing it. Trimming one id per message
 * shifted every id, and Immer records a shift as one patch per shifted index: 5,000 patches
 * (about 250 KB of journal) for every message once the list was full.
 */
const SEEN_IDS_TRIM = 1000;
const MAX_TEXT = 4000;

export class Bot implements BotBuilder {
  private readonly handlers: { feature: string; handler: Handler }[] = [];
  private readonly features: Feature[] = [];
  private currentFeature = '';
  private queue: Promise<unknown> = Promise.resolve();
  private current: BotState;
  private readonly seen: Set<string>;
  private saveFailures = 0;
  private readonly commitListeners = new Set<CommitListener>();
  private readonly renameHandlers: RoomRenamedHandler[] = [];
  readonly sender: OutboxSender;

  constructor(
    readonly services: BotServices,
    readonly store: StateStore,
    state: BotState,
    private readonly scheduler: Scheduler,
    private readonly options: BotOptions,
  ) {
    this.current = state;
    this.seen = new Set(state.seenMessageIds);
    this.sender = new OutboxSender({
      pending: () => {
        const { mayDeliver } = options;
        return mayDeliver ? this.current.outbox.filter((p) => mayDeliver(chatOf(p.out))) : this.current.outbox;
      },
      isStale: (m) => options.isStale?.(m, this.current) ?? false,
      remove: (ids) => this.serial(() => this.removeFromOutbox(ids)),
      send: options.send,
      clock: services.clock,
      timers: scheduler,
      log: services.log,
      pacing: options.pacing ?? UNPACED,
      lastSentTo: options.lastSentTo,
      sentTo: options.sentTo,
    });
  }

  /** The last committed state (read-only by convention: changes go through handlers and jobs). */
  get state(): BotState {
    return this.current;
  }

  use(feature: Feature): this {
    this.features.push(feature);
    this.currentFeature = feature.name;
    feature.install(this);
    this.currentFeature = '';
    return this;
  }

  on(handler: Handler): void {
    this.handlers.push({ feature: this.currentFeature, handler });
  }

  job(name: string, cron: string, handler: JobHandler): void {
    this.scheduler.add({
      name,
      cron,
      run: async (at) => {
        // Ran already at this time (an earlier run of the bot, before a restart): not twice.
        const last = this.current.jobRuns[name];
        if (last && Date.parse(last) >= at.getTime()) return;
        // Optimistic on a shared store: a run that changes nothing costs no database round trip.
        await this.serial(() => this.runJob(name, at, handler), { optimistic: true });
        await this.afterUnit();
      },
    });
  }

  /** Hears the committed state at once, then every commit (derived indexes, the web page's live updates); returns how to stop. */
  onCommit(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    listener(this.current, null);
    return () => void this.commitListeners.delete(listener);
  }

  helpLines(staff = false): string[] {
    return this.features.flatMap((f) => [...(f.help ?? []), ...(staff ? (f.staffHelp ?? []) : [])]);
  }

  /** Handles one message; returns what the bot decided to send. Never throws: errors are logged. */
  async handle(msg: IncomingMessage): Promise<OutgoingMessage[]> {
    let decided: OutgoingMessage[] = [];
    try {
      decided = await this.serial(() => this.process(msg));
    } catch (err) {
      // A shared store that cannot open a unit (the database is down): like a failed save.
      this.saveFailures += 1;
      this.services.log.error({ err, store: this.store.where, id: msg.id }, 'the store could not start a unit: message not handled');
      if (this.saveFailures >= (this.options.maxSaveFailures ?? 3)) this.options.onFatal?.(err);
      return [];
    }
    await this.afterUnit();
    return decided;
  }

  /**
   * One unit of work outside a message or job (a console or CLI command changing the state):
   * the same draft, patches and commit. Returns false when nothing could be saved.
   */
  async change(recipe: (state: BotState, outbox: Outbox) => void): Promise<boolean> {
    const ok = await this.serial(async () => {
      const draft = createDraft(this.current);
      const outbox = new Outbox();
      recipe(draft as BotState, outbox);
      return (await this.commit(draft, outbox.messages)) !== null;
    });
    await this.afterUnit();
    return ok;
  }

  /**
   * After a restart: each job whose last due time today passed while the bot was down runs once
   * now (the 08:30 briefing of a bot started at 09:10). Jobs due on an earlier day are not run:
   * yesterday's briefing no longer makes sense.
   */
  async catchUp(): Promise<string[]> {
    const now = this.services.clock.now();
    const ran: string[] = [];
    for (const job of this.scheduler.jobs()) {
      const due = previousRun(job.cron, now);
      if (localDate(due) !== localDate(now)) continue;
      const last = this.current.jobRuns[job.name];
      if (last && Date.parse(last) >= due.getTime()) continue;
      this.services.log.info({ job: job.name, due: due.toISOString() }, 'catching up on a job missed while the bot was down');
      await job.run(now);
      ran.push(job.name);
    }
    return ran;
  }

  /** Sends what earlier runs decided and did not send (after a restart). */
  async resumeSending(): Promise<void> {
    await this.afterUnit(true);
  }

  /**
   * A shared store: picks up what other processes committed and sends what is now this
   * process's to send (called when another process reports a change).
   */
  async refresh(): Promise<void> {
    if (!this.store.exclusive) return;
    await this.serial(async () => undefined);
    await this.afterUnit();
  }

  stop(): void {
    this.sender.stop();
  }

  /** A group was renamed: its binding follows (one unit of work; nothing when it is not bound). */
  async roomRenamed(room: { id: string; topic: string }): Promise<void> {
    const from = this.current.roomBindings.find((b) => b.roomId === room.id && b.topic !== room.topic)?.topic;
    if (from === undefined) return;
    await this.change((s) => {
      followTopic(s, room.id, room.topic);
      // Messages waiting to go to the group go to it under its new name.
      for (const p of s.outbox) if (p.out.kind === 'room' && p.out.room === from) p.out.room = room.topic;
      for (const handler of this.renameHandlers) handler(s, from, room.topic);
    });
  }

  onRoomRenamed(handler: RoomRenamedHandler): void {
    this.renameHandlers.push(handler);
  }

  private async afterUnit(force = false): Promise<void> {
    if (this.current.outbox.length === 0) return;
    if (this.options.settleSends || force) await this.sender.drain();
    else this.sender.kick();
  }

  // Messages and jobs run one at a time, so that state changes never interleave; with a shared
  // store, one at a time across all processes, each starting from the latest committed state.
  private serial<T>(work: () => Promise<T>, options?: { optimistic?: boolean }): Promise<T> {
    const { store } = this;
    const unit = store.exclusive
      ? () =>
          store.exclusive!(async (latest, caughtUp) => {
            // Others' commits: what is derived from the state (the aid indexes) follows them too.
            if (latest !== this.current) this.committed(latest, caughtUp);
            return work();
          }, options)
      : work;
    const run = this.queue.then(unit, unit);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async process(msg: IncomingMessage): Promise<OutgoingMessage[]> {
    const { log, directory } = this.services;
    const key = this.options.dedupeKey?.(msg) ?? msg.id;
    // A shared store: another process may have handled it (its id arrived with the catch-up).
    if (this.seen.has(key) || (this.store.exclusive && this.current.seenMessageIds.includes(key))) {
      log.debug({ id: msg.id, key }, 'duplicate message skipped');
      return [];
    }
    this.rememberSeen(key);
    const text = msg.text.length > MAX_TEXT ? msg.text.slice(0, MAX_TEXT) : msg.text;
    // Roles come from the contact's enrolment and groups from their binding, never from a name or topic alone.
    const room = msg.room ? directory.roomOf(msg.room) : null;
    const draft = createDraft(this.current);
    const ctx = new MessageContext({ ...msg, text }, room, directory.speaker(msg.sender), draft as BotState, this.services);
    try {
      await this.dispatch(ctx, 0);
    } catch (err) {
      log.error({ err, id: msg.id, room: msg.room?.topic }, 'handler failed; nothing of this message is saved or sent');
      return [];
    }
    log.debug({ id: msg.id, room: msg.room?.topic, feature: ctx.handledBy, replies: ctx.outbox.messages.length }, 'message handled');
    const decided = await this.commit(draft, ctx.outbox.messages, { messageId: key });
    // Admin actions go to the audit log only once saved.
    if (decided !== null) for (const entry of ctx.audit) this.services.audit.append(entry);
    return decided ?? [];
  }

  private async dispatch(ctx: MessageContext, index: number): Promise<void> {
    const entry = this.handlers[index];
    if (!entry) return;
    let nextCalled = false;
    await entry.handler(ctx, async () => {
      nextCalled = true;
      await this.dispatch(ctx, index + 1);
    });
    if (!nextCalled && !ctx.handledBy) ctx.handledBy = entry.feature;
  }

  private async runJob(name: string, at: Date, handler: JobHandler): Promise<OutgoingMessage[]> {
    // Checked again inside the unit: with a shared store another process may have just run it.
    const last = this.current.jobRuns[name];
    if (last && Date.parse(last) >= at.getTime()) return [];
    const outbox = new Outbox();
    const draft = createDraft(this.current);
    try {
      await handler({ now: at, state: draft as BotState, services: this.services, outbox });
    } catch (err) {
      this.services.log.error({ err, job: name }, 'scheduled job failed; nothing of it is saved or sent');
      return [];
    }
    // The run is recorded only with what it changed: a minute's check that found nothing writes nothing.
    return (await this.commit(draft, outbox.messages, { ran: { job: name, at } })) ?? [];
  }

  /** Commits a draft and the messages decided with it; null when nothing could be saved. */
  private async commit(
    draft: Draft<BotState>,
    messages: readonly Decided[],
    unit: { messageId?: string; ran?: { job: string; at: Date }; sync?: boolean } = {},
  ): Promise<OutgoingMessage[] | null> {
    const { messageId, ran, sync = true } = unit;
    const d = draft as BotState;
    for (const m of messages) {
      d.outbox.push({
        id: d.nextMessageId++,
        out: m.out,
        at: this.services.clock.now().toISOString(),
        ...(m.whileOpen ? { whileOpen: m.whileOpen } : {}),
      });
    }
    let patches: Patch[] = [];
    const next = finishDraft(draft, (p) => (patches = p));
    if (patches.length === 0) return [];
    // Bookkeeping rides along with a real change only.
    const [withBookkeeping, more] = this.bookkeeping(next, messageId, ran);
    return this.save(withBookkeeping, [...patches, ...more], messages, sync);
  }

  /** Saves a unit's state and patches in one store call; null when nothing could be saved. */
  private async save(next: BotState, patches: Patch[], messages: readonly Decided[], sync: boolean): Promise<OutgoingMessage[] | null> {
    try {
      await this.store.commit(next, patches, { sync });
    } catch (err) {
      // Nothing written: the store runs the unit again on the latest state.
      if (err instanceof StaleUnitError) throw err;
      this.saveFailures += 1;
      this.services.log.error(
        { err, store: this.store.where, failures: this.saveFailures },
        'state could not be saved: nothing of this unit is sent',
      );
      if (this.saveFailures >= (this.options.maxSaveFailures ?? 3)) this.options.onFatal?.(err);
      return null;
    }
    this.saveFailures = 0;
    this.committed(next, patches);
    return messages.map((m) => m.out);
  }

  /** A committed state (this process's unit, or others' caught up): the listeners follow. */
  private committed(next: BotState, patches: readonly Patch[] | null): void {
    this.current = next;
    for (const listener of this.commitListeners) {
      try {
        listener(next, patches);
      } catch (err) {
        this.services.log.error({ err }, 'commit listener failed');
      }
    }
  }

  /**
   * The unit's bookkeeping (the message id, the job's run), written by hand with the patches Immer
   * would write: a second draft of the whole state made Immer compare all 5,000 seen ids for every
   * message to find the one pushed.
   */
  private bookkeeping(state: BotState, messageId?: string, ran?: { job: string; at: Date }): [BotState, Patch[]] {
    const patches: Patch[] = [];
    let next = state;
    if (messageId) {
      const ids = state.seenMessageIds;
      if (ids.length + 1 >= SEEN_IDS_KEPT + SEEN_IDS_TRIM) {
        const kept = [...ids.slice(-(SEEN_IDS_KEPT - 1)), messageId];
        patches.push({ op: 'replace', path: ['seenMessageIds'], value: kept });
        next = { ...next, seenMessageIds: kept };
      } else {
        patches.push({ op: 'add', path: ['seenMessageIds', ids.length], value: messageId });
        next = { ...next, seenMessageIds: [...ids, messageId] };
      }
    }
    if (ran) {
      const at = ran.at.toISOString();
      if (state.jobRuns[ran.job] !== at) {
        patches.push({ op: ran.job in state.jobRuns ? 'replace' : 'add', path: ['jobRuns', ran.job], value: at });
        next = { ...next, jobRuns: { ...state.jobRuns, [ran.job]: at } };
      }
    }
    return [next, patches];
  }

  private rememberSeen(id: string): void {
    this.seen.add(id);
    if (this.seen.size > SEEN_IDS_KEPT * 2) {
      const keep = [...this.seen].slice(-SEEN_IDS_KEPT);
      this.seen.clear();
      for (const k of keep) this.seen.add(k);
    }
  }

  private async removeFromOutbox(ids: number[]): Promise<void> {
    const gone = new Set(ids);
    const { outbox } = this.current;
    const kept = outbox.filter((p) => !gone.has(p.id));
    if (kept.length === outbox.length) return;
    // The one patch Immer would write for the new list, without a draft of the whole state.
    const next = { ...this.current, outbox: kept };
    // Marking sent is not flushed to disk: losing it (a power loss) means a message twice, never none.
    if ((await this.save(next, [{ op: 'replace', path: ['outbox'], value: kept }], [], false)) === null)
      throw new Error(`could not record sent messages in ${this.store.where}`);
  }
}
