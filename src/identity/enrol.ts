// Enrolment and room binding as changes to the trust part of the state; the CLI and the chat
// commands both call these, inside a unit of work.
import { codeExpiry, hashCode, newCode, recordForCode } from './codes.ts';
import { remarkFor } from './resolve.ts';
import type { RoomBinding, RoomKind, StaffRecord, StaffRole, TrustState } from './types.ts';

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

/** Binds the contact that sent a valid code; the code is spent. */
export function redeemCode(state: TrustState, code: string, contactId: string, now: Date): StaffRecord | null {
  const record = recordForCode(state.staff, code, now);
  if (!record) return null;
  // One contact is one staff member: a contact bound to someone else is released first.
  for (const other of state.staff) if (other !== record && other.contactId === contactId) other.contactId = null;
  record.contactId = contactId;
  record.remark = remarkFor(record.name);
  record.enrolledAt = now.toISOString();
  record.code = null;
  return record;
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
