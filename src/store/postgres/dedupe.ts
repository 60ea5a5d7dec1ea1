// What makes two incoming messages one when several accounts sit in the same group. The
// transport's message id cannot: on the web protocol each account gets its own id for the same
// post. The group, the sender, the exact text and the minute it was posted (the server's time,
// the same for every account) can: the same person posting the very same text twice in one
// minute is a double post anyway. Private chats differ per account, so they keep the id.
import type { IncomingMessage } from '../../bot/messages.ts';

export function sharedDedupeKey(msg: IncomingMessage): string {
  if (!msg.room) return msg.id;
  const minute = Math.floor(msg.time.getTime() / 60_000);
  return `g:${msg.room.topic}|${msg.sender.name}|${minute}|${msg.recalls ?? ''}|${msg.text}`;
}
