// One context per incoming message (as grammY's Context): what was said, where, by whom,
// the bot's state, and a buffered outbox. Replies leave only after the state is saved.
import type { IncomingMessage, OutgoingMessage } from './messages.ts';
import type { PersonInfo, RoomInfo } from './directory.ts';
import type { BotServices } from './services.ts';
import type { BotState } from '../store/state.ts';
import type { Effect } from '../domain/effects.ts';
import type { AuditEntry } from '../store/audit-log.ts';

/** A message a handler decided on; `whileOpen` names a request it is only worth sending for while open. */
export interface Decided {
  out: OutgoingMessage;
  whileOpen?: string;
}

/** What a handler or job decided to say; committed with its changes, sent by the outbox sender. */
export class Outbox {
  readonly messages: Decided[] = [];

  toRoom(room: string, text: string, mentions: string[] = [], whileOpen?: string): void {
    this.messages.push({ out: { kind: 'room', room, text, mentions: [...new Set(mentions)] }, ...(whileOpen ? { whileOpen } : {}) });
  }

  toPerson(to: string, text: string, whileOpen?: string, contactId?: string): void {
    this.messages.push({ out: { kind: 'private', to, text, ...(contactId ? { contactId } : {}) }, ...(whileOpen ? { whileOpen } : {}) });
  }

  /** What domain logic asked to say. */
  effects(effects: Iterable<Effect>): void {
    for (const e of effects) {
      if (e.kind === 'room') this.toRoom(e.room, e.text, e.mentions, e.whileOpen);
      else this.toPerson(e.to, e.text, e.whileOpen, e.contactId);
    }
  }
}

export class MessageContext {
  readonly outbox = new Outbox();
  /** Set by a handler that took the message, for logs and tests. */
  handledBy: string | null = null;
  /** Admin actions of this message, written to the audit log once the unit of work is saved. */
  readonly audit: AuditEntry[] = [];

  constructor(
    readonly msg: IncomingMessage,
    readonly room: RoomInfo | null,
    readonly person: PersonInfo,
    readonly state: BotState,
    readonly services: BotServices,
  ) {}

  get text(): string {
    return this.msg.text;
  }

  get now(): Date {
    return this.msg.time;
  }

  get isPrivate(): boolean {
    return this.room === null;
  }

  /** Answer where the message came from: in the group with an @ to the sender, or privately. */
  reply(text: string, mentions: string[] = [this.msg.sender.name]): void {
    if (this.room) this.outbox.toRoom(this.room.topic, text, mentions);
    // A resident's answer is pinned to the contact that wrote: a staff member of the same name never gets it.
    else this.outbox.toPerson(this.person.name, text, undefined, this.person.role === 'resident' ? this.msg.sender.id : undefined);
  }
}

export interface JobContext {
  readonly now: Date;
  readonly state: BotState;
  readonly services: BotServices;
  readonly outbox: Outbox;
}
