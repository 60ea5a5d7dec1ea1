// What the web routes share: the running app, logins, the audit log, live updates.
import type { App } from '../app.ts';
import type { AidRequest } from '../domain/aid/types.ts';
import type { RosterEntry } from '../domain/callbacks/index.ts';
import type { JsonlAuditLog } from '../store/audit-log.ts';
import type { Auth } from './auth.ts';
import type { LiveHub } from './live.ts';
import { canSeeGrid, type Staff, type StaffAccess } from './staff-access.ts';

export interface WebEnv {
  app: Pick<App, 'bot' | 'config' | 'configDir' | 'useKnowledgeBase'>;
  access: StaffAccess;
  auth: Auth;
  audit: JsonlAuditLog;
  hub: LiveHub;
}

export const nowOf = (env: WebEnv): Date => env.app.bot.services.clock.now();

/** The grid a roster entry belongs to: its worker's grid. */
export function gridOfEntry(env: WebEnv, e: RosterEntry): string | null {
  return env.app.bot.services.directory.person(e.worker).grid;
}

export function visibleRequests(env: WebEnv, staff: Staff): AidRequest[] {
  return env.app.bot.state.aid.requests.filter((r) => canSeeGrid(staff, r.grid));
}

export function visibleRoster(env: WebEnv, staff: Staff): RosterEntry[] {
  return env.app.bot.state.roster.filter((e) => canSeeGrid(staff, gridOfEntry(env, e)));
}

/** Writes one line to the audit log for a staff action. */
export function audit(env: WebEnv, staff: Staff, action: string, detail: Record<string, unknown>): Promise<void> {
  const subject = String(detail.request ?? detail.handoff ?? detail.file ?? detail.entry ?? '');
  env.audit.append({ at: nowOf(env).toISOString(), by: staff.name, role: staff.role, action, subject, detail });
  return Promise.resolve();
}
