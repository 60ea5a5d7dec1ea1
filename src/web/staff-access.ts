// Who may use the web page, and how a login code reaches them: staff enrolled to a WeChat contact
// (src/identity). A display name proves nothing: the code goes to the bound contact only, so
// typing a worker's name on the login page gives an impostor nothing. Residents get no access.
import type { Bot } from '../bot/bot.ts';

export type StaffRole = 'grid_worker' | 'admin' | 'union_staff';

export interface Staff {
  /** Stable key for sessions and the audit log. */
  key: string;
  name: string;
  role: StaffRole;
  grid: string | null;
}

export interface StaffAccess {
  findStaff(name: string): Staff | null;
  /** Queues a private message to the staff member through the bot (persisted with the outbox). */
  sendCode(staff: Staff, text: string): Promise<boolean>;
}

export function enrolledStaffAccess(bot: Bot): StaffAccess {
  return {
    findStaff(name) {
      const wanted = name.trim();
      if (!wanted) return null;
      // person() is an enrolled staff member only when one is bound to a contact; else a resident.
      const p = bot.services.directory.person(wanted);
      if (p.role === 'admin' || p.role === 'union_staff') return { key: `staff:${p.name}`, name: p.name, role: p.role, grid: null };
      if (p.role === 'grid_worker' && p.grid) return { key: `staff:${p.name}`, name: p.name, role: 'grid_worker', grid: p.grid };
      return null;
    },
    sendCode(staff, text) {
      // A private message to a staff name is delivered to the contact bound at enrolment (remark, then id).
      return bot.change((_s, outbox) => outbox.toPerson(staff.name, text));
    },
  };
}

export const ROLE_LABEL: Record<StaffRole, string> = { grid_worker: '网格员', admin: '管理员', union_staff: '工会工作人员' };

/** Which pages a role sees. */
export const canSeeCommunity = (s: Staff): boolean => s.role === 'admin' || s.role === 'grid_worker';
export const canSeeUnion = (s: Staff): boolean => s.role === 'admin' || s.role === 'union_staff';
/** A grid worker sees their own grid only; admins every grid. */
export const canSeeGrid = (s: Staff, grid: string | null): boolean => s.role === 'admin' || (s.role === 'grid_worker' && grid === s.grid);
