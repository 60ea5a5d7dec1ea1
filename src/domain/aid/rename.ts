// A group renamed: the open requests and standing offers posted there, and who spoke there, follow
// the new topic, so relays, @-mentions and closing notices about them still reach the group.
// Closed records keep the name the group had then (history says where it happened).
import { isOpen, type AidState } from './types.ts';
import { AidWork, type AidOutcome } from './work.ts';

export function renameRoom(state: AidState, from: string, to: string): AidOutcome {
  const work = new AidWork(state);
  if (from === to) return work.outcome([]);
  for (const r of work.allRequests()) {
    if (!isOpen(r)) continue;
    const posted = r.room === from;
    const answered = r.offers.some((o) => o.room === from);
    if (!posted && !answered) continue;
    const req = work.edit(r);
    if (posted) req.room = to;
    for (const o of req.offers) if (o.room === from) o.room = to;
  }
  for (const o of work.allOffers()) if (o.active && o.room === from) work.editOffer(o).room = to;
  const speakers = work.speakersIn(from);
  if (speakers) {
    work.setSpeakers(to, [...new Set([...(work.speakersIn(to) ?? []), ...speakers])]);
  }
  return work.outcome([]);
}
