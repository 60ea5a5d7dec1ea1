// The Wechaty edge: Wechaty messages in, plain messages out, and sends back through
// Wechaty. Used live (wechat4u puppet) and by replay (mock puppet).
import type { Contact, Message, Room, Wechaty } from 'wechaty';
import type { IncomingMessage, OutgoingMessage, Transport, TransportEvents } from '../../bot/messages.ts';
import type { StaffAddress } from './staff-address.ts';
import type { Logger } from '../../log.ts';
import { convertMessage } from './convert.ts';
import { isPing } from './heartbeat.ts';
import { remarkFor } from '../../identity/resolve.ts';

const STAFF_REMARK_PREFIX = remarkFor('');

export interface WechatyTransportOptions {
  botName: string;
  log: Logger;
  /** Time to stamp on incoming messages (the message's own date when absent). */
  timeOf?: (msg: Message) => Date;
  /** The id to give an incoming message (replay: one per transcript line, the same in every run). */
  idOf?: (msg: Message) => string;
  /** Messages dated before this are backlog from before the start: skipped. */
  skipBefore?: Date | null;
  /** The enrolled staff member the bot calls this name, if any (staff-address.ts). */
  staffAddress?: (name: string) => StaffAddress | null;
}

export class WechatyTransport implements Transport {
  readonly name = 'wechaty';
  private inFlight = new Set<Promise<void>>();
  received = 0;
  topicChanges = 0;

  constructor(
    private readonly bot: Wechaty,
    private readonly opts: WechatyTransportOptions,
  ) {}

  async start(onMessage: (msg: IncomingMessage) => Promise<void>, events: TransportEvents = {}): Promise<void> {
    this.bot.on('message', (message: Message) => {
      const work = this.receive(message, onMessage).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
    // A bound group keeps its binding through a rename.
    this.bot.on('room-topic', (room: Room, topic: string) => {
      const work = (events.onRoomTopic?.({ id: room.id, topic }) ?? Promise.resolve())
        .catch((err: unknown) => this.opts.log.error({ err, room: room.id }, 'could not follow a group rename'))
        .finally(() => {
          this.topicChanges += 1;
          this.inFlight.delete(work);
        });
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

  // Pacing is the outbox sender's: this only delivers. Resolves to the contact id a private message went to.
  async send(out: OutgoingMessage): Promise<string | undefined> {
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
      return undefined;
    }
    const contact = await this.recipient(out);
    await contact.say(out.text);
    return contact.id;
  }

  /**
   * A reply pinned to a contact goes to that contact. A staff member is found by the remark the bot
   * gave them, then by the bound id (and given the remark then): never by display name, which anyone
   * can copy. Anyone else by name, skipping contacts that carry a staff remark.
   */
  private async recipient(out: Extract<OutgoingMessage, { kind: 'private' }>): Promise<Contact> {
    const { Contact } = this.bot;
    const staff = this.opts.staffAddress?.(out.to) ?? null;
    if (out.contactId) {
      const pinned = await Contact.find({ id: out.contactId });
      if (pinned) return pinned;
    }
    if (staff) {
      const byRemark = staff.remark ? await Contact.find({ alias: staff.remark }) : undefined;
      if (byRemark) return byRemark;
      const byId = staff.contactId ? await Contact.find({ id: staff.contactId }) : undefined;
      if (!byId) throw new Error(`the contact bound to staff member ${out.to} was not found`);
      if (staff.remark && (await byId.alias()) !== staff.remark) await byId.alias(staff.remark);
      return byId;
    }
    const named = (await Contact.findAll({ name: out.to })).filter((c) => !this.isStaffContact(c));
    const contact = named[0] ?? (await Contact.find({ alias: out.to }));
    if (!contact) throw new Error(`contact not found: ${out.to}`);
    return contact;
  }

  private isStaffContact(c: Contact): boolean {
    const alias = c.payload?.alias;
    return typeof alias === 'string' && alias.startsWith(STAFF_REMARK_PREFIX);
  }

  async stop(): Promise<void> {
    await this.idle();
  }
}

async function findMember(room: Room, name: string): Promise<Contact | undefined> {
  return (await room.member({ name })) ?? (await room.member({ roomAlias: name })) ?? undefined;
}
