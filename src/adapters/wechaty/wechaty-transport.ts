// The Wechaty edge: Wechaty messages in, plain messages out, and sends back through
// Wechaty. Used live (wechat4u puppet) and by replay (mock puppet).
import type { Contact, Message, Room, Wechaty } from 'wechaty';
import type { IncomingMessage, OutgoingMessage, Transport } from '../../bot/messages.ts';
import type { Logger } from '../../log.ts';
import { convertMessage } from './convert.ts';

export interface WechatyTransportOptions {
  botName: string;
  log: Logger;
  /** Time to stamp on incoming messages (the message's own date when absent). */
  timeOf?: (msg: Message) => Date;
  /** Messages dated before this are backlog from before the start: skipped. */
  skipBefore?: Date | null;
  /** Minimum gap between two sends; WeChat bans accounts that send too fast. */
  minSendIntervalMs?: number;
}

export class WechatyTransport implements Transport {
  readonly name = 'wechaty';
  private lastSend = 0;
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
      await onMessage(converted.msg);
    } catch (err) {
      log.error({ err, id: message.id }, 'could not handle a message');
    } finally {
      this.received += 1;
    }
  }

  async send(out: OutgoingMessage): Promise<void> {
    await this.throttle();
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

  private async throttle(): Promise<void> {
    const gap = this.opts.minSendIntervalMs ?? 0;
    if (gap <= 0) return;
    const wait = this.lastSend + gap - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.lastSend = Date.now();
  }

  async stop(): Promise<void> {
    await this.idle();
  }
}

async function findMember(room: Room, name: string): Promise<Contact | undefined> {
  return (await room.member({ name })) ?? (await room.member({ roomAlias: name })) ?? undefined;
}
