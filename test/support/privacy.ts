// Scans replay output for personal data in group messages that nobody posted in that group:
// roster names and phones, rooms, and temperatures from private reports; and for staff data
// (roster and campaign people, enrolment codes, hand-off askers) in private messages to contacts
// that are not staff.
import type { BotState } from '../../src/store/state.ts';
import type { ReplayOutput } from './replay.ts';

interface RosterRow {
  name: string;
  phone: string;
  building: string;
  room: string;
}

/** `extra`: people of other rosters (visit campaigns) the transcript's setup does not list. */
export function findPrivacyLeaks(input: Record<string, unknown>[], out: ReplayOutput[], extra: readonly RosterRow[] = []): string[] {
  const setup = (input.find((l) => 'setup' in l)?.setup ?? {}) as { roster?: RosterRow[]; people?: { room?: string }[] };
  const roster = [...(setup.roster ?? []), ...extra];
  const privateTexts = input.filter((l) => l.dm === true).map((l) => String(l.text));
  const secrets = new Set<string>();
  for (const r of roster) {
    secrets.add(r.name);
    if (r.phone) {
      secrets.add(r.phone);
      secrets.add(r.phone.slice(-4));
    }
    secrets.add(`${r.building}号楼${r.room}`);
    secrets.add(r.room);
  }
  // Rooms known only from the people config were never posted anywhere.
  for (const p of setup.people ?? []) if (p.room) secrets.add(p.room);
  for (const t of privateTexts) for (const m of t.matchAll(/\d{2}度\d|\d{2}\.\d/g)) secrets.add(m[0]);

  const leaks: string[] = [];
  for (const o of out) {
    if (!o.room || !o.text) continue;
    const postedHere = input
      .filter((l) => l.room === o.room && typeof l.at === 'string' && (l.at as string) <= (o.at ?? ''))
      .map((l) => String(l.text))
      .join('\n');
    for (const s of secrets) {
      if (s && o.text.includes(s) && !postedHere.includes(s)) leaks.push(`${o.at} ${o.room}: "${s}" in ${JSON.stringify(o.text)}`);
    }
  }
  return leaks;
}

/** A private output line: `toId` is there when the contact reached is not the one the name finds first. */
type PrivateOut = ReplayOutput & { toId?: string };

/** The roster rows of the state itself: the callback roster and every campaign's people. */
export function rosterRowsOf(state: BotState): RosterRow[] {
  return [
    ...state.roster.map((r) => ({ name: r.name, phone: r.phone, building: r.building, room: r.room })),
    ...state.campaigns.flatMap((c) =>
      c.people.map((p) => ({ name: p.name, phone: (p as { phone?: string }).phone ?? '', building: p.building, room: p.room })),
    ),
  ];
}

/**
 * Staff data in private messages to contacts that are not staff (not listed as staff in the
 * setup, not enrolled in the final state, or a namesake reached by another contact id). What the
 * recipient wrote themselves, or what was posted in a group before, is theirs to see again.
 */
export function findStaffDataLeaks(input: Record<string, unknown>[], out: ReplayOutput[], state: BotState): string[] {
  const setup = (input.find((l) => 'setup' in l)?.setup ?? {}) as { roster?: RosterRow[]; people?: { name: string; role?: string }[] };
  const staffNames = new Set([
    ...(setup.people ?? []).filter((p) => p.role && p.role !== 'resident').map((p) => p.name),
    ...state.staff.map((s) => s.name),
  ]);
  const staffIds = new Set(state.staff.flatMap((s) => (s.contactId ? [s.contactId] : [])));
  const isStaff = (o: PrivateOut): boolean => (o.toId ? staffIds.has(o.toId) : staffNames.has(o.to ?? ''));

  const secrets = new Set<string>();
  for (const r of [...(setup.roster ?? []), ...rosterRowsOf(state)]) {
    if (r.name.length >= 2) secrets.add(r.name);
    if (r.phone) secrets.add(r.phone);
    secrets.add(`${r.building}号楼${r.room}`);
  }
  const askers = new Set(state.handoffs.map((h) => h.asker));
  // Codes sent to anyone: one contact's code must never reach another.
  const codes = new Set(out.flatMap((o) => (o.to ? [...(o.text ?? '').matchAll(/(?<!\d)\d{8}(?!\d)/g)].map((m) => m[0]) : [])));

  const leaks: string[] = [];
  for (const o of out as PrivateOut[]) {
    if (!o.to || !o.text || isStaff(o)) continue;
    const own = input
      .filter((l) => typeof l.at === 'string' && (l.at as string) <= (o.at ?? '') && (l.from === o.to || typeof l.room === 'string'))
      .map((l) => String(l.text ?? ''))
      .join('\n');
    const check = (s: string, what: string) => {
      if (s && o.text!.includes(s) && !own.includes(s))
        leaks.push(`${o.at} to ${o.to}${o.toId ? `#${o.toId}` : ''}: ${what} "${s}" in ${JSON.stringify(o.text)}`);
    };
    for (const s of secrets) check(s, 'roster data');
    for (const c of codes) check(c, 'a code');
    for (const a of askers) if (a !== o.to) check(a, 'a hand-off asker');
  }
  return leaks;
}
