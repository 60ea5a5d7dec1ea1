// The bot's own plain message types. Every transport converts its world into these at the
// edge, once, so that features never see a Wechaty (or console, or replay) object.

export interface Speaker {
  /** Transport id; may change between logins, so features key people by name. */
  id: string;
  name: string;
  /** The remark (alias) the bot's account gave this contact: how an enrolled staff member is known. */
  remark?: string | null;
  /** The sender's alias in this group (群昵称), where residents often write 3-2-301. */
  alias?: string | null;
}

export interface RoomRef {
  id: string;
  topic: string;
}

export interface IncomingMessage {
  id: string;
  text: string;
  sender: Speaker;
  /** null for a private chat with the bot. */
  room: RoomRef | null;
  mentionsBot: boolean;
  /** Text of the quoted (引用) message, if any. */
  quote?: string | null;
  /** This is a recall (撤回) of the message with this id; `text` is empty. */
  recalls?: string | null;
  time: Date;
}

export type OutgoingMessage =
  | { kind: 'room'; room: string; text: string; mentions: string[] }
  /**
   * `to` is the bot's name for the person. An enrolled staff member is reached through their bound
   * contact (remark first, then id), never by display name; `contactId` pins a reply to the contact
   * that wrote (a resident sharing a staff member's name gets the answer, the staff member does not).
   */
  | { kind: 'private'; to: string; text: string; contactId?: string };

/** What every transport offers the bot: deliver messages to it, send messages from it. */
export interface TransportEvents {
  /** A group the bot is in was renamed (Wechaty's room-topic event). */
  onRoomTopic?: (room: RoomRef) => Promise<void>;
}

export interface Transport {
  readonly name: string;
  start(onMessage: (msg: IncomingMessage) => Promise<void>, events?: TransportEvents): Promise<void>;
  /** May resolve to the contact id a private message reached (replay prints it). */
  send(out: OutgoingMessage): Promise<unknown>;
  stop(): Promise<void>;
}
