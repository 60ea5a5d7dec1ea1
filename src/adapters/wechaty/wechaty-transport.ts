// The Wechaty edge: Wechaty messages in, plain messages out, and sends back through
// Wechaty. Used live (wechat4u puppet) and by replay (mock puppet).
import type { Contact, Message, Room, Wechaty } from 'wechaty';
import type { IncomingMessage, OutgoingMessage, Transport } from '../../bot/messages.ts';
import type { Logger } from '../../log.ts';
import { convertMessage } from './convert.ts';
import { isPing } from './heartbeat.ts';

export interface WechatyTransportOptions {
  botName: string;
  log: Logger;
  /** Time to stamp on incoming messages (the message's own date when absent). */
  timeOf?: (msg: Message) => Date;
  /** The id to give an incoming message (replay: one per transcript line, the same in every run). */
  idOf?: (msg: Message) => string;
  /** Messages dated before this are backlog from before the start: skipped. */
  skipBefore?: Date | null;
}

export class WechatyTransport implements Transport {
  readonly name = 'wechaty';
  private inFlight = new Set<Promise<void>>();
  received = 0;

  constructor(
    private readonly bot: Wechaty,
    private readonly opts: WechatyTransportOptions,
  ) {}

  async start(onMessage: (msg: IncomingMessage) => Promise<void>): Promise<void> {
    this.bot.on('message', (message: Message) => {
      const work = this.receive(message, onMessage).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
  }

  /** Resolves when every message received so far has been handled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async receive(message: Message, onMessage: (msg: IncomingMessage) => Promise<void>): Promise<void> {
    const { log } = this.opts;
    try {
      // The heartbeat's ping coming back (heartbeat.ts): never a message to handle, whoever it seems to be from.
      if (isPing(message.text())) return;
      if (this.opts.skipBefore && message.date() < this.opts.skipBefore) {
        log.info({ id: message.id }, 'backlog message from before start-up skipped');
        return;
      }
      const time = this.opts.timeOf ? this.opts.timeOf(message) : message.date();
      const converted = await convertMessage(message, this.opts.botName, time);
      if (!converted.ok) {
        if (converted.reason !== 'own message') log.info({ id: message.id, reason: converted.reason }, 'message ignored');
        return;
      }
      await onMessage(this.opts.idOf ? { ...converted.msg, id: this.opts.idOf(message) } : converted.msg);
    } catch (err) {
      log.error({ err, id: message.id }, 'could not handle a message');
    } finally {
      this.received += 1;
    }
  }

  // Pacing is the outbox sender's: this only delivers.
  async send(out: OutgoingMessage): Promise<void> {
    if (out.kind === 'room') {
      const room = await this.bot.Room.find({ topic: out.room });
      if (!room) throw new Error(`room not found: ${out.room}`);
      const mentioned: Contact[] = [];
      const unresolved: string[] = [];
      for (const name of out.mentions) {
        const c = await findMember(room, name);
        if (c) mentioned.push(c);
        else unresolved.push(name);
      }
      // Names we cannot resolve to a member still get a visible @ in the text.
      const text = unresolved.length ? `${unresolved.map((n) => `@${n}`).join(' ')} ${out.text}` : out.text;
      await room.say(text, ...mentioned);
    } else {
      const contact = (await this.bot.Contact.find({ name: out.to })) ?? (await this.bot.Contact.find({ alias: out.to }));
      if (!contact) throw new Error(`contact not found: ${out.to}`);
      await contact.say(out.text);
    }
  }

  async stop(): Promise<void> {
    await this.idle();
  }
}

async function findMember(room: Room, name: string): Promise<Contact | undefined> {
  return (await room.member({ name })) ?? (await room.member({ roomAlias: name })) ?? undefined;
}
