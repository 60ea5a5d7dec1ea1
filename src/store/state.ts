// Everything the bot remembers, as one JSON document (lowdb on disk, plain object in tests).
import { emptyAidState, type AidState } from '../domain/aid/types.ts';
import type { CallRecord, RosterEntry } from '../domain/callbacks/index.ts';
// The store sits below the bot: a message to send is the domain's Effect (the bot's OutgoingMessage has the same shape).
import type { Effect } from '../domain/effects.ts';
import type { Campaign } from '../domain/campaigns/types.ts';
import { emptyActivityState, type ActivityState } from '../domain/signups/types.ts';
import type { CodeMiss, RoomBinding, StaffRecord } from '../identity/types.ts';

export interface Handoff {
  id: string;
  question: string;
  asker: string;
  room: string | null;
  at: string;
  /** When it went out in a staff digest; never sent twice. */
  digestedAt: string | null;
  /** Answered by staff on the web page (absent in old state and while unanswered). */
  answeredAt?: string;
  answeredBy?: string;
}

/** What staff did to an aid request on the web page: shown in its timeline. */
export interface StaffNote {
  requestId: string;
  kind: 'note' | 'assign' | 'close';
  by: string;
  at: string;
  text: string;
}

export interface PendingSuggestion {
  asker: string;
  room: string | null;
  at: string;
  answerIds: string[];
}

/** A report the bot asked back about because two people fit the name. */
export interface PendingClarification {
  worker: string;
  text: string;
  candidateIds: string[];
  at: string;
}

/**
 * A message the bot decided to send, saved with the change that caused it and sent by the
 * outbox sender apart from message handling; removed only when the transport confirmed it.
 */
export interface PendingMessage {
  id: number;
  out: Effect;
  /** When it was decided (ISO); pacing and the order of sends follow it. */
  at: string;
  /** A notice about an open request (a relay, an alert): dropped unsent once the request has closed. */
  whileOpen?: string;
}

/** Union questions the bot answered, offered choices for, or handed to staff, on one local day. */
export interface FaqDayCount {
  answered: number;
  suggested: number;
  handedOff: number;
}

/** Small per-day counters for the staff page's charts (records themselves may move to the archive). */
export interface StatsState {
  /** By local date (yyyy-mm-dd). */
  faq: Record<string, FaqDayCount>;
}

export interface BotState {
  version: 1;
  aid: AidState;
  roster: RosterEntry[];
  calls: CallRecord[];
  /** Call ids keep counting after old calls move to the archive. */
  nextCallId: number;
  /** Admin escalations already sent: `${rosterId}:${date}`. */
  callbackEscalations: string[];
  clarifications: PendingClarification[];
  handoffs: Handoff[];
  /** Hand-off ids keep counting after old hand-offs move to the archive. */
  nextHandoffId: number;
  /** The day of the first call ever recorded (yyyy-mm-dd): figures read it once old calls have moved. */
  callsBegan: string | null;
  /** Visit campaigns (送春联 …): their people, visits and follow-up cases. */
  campaigns: Campaign[];
  /** Union activities and their sign-ups. */
  activities: ActivityState;
  suggestions: PendingSuggestion[];
  /** Recently handled message ids: the same message is never handled twice. */
  seenMessageIds: string[];
  /** Messages decided and not yet confirmed sent, oldest first. */
  outbox: PendingMessage[];
  nextMessageId: number;
  /** Each scheduled job's last run (ISO), so a job missed while the bot was down runs once on start. */
  jobRuns: Record<string, string>;
  /** Staff notes, hand-overs and closes made on the web page. */
  staffNotes: StaffNote[];
  /** Staff enrolled to a WeChat contact (src/identity): only they get staff behaviour. */
  staff: StaffRecord[];
  /** Groups an admin bound to a kind, building and grid; unbound groups are `other` (or the config's). */
  roomBindings: RoomBinding[];
  /** Wrong enrolment codes of the last half hour, per contact (the guess limit). */
  codeMisses: CodeMiss[];
  stats: StatsState;
}

export function emptyState(): BotState {
  return {
    version: 1,
    aid: emptyAidState(),
    roster: [],
    calls: [],
    nextCallId: 1,
    callbackEscalations: [],
    clarifications: [],
    handoffs: [],
    nextHandoffId: 1,
    callsBegan: null,
    campaigns: [],
    activities: emptyActivityState(),
    suggestions: [],
    seenMessageIds: [],
    outbox: [],
    nextMessageId: 1,
    jobRuns: {},
    staffNotes: [],
    staff: [],
    roomBindings: [],
    codeMisses: [],
    stats: { faq: {} },
  };
}

/** Fills fields a file written by an older version lacks. */
export function upgradeState(raw: Partial<BotState> | null | undefined): BotState {
  const base = emptyState();
  if (!raw || typeof raw !== 'object') return base;
  return {
    ...base,
    ...raw,
    // Saved before ids had a counter: ids were Q1, Q2 … by position, and no hand-off had moved.
    nextHandoffId: raw.nextHandoffId ?? (raw.handoffs?.length ?? 0) + 1,
    callsBegan: raw.callsBegan ?? raw.calls?.reduce<string | null>((min, c) => (min === null || c.date < min ? c.date : min), null) ?? null,
    aid: { ...base.aid, ...(raw.aid ?? {}) },
    activities: { ...base.activities, ...(raw.activities ?? {}) },
    stats: { ...base.stats, ...(raw.stats ?? {}) },
  };
}
