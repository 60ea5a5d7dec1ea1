// Who is speaking, where, and what goes with the next message (an @ to the bot, a quote).
// Turns a console line into the bot's plain IncomingMessage, as every transport does.
import type { IncomingMessage } from '../../bot/messages.ts';

export type RoomMatch = { kind: 'known'; topic: string } | { kind: 'unknown'; topic: string } | { kind: 'ambiguous'; candidates: string[] };

/** Exact topic, else the one topic that starts with or contains the query; else a new ("other") room. */
export function matchRoom(query: string, topics: readonly string[]): RoomMatch {
  const q = query.trim();
  if (topics.includes(q)) return { kind: 'known', topic: q };
  const prefixed = topics.filter((t) => t.startsWith(q));
  if (prefixed.length === 1) return { kind: 'known', topic: prefixed[0]! };
  const containing = topics.filter((t) => t.includes(q));
  if (containing.length === 1) return { kind: 'known', topic: containing[0]! };
  if (containing.length > 1) return { kind: 'ambiguous', candidates: containing };
  return { kind: 'unknown', topic: q };
}

export class ConsoleSession {
  speaker: string;
  /** null: a private chat with the bot. */
  room: string | null;
  mentionNext = false;
  quoteNext: string | null = null;
  private count = 0;
  // Ids must not repeat across runs: the bot skips ids it has seen, and --data keeps them.
  private readonly runId = Date.now().toString(36);

  constructor(speaker: string, room: string | null) {
    this.speaker = speaker;
    this.room = room;
  }

  /** Builds the next message and clears the one-shot @ and quote. */
  message(text: string, mentionsBot: boolean, time: Date): IncomingMessage {
    this.count += 1;
    const msg: IncomingMessage = {
      id: `console-${this.runId}-${this.count}`,
      text,
      // `NAME#id` speaks as another contact with that display name.
      sender: { id: `console:${this.speaker}`, name: this.speaker.split('#')[0]!, alias: null },
      room: this.room === null ? null : { id: `console@${this.room}`, topic: this.room },
      mentionsBot: mentionsBot || this.mentionNext,
      quote: this.quoteNext,
      time,
    };
    this.mentionNext = false;
    this.quoteNext = null;
    return msg;
  }
}
