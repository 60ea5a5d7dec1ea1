// From a contact or a room as the transport saw it to the record the bot trusts.
import type { RoomBinding, StaffRecord } from './types.ts';

/** The remark the bot gives a bound staff contact; a display name can copy a name, never a remark. */
export function remarkFor(name: string): string {
  return `邻里员工-${name}`;
}

export interface ContactRef {
  id: string;
  /** The remark (alias) the bot's account gave this contact, if any. */
  remark?: string | null;
}

/** The enrolled staff record of a contact: by remark first (kept across logins), then by id. */
export function staffOfContact(staff: readonly StaffRecord[], contact: ContactRef): StaffRecord | null {
  const enrolled = staff.filter((s) => s.enrolledAt !== null);
  if (contact.remark) {
    const byRemark = enrolled.find((s) => s.remark !== null && s.remark === contact.remark);
    if (byRemark) return byRemark;
  }
  return enrolled.find((s) => s.contactId !== null && s.contactId === contact.id) ?? null;
}

/** An enrolled staff member by the name the bot uses for them. */
export function staffNamed(staff: readonly StaffRecord[], name: string): StaffRecord | null {
  return staff.find((s) => s.enrolledAt !== null && s.name === name) ?? null;
}

/** A group's binding: by id first, then by topic (ids change with a login, topics with a rename). */
export function bindingOfRoom(bindings: readonly RoomBinding[], room: { id: string; topic: string }): RoomBinding | null {
  return bindings.find((b) => b.roomId !== '' && b.roomId === room.id) ?? bindings.find((b) => b.topic === room.topic) ?? null;
}
