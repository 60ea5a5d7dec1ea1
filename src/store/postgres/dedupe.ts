// What makes two incoming messages one when several accounts sit in the same group. The
// transport's message id cannot: on the web protocol each account gets its own id for the same
// post. The group, the sender, the exact text and the minute it was posted (the server's time,
// the same for every account) can: the same person posting the very same text twice in one
// minute is a double post anyway. Private chats differ per account, so they keep the id.

/** The fields of the bot's IncomingMessage this needs (the store sits below the bot). */
interface PostedMessage {
  id: string;
  text: string;
  sender: { name: string };
  room: { topic: string } | null;
  recalls?: string | null;
  time: Date;
}

export function sharedDedupeKey(msg: PostedMessage): string {
  if (!msg.room) return msg.id;
  const minute = Math.floor(msg.time.getTime() / 60_000);
  return `g:${msg.room.topic}|${msg.sender.name}|${minute}|${msg.recalls ?? ''}|${msg.text}`;
}
