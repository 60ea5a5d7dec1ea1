// Who may use the web page, and how a login code reaches them. Today this reads the Directory
// (grid workers and admins from config) and web.unionStaff; the identity work (issue 10) will
// back it with enrolment records instead. Residents and unknown names get null: no access.
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

export function directoryStaffAccess(bot: Bot, unionStaff: readonly string[]): StaffAccess {
  const union = new Set(unionStaff);
  return {
    findStaff(name) {
      const wanted = name.trim();
      if (!wanted) return null;
      const { directory } = bot.services;
      if (directory.knowsPerson(wanted)) {
        const p = directory.person(wanted);
        if (p.role === 'admin') return { key: `person:${p.name}`, name: p.name, role: 'admin', grid: null };
        if (p.role === 'grid_worker' && p.grid) return { key: `person:${p.name}`, name: p.name, role: 'grid_worker', grid: p.grid };
      }
      if (union.has(wanted)) return { key: `person:${wanted}`, name: wanted, role: 'union_staff', grid: null };
      return null;
    },
    sendCode(staff, text) {
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
