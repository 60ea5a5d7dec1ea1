// Where a campaign stands: each person's latest visit, counts per visitor and overall.
import { daysBetween } from '../time.ts';
import type { Campaign, CampaignPerson, VisitOutcome, VisitRecord } from './types.ts';

export type PersonStatus = VisitOutcome | 'pending';

export interface CampaignCounts {
  total: number;
  visited: number;
  unreachable: number;
  declined: number;
  pending: number;
  /** People with a need heard on the visit. */
  needs: number;
}

export function latestVisit(c: Campaign, personId: string): VisitRecord | null {
  return c.visits.filter((v) => v.personId === personId).at(-1) ?? null;
}

export function statusOf(c: Campaign, p: CampaignPerson): PersonStatus {
  return latestVisit(c, p.id)?.outcome ?? 'pending';
}

export function countCampaign(c: Campaign, people: readonly CampaignPerson[] = c.people): CampaignCounts {
  const counts: CampaignCounts = { total: people.length, visited: 0, unreachable: 0, declined: 0, pending: 0, needs: 0 };
  for (const p of people) {
    counts[statusOf(c, p)] += 1;
    if (c.followups.some((f) => f.personId === p.id)) counts.needs += 1;
  }
  return counts;
}

export function visitors(c: Campaign): string[] {
  return [...new Set(c.people.map((p) => p.visitor))];
}

export function peopleOf(c: Campaign, visitor: string): CampaignPerson[] {
  return c.people.filter((p) => p.visitor === visitor);
}

/** Still to do: never visited, or not reached yet (a second try is worth it). */
export function toVisit(c: Campaign, visitor: string): CampaignPerson[] {
  return peopleOf(c, visitor).filter((p) => {
    const s = statusOf(c, p);
    return s === 'pending' || s === 'unreachable';
  });
}

/** A campaign takes reports from its start until a week after its deadline (late news still counts). */
export function isActive(c: Campaign, today: string): boolean {
  return today >= c.start && daysBetween(c.deadline, today) <= 7;
}

export type ReminderKind = 'start' | 'weekly' | 'final_days' | null;

/**
 * What a campaign's calendar asks for today: the start notice on its first day (or the first
 * run after it, if missed), a daily reminder in the last three days, a weekly one every seventh day.
 */
export function reminderDue(c: Campaign, today: string): ReminderKind {
  if (today < c.start || today > c.deadline) return null;
  if (!c.startNoticeAt) return 'start';
  if (c.remindedDates.includes(today)) return null;
  const left = daysBetween(today, c.deadline);
  if (left <= 2) return 'final_days';
  const since = daysBetween(c.start, today);
  if (since > 0 && since % 7 === 0) return 'weekly';
  return null;
}

export function finalReportDue(c: Campaign, today: string): boolean {
  return !c.finalReportAt && today >= c.deadline;
}
