// Changing a campaign: a visit recorded, its needs kept as follow-up cases for the visitor.
import { localDate } from '../time.ts';
import type { Campaign, CampaignPerson, FollowUp, VisitRecord } from './types.ts';
import type { VisitReading } from './interpret.ts';

export interface Recorded {
  visit: VisitRecord | null;
  newFollowups: FollowUp[];
  settled: FollowUp[];
}

export function recordVisit(
  c: Campaign,
  person: CampaignPerson,
  reading: VisitReading,
  by: { visitor: string; at: Date; text: string },
): Recorded {
  const at = by.at.toISOString();
  const settled: FollowUp[] = [];
  if (reading.settled) {
    for (const f of c.followups) {
      if (f.personId !== person.id || f.doneAt) continue;
      f.doneAt = at;
      settled.push(f);
    }
  }
  let visit: VisitRecord | null = null;
  if (reading.outcome) {
    visit = {
      personId: person.id,
      visitor: by.visitor,
      at,
      date: localDate(by.at),
      outcome: reading.outcome,
      proxy: reading.proxy,
      needs: reading.needs,
      text: by.text,
    };
    c.visits.push(visit);
  }
  const newFollowups: FollowUp[] = [];
  for (const need of reading.needs) {
    if (c.followups.some((f) => f.personId === person.id && !f.doneAt && f.need === need)) continue;
    const f: FollowUp = {
      id: `${c.id}-F${c.followups.length + 1}`,
      campaignId: c.id,
      personId: person.id,
      worker: person.visitor,
      need,
      at,
      doneAt: null,
    };
    c.followups.push(f);
    newFollowups.push(f);
  }
  return { visit, newFollowups, settled };
}

/** Takes back the visitor's last record on this campaign (不对). */
export function undoLastVisit(c: Campaign, visitor: string): VisitRecord | null {
  const i = c.visits.findLastIndex((v) => v.visitor === visitor);
  if (i < 0) return null;
  const [gone] = c.visits.splice(i, 1);
  c.followups = c.followups.filter((f) => !(f.personId === gone.personId && f.at === gone.at));
  return gone;
}

export function openFollowups(c: Campaign, worker: string | null): FollowUp[] {
  return c.followups.filter((f) => !f.doneAt && (worker === null || f.worker === worker));
}
