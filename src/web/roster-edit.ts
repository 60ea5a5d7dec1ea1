// Editing the roster one person at a time from the page: the same row check as a file import
// (src/roster-io/validate.ts), plus the import's duplicate rule against the rest of the roster.
// A bad row changes nothing; the route shows its problems.
import type { RosterEntry } from '../domain/callbacks/index.ts';
import { validateRosterRow, type RawRosterRow } from '../roster-io/validate.ts';
import type { BotState } from '../store/state.ts';

export const ROSTER_FIELDS = ['name', 'building', 'unit', 'room', 'phone', 'worker', 'frequency', 'note'] as const;

export type RosterForm = Record<(typeof ROSTER_FIELDS)[number], string>;

export type RosterCheck = { ok: true; entry: RosterEntry } | { ok: false; problems: string[] };

/**
 * The form as a roster entry, or every problem with it. `replacing` is the entry being edited:
 * a blank phone keeps its number (the page never shows the number back), and it may keep its id.
 */
export function checkRosterForm(roster: readonly RosterEntry[], form: RosterForm, replacing: RosterEntry | null): RosterCheck {
  const raw: RawRosterRow = { ...form, phone: form.phone.trim() === '' && replacing ? replacing.phone : form.phone };
  const { entry, problems } = validateRosterRow(raw);
  const reasons = problems.map((p) => p.reason);
  if (entry && roster.some((e) => e.id === entry.id && e.id !== replacing?.id))
    reasons.push(`名单里已经有${entry.name}(同一姓名、同一房间)`);
  return entry && reasons.length === 0 ? { ok: true, entry } : { ok: false, problems: reasons };
}

/** The fields an edit changed (names only: the audit log carries no phone or room). */
export function changedFields(before: RosterEntry, after: RosterEntry): string[] {
  const keys: (keyof RosterEntry)[] = ['name', 'building', 'unit', 'room', 'phone', 'worker', 'frequency', 'note'];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * Replaces an entry in the state. The id follows name and address (so a later import finds the
 * same person); when it changes, the live records that point at the old id follow it, so the
 * person keeps their call history, today's escalation mark and any open question about them.
 */
export function replaceEntry(s: BotState, oldId: string, entry: RosterEntry): boolean {
  const i = s.roster.findIndex((e) => e.id === oldId);
  if (i < 0) return false;
  s.roster[i] = entry;
  if (entry.id !== oldId) {
    for (const c of s.calls) if (c.rosterId === oldId) c.rosterId = entry.id;
    s.callbackEscalations = s.callbackEscalations.map((k) => (k.startsWith(`${oldId}:`) ? entry.id + k.slice(oldId.length) : k));
    for (const q of s.clarifications) q.candidateIds = q.candidateIds.map((id) => (id === oldId ? entry.id : id));
  }
  return true;
}

/** An entry as the form shows it (the phone left blank: typing one replaces it). */
export function formOf(e: RosterEntry, frequency: string): RosterForm {
  return { name: e.name, building: e.building, unit: e.unit ?? '', room: e.room, phone: '', worker: e.worker, frequency, note: e.note };
}
