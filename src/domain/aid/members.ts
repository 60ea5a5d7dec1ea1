// Who is in which group, as far as the bot can tell: the people config (a resident's
// building group, a grid worker's grid) and anyone it has seen post in the group. An
// @-mention reaches only a member; everyone else is told privately.
import type { AidEnv } from './settings.ts';
import type { AidState } from './types.ts';

/** Enough for a busy building group; the first seen drop off first. */
const SPEAKERS_KEPT = 500;

/** Notes a speaker the first time only: a known speaker's chat changes (and writes) nothing. */
export function noteSpeaker(state: AidState, room: string, name: string): void {
  const seen = state.speakers[room];
  if (seen?.includes(name)) return;
  if (!seen) state.speakers[room] = [name];
  else seen.push(name);
  const list = state.speakers[room]!;
  if (list.length > SPEAKERS_KEPT) list.splice(0, list.length - SPEAKERS_KEPT);
}

export function inRoom(state: AidState, env: Pick<AidEnv, 'knownMember'>, name: string, room: string): boolean {
  return env.knownMember(name, room) || (state.speakers[room]?.includes(name) ?? false);
}
