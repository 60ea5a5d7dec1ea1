// A message recalled (撤回) in a group: what it asked or offered is taken back, and whoever the
// bot told about it hears that it is withdrawn. A recalled request is cancelled (its helpers are
// told); a recalled answer to a request is taken off it (the requester is told, and the request
// waits again if that was its only helper); a recalled standing offer stops matching.
import type { Effect } from '../effects.ts';
import { toPerson, toRoom } from '../effects.ts';
import { cancel } from './handle-post.ts';
import type { AidEnv } from './settings.ts';
import { isOpen, type AidState } from './types.ts';
import { AidWork, type AidOutcome } from './work.ts';

/** What a recall changes (returned, never written to `state`) and who hears of it. */
export function recallPost(state: AidState, messageId: string, at: Date, env: AidEnv): AidOutcome {
  const work = new AidWork(state, env.settings);
  const effects: Effect[] = [];
  for (const found of work.allRequests().filter(isOpen)) {
    if (found.messageIds[0] === messageId) {
      effects.push(...cancel(work, found, at, env));
      const req = work.request(found);
      // Whoever the relay and the alert reached hears it is off.
      const building = env.roomBuilding(req.room);
      const what = `${building ? `${building}号楼` : ''}刚才的求助已被求助人撤回,不用再帮忙了。`;
      const gridRoom = env.gridRoom(req.grid);
      if (req.escalatedToGridAt && gridRoom) effects.push(toRoom(gridRoom, `【互助转发】${what}`));
      if (req.escalatedToWorkerAt)
        for (const w of env.gridWorkers(req.grid).length ? env.gridWorkers(req.grid) : env.admins()) effects.push(toPerson(w, what));
      continue;
    }
    if (!found.offers.some((o) => o.messageId === messageId)) continue;
    const req = work.edit(found);
    const offer = req.offers.find((o) => o.messageId === messageId)!;
    req.offers = req.offers.filter((o) => o !== offer);
    req.updatedAt = at.toISOString();
    if (req.helper === offer.helper && !req.offers.some((o) => o.helper === offer.helper)) {
      const next = req.offers[0] ?? null;
      req.helper = next?.helper ?? null;
      if (!next) req.status = 'open';
      req.delivered = req.offers.some((o) => o.delivered);
    }
    effects.push(
      toRoom(
        req.room,
        `${offer.helper} 撤回了刚才的回应。${req.status === 'open' ? '这条求助还在等待,有的邻居请回复"我有"。' : `还有 ${req.helper} 可以提供。`}`,
        [req.requester],
      ),
    );
  }
  for (const o of work.allOffers()) if (o.messageId === messageId && o.active) work.editOffer(o).active = false;
  return work.outcome(effects);
}
