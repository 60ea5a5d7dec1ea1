// Vocabulary of the daily-callback feature: who is on the roster, what a call found.
import type { ParsedItem } from '../types.ts';

/** Daily, weekly (due when the last successful call is 7+ days old), or given weekdays (0 = Sunday). */
export type Frequency = 'daily' | 'weekly' | { weekdays: number[] };

/** Someone staff look after at home: who, where, how to call, and what to know (the roster and campaign lists). */
export interface PersonAtHome {
  id: string;
  name: string;
  /** "1" for 1号楼. */
  building: string;
  unit: string | null;
  room: string;
  /** May be empty on a campaign list: a visit needs no phone. */
  phone: string;
  /** 独居, 空巢, 腿脚不便 ...; may name a nickname (外号"胖婶"). */
  note: string;
}

export interface RosterEntry extends PersonAtHome {
  /** The responsible grid worker's name. */
  worker: string;
  frequency: Frequency;
}

/**
 * reached: talked with the person; visited: saw them at home; unreachable: no news of them at all;
 * proxy: someone else answered or looked in (闺女接的, 楼长去看了说挺好), not the person;
 * delivery: the message only says a need was brought (no call).
 */
export const CALL_OUTCOMES = ['reached', 'unreachable', 'visited', 'proxy', 'delivery'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Why a call did not reach the person. */
export const UNREACHED_REASONS = [
  'no_answer',
  'not_heard',
  'busy',
  'switched_off',
  'out_of_service',
  'no_one_home',
  'away',
  'no_contact',
] as const;
export type UnreachedReason = (typeof UNREACHED_REASONS)[number];

/** Someone other than the person: who (闺女, 家属, 楼长) and how (answered the phone, looked in, told the worker). */
export interface ProxyContact {
  who: string;
  how: 'answered' | 'visited' | 'told';
}

/** A need brought to the person: what, by whom ('worker', 儿子, 邻居, or unknown), from the pickup point or not. */
export interface Delivery {
  items: ParsedItem[];
  by: string | null;
  fromPickup: boolean;
  /** Boxes/bottles taken (两盒 -> 2); 1 when not said. */
  count: number;
  /** 买了 (bought for them) rather than 送过去了. */
  bought?: boolean;
}

/** What recording a call changed elsewhere, so a correction (不对) can put it back. */
export interface CallEffects {
  /** The anonymous aid request this call posted. */
  posted?: string;
  /** Aid requests this call closed, with how they stood before. */
  closed?: { id: string; status: 'open' | 'matched'; helper: string | null; delivered: boolean }[];
  /** Stock taken from a pickup point. */
  stock?: { point: string; item: string; taken: number }[];
  /** The admin was alerted on danger words. */
  alerted?: boolean;
}

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
  /** Unreachable: why (关机, 停机, 没听见 ...). */
  reason?: UnreachedReason | null;
  /** Proxy: who answered or looked in. */
  proxy?: ProxyContact | null;
  /** Someone the worker asked to go and check (让邻居去敲门看看). */
  checkBy?: string | null;
  /** Needs brought to the person (by the worker, family or a neighbour). */
  delivered?: Delivery | null;
  effects?: CallEffects;
}

/** Where one due entry stands today: proxy means only someone else was reached. */
export type DayStatus = 'done' | 'proxy' | 'unreachable' | 'pending';

/** A due entry with what a worker needs to see about it. */
export interface DueItem {
  entry: RosterEntry;
  status: DayStatus;
  /** Today's failed attempts (summing each record's `attempts`). */
  attemptsToday: number;
  /** Today's latest record that did not reach the person (why, who answered, who went to check). */
  lastMiss?: CallRecord | null;
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
  /** Only someone else (family, a neighbour) was reached. */
  proxy: number;
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
