// Enrolment and room binding as changes to the trust part of the state; the CLI and the chat
// commands both call these, inside a unit of work.
import { codeExpiry, hashCode, MISS_LIMIT, MISS_WINDOW_MINUTES, newCode, recordForCode } from './codes.ts';
import { remarkFor } from './resolve.ts';
import type { CodeMiss, RoomBinding, RoomKind, StaffRecord, StaffRole, TrustState } from './types.ts';

export interface StaffSpec {
  name: string;
  role: StaffRole;
  grid: string | null;
}

/**
 * Adds (or re-issues) a staff member waiting for their code. A re-issue keeps an existing binding
 * until the new code is used: the old contact stays staff, and the role and grid change at once.
 */
export function addStaff(state: TrustState, spec: StaffSpec, by: string, now: Date): string {
  const code = newCode();
  const pending = { hash: hashCode(code), expiresAt: codeExpiry(now) };
  const existing = state.staff.find((s) => s.name === spec.name);
  if (existing) {
    existing.role = spec.role;
    existing.grid = spec.grid;
    existing.code = pending;
  } else {
    state.staff.push({
      name: spec.name,
      role: spec.role,
      grid: spec.grid,
      contactId: null,
      remark: null,
      enrolledAt: null,
      addedAt: now.toISOString(),
      addedBy: by,
      code: pending,
    });
  }
  return code;
}

/** Enrols without a code, bound to a known contact id (a test's or a replay's setup). */
export function enrolDirectly(state: TrustState, spec: StaffSpec, contactId: string, by: string, now: Date): void {
  if (state.staff.some((s) => s.name === spec.name)) return;
  state.staff.push({
    ...spec,
    contactId,
    // The transport gives the contact this remark on the first private message (by id).
    remark: remarkFor(spec.name),
    enrolledAt: now.toISOString(),
    addedAt: now.toISOString(),
    addedBy: by,
    code: null,
  });
}

export function removeStaff(state: TrustState, name: string): StaffRecord | null {
  const i = state.staff.findIndex((s) => s.name === name);
  if (i < 0) return null;
  const [gone] = state.staff.splice(i, 1);
  return gone ?? null;
}

export type Redemption =
  | { kind: 'enrolled'; record: StaffRecord }
  | { kind: 'wrong' }
  /** Too many wrong codes from this contact: refused until `until` (ISO), whatever the code. */
  | { kind: 'locked'; until: string };

/**
 * Binds the contact that sent a valid code; the code is spent. Wrong codes are counted per
 * contact: past the limit the contact is refused for a while, and a right code does not help.
 */
export function redeemCode(state: TrustState & { codeMisses: CodeMiss[] }, code: string, contactId: string, now: Date): Redemption {
  const windowStart = now.getTime() - MISS_WINDOW_MINUTES * 60_000;
  // Misses older than the window no longer count: drop them so the list stays small.
  const kept = state.codeMisses.filter((m) => Date.parse(m.at) > windowStart);
  if (kept.length !== state.codeMisses.length) state.codeMisses.splice(0, state.codeMisses.length, ...kept);
  const mine = kept.filter((m) => m.contactId === contactId);
  if (mine.length >= MISS_LIMIT) {
    const oldest = Math.min(...mine.slice(-MISS_LIMIT).map((m) => Date.parse(m.at)));
    return { kind: 'locked', until: new Date(oldest + MISS_WINDOW_MINUTES * 60_000).toISOString() };
  }
  const record = recordForCode(state.staff, code, now);
  if (!record) {
    state.codeMisses.push({ contactId, at: now.toISOString() });
    return { kind: 'wrong' };
  }
  // One contact is one staff member: a contact bound to someone else is released first.
  for (const other of state.staff) if (other !== record && other.contactId === contactId) other.contactId = null;
  record.contactId = contactId;
  record.remark = remarkFor(record.name);
  record.enrolledAt = now.toISOString();
  record.code = null;
  return { kind: 'enrolled', record };
}

export interface RoomSpec {
  kind: RoomKind;
  building: string | null;
  grid: string | null;
}

export function bindRoom(state: TrustState, room: { id: string; topic: string }, spec: RoomSpec, by: string, now: Date): RoomBinding {
  // A binding from the command line has no id yet (''): it is matched by topic until the group speaks.
  const others = state.roomBindings.filter((b) => !(room.id && b.roomId === room.id) && b.topic !== room.topic);
  const binding: RoomBinding = { roomId: room.id, topic: room.topic, ...spec, boundAt: now.toISOString(), boundBy: by };
  state.roomBindings.splice(0, state.roomBindings.length, ...others, binding);
  return binding;
}

/** A bound group was renamed (Wechaty's room-topic event, or a message under a new topic). */
export function followTopic(state: TrustState, roomId: string, topic: string): boolean {
  const b = state.roomBindings.find((r) => r.roomId === roomId);
  if (!b || b.topic === topic) return false;
  b.topic = topic;
  return true;
}
