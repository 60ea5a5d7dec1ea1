// What domain logic asks the bot to say. Structurally the same as the bot's OutgoingMessage,
// declared here so that the domain imports nothing from the bot or a transport.
export type Effect =
  | { kind: 'room'; room: string; text: string; mentions: string[] }
  | { kind: 'private'; to: string; text: string };

export const toRoom = (room: string, text: string, mentions: string[] = []): Effect => ({
  kind: 'room',
  room,
  text,
  mentions: [...new Set(mentions)],
});

export const toPerson = (to: string, text: string): Effect => ({ kind: 'private', to, text });
