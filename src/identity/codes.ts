// One-time enrolment codes: eight digits (easy to type on a phone), valid 30 minutes, used once.
// Only a hash is saved, so a copy of the state file does not hand out a valid code.
import { createHash, randomInt } from 'node:crypto';
import type { StaffRecord } from './types.ts';

export const CODE_MINUTES = 30;
/**
 * Guessing: a contact that sent this many wrong codes within the window is refused (even a right
 * code) until the oldest of them leaves the window. Eight digits and five guesses per half hour
 * put a guess's odds far below anything worth trying.
 */
export const MISS_LIMIT = 5;
export const MISS_WINDOW_MINUTES = 30;
const CODE_RE = /^(?:登记码|验证码|绑定码|邀请码|登记|绑定)?[:：\s]*(\d{8})[。.!！]?$/;

export function newCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}

export function hashCode(code: string): string {
  return createHash('sha256').update(`linli-enrol:${code}`).digest('hex');
}

/** The code in a private message, if the message is just a code. */
export function codeInText(text: string): string | null {
  return CODE_RE.exec(text.trim())?.[1] ?? null;
}

/** The record waiting for this code, if it is still valid at `now`. */
export function recordForCode(staff: readonly StaffRecord[], code: string, now: Date): StaffRecord | null {
  const hash = hashCode(code);
  return staff.find((s) => s.code !== null && s.code.hash === hash && Date.parse(s.code.expiresAt) > now.getTime()) ?? null;
}

export function codeExpiry(now: Date): string {
  return new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString();
}
