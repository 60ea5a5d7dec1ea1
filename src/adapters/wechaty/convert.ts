// Turns a Wechaty message into the bot's plain IncomingMessage, once, at the edge.
// Non-text messages (images, files, mini programs, revoked) come back as null with a reason.
import type { Message } from 'wechaty';
import { types as PuppetTypes } from 'wechaty-puppet';
import type { IncomingMessage } from '../../bot/messages.ts';
import { splitQuote } from './quote.ts';

export type Converted = { ok: true; msg: IncomingMessage } | { ok: false; reason: string };

export async function convertMessage(msg: Message, botName: string, time: Date): Promise<Converted> {
  if (msg.self()) return { ok: false, reason: 'own message' };
  const type = msg.type();
  if (type === PuppetTypes.Message.Recalled) return convertRecall(msg, time);
  if (type !== PuppetTypes.Message.Text) {
    return { ok: false, reason: `non-text message (${PuppetTypes.Message[type] ?? type})` };
  }
  const talker = msg.talker();
  const room = msg.room();
  let topic: string | null = null;
  let alias: string | null = null;
  let mentionsBot = false;
  if (room) {
    topic = await room.topic();
    alias = (await room.alias(talker)) ?? null;
    mentionsBot = await msg.mentionSelf();
  }
  const raw = msg.text();
  const { quote, text } = splitQuote(stripBotMention(raw, botName));
  return {
    ok: true,
    msg: {
      id: msg.id,
      text,
      sender: { id: talker.id, name: talker.name(), alias, remark: (await talker.alias().catch(() => null)) || null },
      room: room && topic !== null ? { id: room.id, topic } : null,
      mentionsBot: mentionsBot || mentionsName(raw, botName),
      quote,
      time,
    },
  };
}

// On the web protocol an @-mention is plain text ("@邻里小助手\u2005问题").
const MENTION_END = '[\\s\\u2005\\u2004\\u00a0]';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function mentionsName(text: string, name: string): boolean {
  return new RegExp(`@${escapeRe(name)}(${MENTION_END}|$)`).test(text);
}

export function stripBotMention(text: string, name: string): string {
  return text.replace(new RegExp(`@${escapeRe(name)}(${MENTION_END}+|$)`, 'g'), '').trim();
}

/** A recall (撤回): which earlier message it takes back, from whom, where. */
async function convertRecall(msg: Message, time: Date): Promise<Converted> {
  const original = await msg.toRecalled().catch(() => undefined);
  if (!original) return { ok: false, reason: 'recall of a message the puppet no longer knows' };
  const talker = msg.talker();
  const room = msg.room();
  const topic = room ? await room.topic() : null;
  return {
    ok: true,
    msg: {
      id: msg.id,
      text: '',
      sender: { id: talker.id, name: talker.name(), alias: null },
      room: room && topic !== null ? { id: room.id, topic } : null,
      mentionsBot: false,
      quote: null,
      recalls: original.id,
      time,
    },
  };
}
