// Timed follow-through of unanswered requests: relay to the grid group, then tell the grid
// worker, then expire. Each level fires once and never for a matched or closed request.
import type { Effect } from '../effects.ts';
import { toPerson, toRoom } from '../effects.ts';
import type { AidEnv } from './settings.ts';
import type { AidRequest, AidState } from './types.ts';
import { isOpen } from './types.ts';
import { closeRequest } from './requests.ts';
import { AidWork, type AidOutcome } from './work.ts';
import { expiryNotice, gridRelay, workerAlert } from './texts.ts';

const minutesSince = (iso: string, now: Date): number => (now.getTime() - Date.parse(iso)) / 60000;

/** Whether anything is due for this open request at `now`: expiry, the grid relay or the worker's alert. */
function due(req: AidRequest, now: Date, env: AidEnv): boolean {
  const age = minutesSince(req.createdAt, now);
  if (age >= env.settings.expiryHours * 60) return true;
  if (req.status !== 'open' || req.relaxed || req.byStaff) return false;
  const esc = env.settings.escalation;
  const relayAfter = req.urgent ? esc.urgentToGridGroupMinutes : esc.normalToGridGroupMinutes;
  if (!req.escalatedToGridAt && age >= relayAfter) return true;
  return req.urgent && !req.escalatedToWorkerAt && age >= esc.urgentToWorkerMinutes;
}

/** What a minute's check changes (returned, never written to `state`) and who hears of it. */
export function escalateAndExpire(state: AidState, now: Date, env: AidEnv): AidOutcome {
  const work = new AidWork(state, env.settings);
  const effects: Effect[] = [];
  const esc = env.settings.escalation;
  // The due-time index hands over only the requests something may be due for by now: a minute's
  // check over thousands of waiting requests looks at (and drafts) only those few.
  for (const found of work.dueRequests(now).filter((r) => isOpen(r) && due(r, now, env))) {
    const req = work.edit(found);
    const age = minutesSince(req.createdAt, now);
    if (age >= env.settings.expiryHours * 60) {
      // "Nobody answered" is told only when that is true, and only to a resident: a request
      // someone answered closes quietly, and staff see their own posts in the digests.
      const unanswered = req.status === 'open' && req.offers.length === 0;
      closeRequest(req, 'expired', now);
      if (!req.expiryNotified && unanswered && !req.byStaff) {
        effects.push(toRoom(req.room, expiryNotice(req, env.settings.expiryHours), [req.requester]));
      }
      req.expiryNotified = true;
      continue;
    }
    // Matched requests, requests the author said can wait, and requests staff posted
    // themselves are not relayed; grid workers see them in their digests.
    if (req.status !== 'open' || req.relaxed || req.byStaff) continue;
    const workers = env.gridWorkers(req.grid);
    const gridRoom = env.gridRoom(req.grid);
    const relayAfter = req.urgent ? esc.urgentToGridGroupMinutes : esc.normalToGridGroupMinutes;
    if (!req.escalatedToGridAt && age >= relayAfter && gridRoom && gridRoom !== req.room) {
      req.escalatedToGridAt = now.toISOString();
      effects.push({ ...toRoom(gridRoom, gridRelay(req, env.roomBuilding(req.room)), workers), whileOpen: req.id });
    }
    // A group no grid worker covers (an unknown group) falls back to the admins.
    const responsible = workers.length ? workers : env.admins();
    if (req.urgent && !req.escalatedToWorkerAt && age >= esc.urgentToWorkerMinutes && responsible.length) {
      req.escalatedToWorkerAt = now.toISOString();
      for (const w of responsible) effects.push({ ...toPerson(w, workerAlert(req, now)), whileOpen: req.id });
    }
  }
  return work.outcome(effects);
}
