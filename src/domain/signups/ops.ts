// Changing an activity's list: sign up once, wait when full, cancel and move the first waiting up.
import type { ActivityDraft } from './form.ts';
import type { Activity, ActivityState, Signup } from './types.ts';

export function createActivity(s: ActivityState, d: ActivityDraft, rooms: string[], by: string, now: Date): Activity {
  const a: Activity = {
    id: `A${s.nextId++}`,
    title: d.title,
    time: d.time.toISOString(),
    place: d.place,
    link: d.link,
    capacity: d.capacity,
    deadline: d.deadline?.toISOString() ?? null,
    rooms,
    createdBy: by,
    createdAt: now.toISOString(),
    cancelled: false,
    signups: [],
    jielongLines: [],
    remindedDayBefore: false,
    remindedHourBefore: false,
  };
  s.list.push(a);
  return a;
}

/** Sign-ups are open until the deadline (or the start). */
export function isOpenForSignup(a: Activity, now: Date): boolean {
  return !a.cancelled && now.getTime() < Date.parse(a.deadline ?? a.time);
}

/** The activity a message in this room (or a private chat: null) is about: the latest still open. */
export function currentActivity(s: ActivityState, room: string | null, now: Date, text = ''): Activity | null {
  const open = s.list.filter((a) => !a.cancelled && now.getTime() < Date.parse(a.time) + 3 * 3_600_000);
  const here = room ? open.filter((a) => a.rooms.includes(room)) : open;
  const named = here.filter((a) => text.includes(a.id) || titleHit(a.title, text));
  return (named.length ? named : here).at(-1) ?? null;
}

function titleHit(title: string, text: string): boolean {
  const han = title.replace(/[^\u4e00-\u9fa5]/g, '');
  for (let i = 0; i + 4 <= han.length; i++) if (text.includes(han.slice(i, i + 4))) return true;
  return false;
}

export const active = (a: Activity): Signup[] => a.signups.filter((x) => x.status !== 'cancelled');
export const confirmed = (a: Activity): Signup[] => a.signups.filter((x) => x.status === 'confirmed');
export const waiting = (a: Activity): Signup[] => a.signups.filter((x) => x.status === 'waiting');

export type SignupResult =
  | { kind: 'confirmed'; signup: Signup; position: number }
  | { kind: 'waiting'; signup: Signup; position: number }
  | { kind: 'duplicate'; signup: Signup }
  | { kind: 'closed' };

export function signUp(a: Activity, who: { name: string; by: string; via: Signup['via'] }, now: Date): SignupResult {
  const existing = active(a).find((x) => x.name === who.name);
  if (existing) return { kind: 'duplicate', signup: existing };
  if (!isOpenForSignup(a, now)) return { kind: 'closed' };
  const full = a.capacity !== null && confirmed(a).length >= a.capacity;
  const signup: Signup = {
    name: who.name,
    by: who.by,
    at: now.toISOString(),
    status: full ? 'waiting' : 'confirmed',
    via: who.via,
    attended: null,
  };
  a.signups.push(signup);
  return full ? { kind: 'waiting', signup, position: waiting(a).length } : { kind: 'confirmed', signup, position: confirmed(a).length };
}

export interface CancelResult {
  cancelled: Signup | null;
  promoted: Signup | null;
}

export function cancelSignup(a: Activity, name: string): CancelResult {
  const s = active(a).find((x) => x.name === name);
  if (!s) return { cancelled: null, promoted: null };
  const wasConfirmed = s.status === 'confirmed';
  s.status = 'cancelled';
  let promoted: Signup | null = null;
  if (wasConfirmed && (a.capacity === null || confirmed(a).length < a.capacity)) {
    promoted = waiting(a)[0] ?? null;
    if (promoted) promoted.status = 'confirmed';
  }
  return { cancelled: s, promoted };
}

/** Staff mark who came: names not on the list are added as walk-ins. */
export function markAttendance(
  a: Activity,
  names: readonly string[],
  came: boolean,
  by: string,
  now: Date,
): { marked: string[]; added: string[] } {
  const marked: string[] = [];
  const added: string[] = [];
  for (const name of names) {
    let s = active(a).find((x) => x.name === name);
    if (!s && came) {
      s = { name, by, at: now.toISOString(), status: 'confirmed', via: 'private', attended: null };
      a.signups.push(s);
      added.push(name);
    }
    if (!s) continue;
    s.attended = came;
    marked.push(name);
  }
  return { marked, added };
}
