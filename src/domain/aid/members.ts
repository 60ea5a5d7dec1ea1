// Who is in which group, as far as the bot can tell: the people config (a resident's
// building group, a grid worker's grid) and anyone it has seen post in the group. An
// @-mention reaches only a member; everyone else is told privately.
import type { AidEnv } from './settings.ts';
import type { AidState } from './types.ts';

/** Enough for a busy building group; the oldest speakers drop off first. */
const SPEAKERS_KEPT = 500;

export function noteSpeaker(state: AidState, room: string, name: string): void {
  const seen = (state.speakers[room] ??= []);
  const at = seen.indexOf(name);
  if (at === seen.length - 1 && at >= 0) return;
  if (at >= 0) seen.splice(at, 1);
  seen.push(name);
  if (seen.length > SPEAKERS_KEPT) seen.splice(0, seen.length - SPEAKERS_KEPT);
}

export function inRoom(state: AidState, env: Pick<AidEnv, 'knownMember'>, name: string, room: string): boolean {
  return env.knownMember(name, room) || (state.speakers[room]?.includes(name) ?? false);
}
