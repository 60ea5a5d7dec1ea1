// Login by one-time code and the sessions that follow. Kept in memory: a restart logs staff out,
// and no code or session ever reaches the state file except the code's own WeChat message.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Staff } from './staff-access.ts';

export const CODE_MINUTES = 10;
const CODE_TRIES = 5;
const SESSION_HOURS = 12;
/** A name gets at most this many codes in CODE_WINDOW_MINUTES (the route also limits per address). */
const CODES_PER_NAME = 3;
const CODE_WINDOW_MINUTES = 15;

export interface Session {
  id: string;
  csrf: string;
  staff: Staff | null;
  expires: number;
}

interface PendingCode {
  code: string;
  staff: Staff;
  expires: number;
  tries: number;
}

const token = (bytes = 24): string => randomBytes(bytes).toString('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class Auth {
  private readonly sessions = new Map<string, Session>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly issued = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A session for a visitor not logged in yet: it carries the CSRF token of the login forms. */
  anonymous(): Session {
    return this.store({ id: token(), csrf: token(), staff: null, expires: this.now() + 3600_000 });
  }

  session(id: string | undefined): Session | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    if (s.expires < this.now()) {
      this.sessions.delete(id);
      return null;
    }
    return s;
  }

  checkCsrf(session: Session | null, sent: unknown): boolean {
    return Boolean(session) && typeof sent === 'string' && sameText(sent, session!.csrf);
  }

  /** A fresh code for this staff member, or null when they asked too often. */
  issueCode(staff: Staff): string | null {
    const now = this.now();
    const recent = (this.issued.get(staff.key) ?? []).filter((t) => t > now - CODE_WINDOW_MINUTES * 60_000);
    if (recent.length >= CODES_PER_NAME) return null;
    this.issued.set(staff.key, [...recent, now]);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.codes.set(staff.key, { code, staff, expires: now + CODE_MINUTES * 60_000, tries: 0 });
    return code;
  }

  /** The logged-in session (a new id: the anonymous one is dropped), or null for a wrong or old code. */
  verify(staffKey: string, code: string, previous: Session | null): Session | null {
    const pending = this.codes.get(staffKey);
    if (!pending || pending.expires < this.now()) return null;
    pending.tries += 1;
    if (!sameText(code.trim(), pending.code)) {
      if (pending.tries >= CODE_TRIES) this.codes.delete(staffKey);
      return null;
    }
    this.codes.delete(staffKey);
    if (previous) this.sessions.delete(previous.id);
    return this.store({ id: token(), csrf: token(), staff: pending.staff, expires: this.now() + SESSION_HOURS * 3600_000 });
  }

  logout(session: Session): void {
    this.sessions.delete(session.id);
  }

  private store(s: Session): Session {
    // Old sessions go when new ones come: the map never grows without bound.
    if (this.sessions.size > 1000) for (const [id, old] of this.sessions) if (old.expires < this.now()) this.sessions.delete(id);
    this.sessions.set(s.id, s);
    return s;
  }
}
