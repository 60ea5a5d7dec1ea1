// Vocabulary of the daily-callback feature: who is on the roster, what a call found.
import type { ParsedItem } from '../types.ts';

/** Daily, weekly (due when the last successful call is 7+ days old), or given weekdays (0 = Sunday). */
export type Frequency = 'daily' | 'weekly' | { weekdays: number[] };

export interface RosterEntry {
  id: string;
  name: string;
  /** "1" for 1号楼. */
  building: string;
  unit: string | null;
  room: string;
  phone: string;
  /** The responsible grid worker's name. */
  worker: string;
  frequency: Frequency;
  /** 独居, 空巢, 腿脚不便 ...; may name a nickname (外号"胖婶"). */
  note: string;
}

export const CALL_OUTCOMES = ['reached', 'unreachable', 'visited'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const HEALTH_FLAGS = [
  'fever',
  'household_fever',
  'cough',
  'no_medicine',
  'needs_doctor',
  'fall',
  'low_mood',
  'breathing',
  'chest_pain',
  'unconscious',
] as const;
export type HealthFlag = (typeof HEALTH_FLAGS)[number];

export interface CallRecord {
  id: string;
  rosterId: string;
  worker: string;
  /** ISO instant of the report. */
  at: string;
  /** Shanghai calendar date, yyyy-mm-dd. */
  date: string;
  outcome: CallOutcome;
  flags: HealthFlag[];
  needs: ParsedItem[];
  /** The worker's words, as sent. */
  text: string;
  /** A good report ("正常", "退烧了") that supersedes earlier flags and needs. */
  clears?: boolean;
  /** Body temperature if stated (38.5). */
  temperature?: number | null;
  /** Failed attempts this record stands for (打了两次都没人接 -> 2); 1 when absent. */
  attempts?: number;
}

/** Where one due entry stands today. */
export type DayStatus = 'done' | 'unreachable' | 'pending';

/** A due entry with what a worker needs to see about it. */
export interface DueItem {
  entry: RosterEntry;
  status: DayStatus;
  /** Today's failed attempts (summing each record's `attempts`). */
  attemptsToday: number;
  /** The latest call before today (or today, for replies during the day), if any. */
  last: CallRecord | null;
  openFlags: HealthFlag[];
  openNeeds: ParsedItem[];
  /** Free text the caller may add (e.g. "止咳药已有人认领,待确认"). */
  extra?: string;
}

/** Counts for one day, one worker or a whole grid: never names. */
export interface DayCounts {
  due: number;
  done: number;
  unreachable: number;
  pending: number;
  /** Due entries with open health flags or needs at the end of the day. */
  flagged: number;
}

export interface WorkerDayCounts extends DayCounts {
  worker: string;
}

/** Per-worker totals over a date range (回访统计). */
export interface WorkerStats {
  worker: string;
  /** Sum over the days of entries due. */
  due: number;
  /** Due entry-days with a reached or visited call. */
  done: number;
  /** Home visits recorded. */
  visits: number;
  /** Unreachable attempts recorded. */
  unreachableAttempts: number;
  /** Due entry-days that ended without any successful call. */
  missed: number;
  /** Calls that recorded a health flag. */
  flaggedCalls: number;
}
