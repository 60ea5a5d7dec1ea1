// The one path for every message and every scheduled job:
//   transport -> Bot.handle -> features' handlers (in order) -> state saved -> replies sent.
// Features are registered units (like grammY composers or Hubot scripts) that know nothing
// of each other or of the transport.
import { MessageContext, Outbox, type JobContext } from './context.ts';
import type { IncomingMessage, OutgoingMessage } from './messages.ts';
import type { BotServices } from './services.ts';
import type { BotState } from '../store/state.ts';
import type { StateStore } from '../store/types.ts';
import type { Scheduler } from '../schedule/types.ts';

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
}

const SEEN_IDS_KEPT = 5000;
const MAX_TEXT = 4000;

export class Bot implements BotBuilder {
  private readonly handlers: { feature: string; handler: Handler }[] = [];
  private readonly features: Feature[] = [];
  private currentFeature = '';
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly services: BotServices,
    private readonly store: StateStore,
    readonly state: BotState,
    private readonly scheduler: Scheduler,
    private readonly send: (out: OutgoingMessage) => Promise<void>,
  ) {}

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
        await this.serial(() => this.runJob(name, at, handler));
      },
    });
  }

  helpLines(staff = false): string[] {
    return this.features.flatMap((f) => [...(f.help ?? []), ...(staff ? (f.staffHelp ?? []) : [])]);
  }

  /** Handles one message; returns what the bot sent. Never throws: errors are logged. */
  handle(msg: IncomingMessage): Promise<OutgoingMessage[]> {
    return this.serial(() => this.process(msg));
  }

  // Messages and jobs run one at a time, so that state changes never interleave.
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async process(msg: IncomingMessage): Promise<OutgoingMessage[]> {
    const { log, directory } = this.services;
    if (this.state.seenMessageIds.includes(msg.id)) {
      log.debug({ id: msg.id }, 'duplicate message skipped');
      return [];
    }
    this.state.seenMessageIds.push(msg.id);
    if (this.state.seenMessageIds.length > SEEN_IDS_KEPT) this.state.seenMessageIds.splice(0, 1000);
    const text = msg.text.length > MAX_TEXT ? msg.text.slice(0, MAX_TEXT) : msg.text;
    const room = msg.room ? directory.room(msg.room.topic) : null;
    const ctx = new MessageContext({ ...msg, text }, room, directory.person(msg.sender.name), this.state, this.services);
    try {
      await this.dispatch(ctx, 0);
      log.debug({ id: msg.id, room: msg.room?.topic, feature: ctx.handledBy, replies: ctx.outbox.messages.length }, 'message handled');
    } catch (err) {
      log.error({ err, id: msg.id, room: msg.room?.topic }, 'handler failed; message skipped');
    }
    return this.flush(ctx.outbox);
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
    const outbox = new Outbox();
    let changed = false;
    try {
      await handler({ now: at, state: this.state, services: this.services, outbox, markChanged: () => (changed = true) });
    } catch (err) {
      this.services.log.error({ err, job: name }, 'scheduled job failed');
    }
    // Frequent jobs (the escalation check) usually change nothing: skip the file write then.
    if (!changed && outbox.messages.length === 0) return [];
    return this.flush(outbox);
  }

  /** Persist first, then send: a crash after saving loses a reply, never a record. */
  private async flush(outbox: Outbox): Promise<OutgoingMessage[]> {
    try {
      await this.store.save(this.state);
    } catch (err) {
      this.services.log.error({ err }, 'state could not be saved');
    }
    const sent: OutgoingMessage[] = [];
    for (const out of outbox.messages) {
      try {
        await this.send(out);
        sent.push(out);
      } catch (err) {
        this.services.log.error({ err, out }, 'sending failed');
      }
    }
    return sent;
  }
}
