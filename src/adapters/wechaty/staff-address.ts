// How the transport reaches an enrolled staff member: the remark the bot gave their contact
// (kept by WeChat across logins), then the bound id; never a display name.
import { staffNamed } from '../../identity/resolve.ts';
import type { TrustState } from '../../identity/types.ts';

export interface StaffAddress {
  name: string;
  remark: string | null;
  contactId: string | null;
}

export function staffAddress(state: TrustState, name: string): StaffAddress | null {
  const s = staffNamed(state.staff, name);
  return s ? { name: s.name, remark: s.remark, contactId: s.contactId } : null;
}
