// What domain logic asks the bot to say. Structurally the same as the bot's OutgoingMessage,
// declared here so that the domain imports nothing from the bot or a transport.
// `whileOpen` names a request the message is only worth sending for while it is open (a relay,
// an alert): if the request closes before the message goes out, it is dropped unsent.
export type Effect =
  | { kind: 'room'; room: string; text: string; mentions: string[]; whileOpen?: string }
  | { kind: 'private'; to: string; text: string; whileOpen?: string; contactId?: string };

export const toRoom = (room: string, text: string, mentions: string[] = []): Effect => ({
  kind: 'room',
  room,
  text,
  mentions: [...new Set(mentions)],
});

export const toPerson = (to: string, text: string): Effect => ({ kind: 'private', to, text });
