// Everything the bot remembers, as one JSON document (lowdb on disk, plain object in tests).
import { emptyAidState, type AidState } from '../domain/aid/types.ts';
import type { CallRecord, RosterEntry } from '../domain/callbacks/index.ts';

export interface Handoff {
  id: string;
  question: string;
  asker: string;
  room: string | null;
  at: string;
  /** When it went out in a staff digest; never sent twice. */
  digestedAt: string | null;
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
  suggestions: PendingSuggestion[];
  /** Recently handled message ids: the same message is never handled twice. */
  seenMessageIds: string[];
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
    suggestions: [],
    seenMessageIds: [],
  };
}

/** Fills fields a file written by an older version lacks. */
export function upgradeState(raw: Partial<BotState> | null | undefined): BotState {
  const base = emptyState();
  if (!raw || typeof raw !== 'object') return base;
  return { ...base, ...raw, aid: { ...base.aid, ...(raw.aid ?? {}) } };
}
