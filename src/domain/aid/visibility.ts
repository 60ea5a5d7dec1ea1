// What one grid worker may see of the grid's aid: a need another worker found on a callback
// keeps that worker's roster person private (no name, no room), as in the group post.
import type { AidState } from './types.ts';

export function aidSeenBy(aid: AidState, worker: string): AidState {
  return {
    ...aid,
    requests: aid.requests.map((r) =>
      r.onBehalfOf !== null && r.requester !== worker ? { ...r, onBehalfOf: null, location: { ...r.postedLocation } } : r,
    ),
  };
}
