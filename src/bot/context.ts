// One context per incoming message (as grammY's Context): what was said, where, by whom,
// the bot's state, and a buffered outbox. Replies leave only after the state is saved.
import type { IncomingMessage, OutgoingMessage } from './messages.ts';
import type { PersonInfo, RoomInfo } from './directory.ts';
import type { BotServices } from './services.ts';
import type { BotState } from '../store/state.ts';
import type { Effect } from '../domain/effects.ts';

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

  toPerson(to: string, text: string, whileOpen?: string): void {
    this.messages.push({ out: { kind: 'private', to, text }, ...(whileOpen ? { whileOpen } : {}) });
  }

  /** What domain logic asked to say. */
  effects(effects: Iterable<Effect>): void {
    for (const e of effects) {
      if (e.kind === 'room') this.toRoom(e.room, e.text, e.mentions, e.whileOpen);
      else this.toPerson(e.to, e.text, e.whileOpen);
    }
  }
}

export class MessageContext {
  readonly outbox = new Outbox();
  /** Set by a handler that took the message, for logs and tests. */
  handledBy: string | null = null;

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
    else this.outbox.toPerson(this.msg.sender.name, text);
  }
}

export interface JobContext {
  readonly now: Date;
  readonly state: BotState;
  readonly services: BotServices;
  readonly outbox: Outbox;
}
