// Who is in which group, as far as the bot can tell: the people config (a resident's
// building group, a grid worker's grid) and anyone it has seen post in the group. An
// @-mention reaches only a member; everyone else is told privately.
import type { AidEnv } from './settings.ts';
import type { AidState } from './types.ts';
import { noChanges, type AidChanges, type AidWork } from './work.ts';

/** Enough for a busy building group; the first seen drop off first. */
const SPEAKERS_KEPT = 500;

/** The group's speakers with this one noted, the first time only: a known speaker's chat changes (and writes) nothing. */
export function noteSpeaker(state: AidState, room: string, name: string): AidChanges {
  const changes = noChanges();
  const seen = state.speakers[room] ?? [];
  if (seen.includes(name)) return changes;
  changes.speakers[room] = [...seen, name].slice(-SPEAKERS_KEPT);
  return changes;
}

/** Whether an @-mention reaches this person in this group. */
export function inRoom(work: AidState | AidWork, env: Pick<AidEnv, 'knownMember'>, name: string, room: string): boolean {
  const seen = 'speakersIn' in work ? work.speakersIn(room) : work.speakers[room];
  return env.knownMember(name, room) || (seen?.includes(name) ?? false);
}
