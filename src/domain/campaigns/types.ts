// Visit campaigns (走访活动): a named list of people, each with a visitor, visited once before a deadline.
import type { PersonAtHome } from '../callbacks/types.ts';

export interface CampaignPerson extends PersonAtHome {
  visitor: string;
}

/** visited: seen and given what the campaign brings (family taking it counts, with `proxy`). */
export const VISIT_OUTCOMES = ['visited', 'unreachable', 'declined'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export interface VisitRecord {
  personId: string;
  visitor: string;
  at: string;
  date: string;
  outcome: VisitOutcome;
  proxy: boolean;
  /** Needs in the visitor's words (家里暖气不热); kept as follow-up cases, never posted to groups. */
  needs: string[];
  text: string;
}

export interface FollowUp {
  id: string;
  campaignId: string;
  personId: string;
  /** The visitor who heard it: the case is theirs. */
  worker: string;
  need: string;
  at: string;
  doneAt: string | null;
}

export interface Campaign {
  id: string;
  name: string;
  /** Shanghai dates, YYYY-MM-DD. */
  start: string;
  deadline: string;
  people: CampaignPerson[];
  visits: VisitRecord[];
  followups: FollowUp[];
  startNoticeAt: string | null;
  /** Dates a reminder already went out, so a catch-up never sends one twice. */
  remindedDates: string[];
  finalReportAt: string | null;
}
