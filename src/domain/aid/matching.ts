// Linking offers to requests, in both directions, and the notices that a match posts.
import type { Effect } from '../effects.ts';
import { toPerson, toRoom } from '../effects.ts';
import type { ParsedItem } from '../types.ts';
import type { AidEnv } from './settings.ts';
import type { AidPost } from './post.ts';
import type { AidRequest, OfferLink, StandingOffer } from './types.ts';
import type { AidWork } from './work.ts';
import { fitScore, isDosedMedicine, itemFit, needsSafetyLine } from './items.ts';
import { inRoom } from './members.ts';
import {
  elsewhereAck,
  gridOfferAck,
  matchedElsewhereToHelper,
  matchedElsewhereToRequester,
  matchNotice,
  standingElsewhereToHelper,
  standingElsewhereToRequester,
  standingOfferNotice,
  stockNotice,
} from './texts.ts';
import { maskPhones } from '../text/privacy.ts';

const STANDING_OFFER_HOURS = 24;

/** Records an offer on a request; the first one matches it and is announced. */
export function linkOffer(work: AidWork, target: AidRequest, post: AidPost, env: AidEnv): Effect[] {
  const req = work.edit(target);
  const offer: OfferLink = {
    helper: post.sender,
    room: post.room,
    at: post.at.toISOString(),
    text: post.text,
    items: post.analysis.items,
    pickup: post.analysis.pickup,
    delivered: post.analysis.delivered,
    messageId: post.id,
  };
  const already = req.offers.some((o) => o.helper === post.sender);
  const fit = itemFit(req.items, offer.items);
  // Only a stand-in (adult medicine for a child) so far: the first real fit is announced too.
  const better =
    req.offers.length > 0 &&
    req.offers.every((o) => itemFit(req.items, o.items) === 'compatible') &&
    fitScore(fit) > fitScore('compatible');
  req.offers.push(offer);
  req.updatedAt = offer.at;
  if (offer.delivered) req.delivered = true;
  if ((req.status !== 'open' && !better) || already) return []; // a backup offer: recorded, no noise
  req.status = 'matched';
  req.helper = post.sender;
  const safety = needsSafetyLine(req.items, offer.items, env.notDosed);
  const building = env.roomBuilding(req.room);
  // Offers on a need found by a callback go to the worker, who knows the person.
  const toWorker: Effect[] = req.anonymous
    ? [toPerson(req.requester, `${post.sender} 在「${post.room}」回应了您代发的求助(${req.onBehalfOf ?? ''}):${maskPhones(post.text)}`)]
    : [];
  if (post.room !== req.room && !inRoom(work, env, post.sender, req.room)) {
    // A helper answering a relay from outside the requester's group cannot be @-mentioned
    // there: both sides hear of it privately, the helper is thanked where he spoke.
    return [
      toRoom(post.room, elsewhereAck(), [post.sender]),
      ...(req.anonymous ? toWorker : [toPerson(req.requester, matchedElsewhereToRequester(req, offer, fit, safety))]),
      toPerson(post.sender, matchedElsewhereToHelper(req, offer, fit, safety, building)),
    ];
  }
  const effects: Effect[] = [toRoom(req.room, matchNotice(req, offer, fit, building, safety), [req.requester, post.sender])];
  if (post.room !== req.room) effects.push(toRoom(post.room, gridOfferAck(req, building), [post.sender]));
  return [...effects, ...toWorker];
}

export function recordStandingOffer(work: AidWork, post: AidPost, items: ParsedItem[]): StandingOffer {
  const offer: StandingOffer = {
    id: work.newId('O'),
    room: post.room,
    grid: post.grid,
    helper: post.sender,
    items,
    pickup: post.analysis.pickup,
    text: post.text,
    createdAt: post.at.toISOString(),
    active: true,
    messageId: post.id,
  };
  return work.addOffer(offer);
}

/** A new request looks at standing offers (same building first, then grid), then stock. */
export function matchNewRequest(work: AidWork, made: AidRequest, now: Date, env: AidEnv): Effect[] {
  if (made.items.length === 0) return [];
  const req = work.edit(made);
  // Only standing offers of the request's categories in its group or grid can be a same-item or same-category fit.
  const categories = [...new Set(req.items.map((i) => i.category))];
  const offers = work
    .offersFor(categories, req.room, req.grid)
    .filter((o) => o.active && o.helper !== req.requester)
    .filter((o) => now.getTime() - Date.parse(o.createdAt) <= STANDING_OFFER_HOURS * 3600_000)
    .filter((o) => o.room === req.room || (o.grid !== null && o.grid === req.grid))
    .map((o) => ({ o, fit: itemFit(req.items, o.items) }))
    .filter((x) => x.fit === 'same_item' || x.fit === 'same_category')
    .sort(
      (a, b) =>
        fitScore(b.fit) - fitScore(a.fit) ||
        Number(b.o.room === req.room) - Number(a.o.room === req.room) ||
        b.o.createdAt.localeCompare(a.o.createdAt),
    );
  const best = offers[0]?.o;
  if (best) {
    req.status = 'matched';
    req.helper = best.helper;
    req.offers.push({
      helper: best.helper,
      room: best.room,
      at: now.toISOString(),
      text: best.text,
      items: best.items,
      pickup: best.pickup,
      delivered: false,
    });
    const safety = needsSafetyLine(req.items, best.items, env.notDosed);
    if (best.room !== req.room && !inRoom(work, env, best.helper, req.room)) {
      // An offer from another building's group: its owner cannot be @-mentioned here.
      return [
        toPerson(req.requester, standingElsewhereToRequester(req, best, safety)),
        toPerson(best.helper, standingElsewhereToHelper(req, best, env.roomBuilding(req.room))),
      ];
    }
    return [toRoom(req.room, standingOfferNotice(req, best, safety), [req.requester, best.helper])];
  }
  for (const point of work.points()) {
    if (point.grid && req.grid && point.grid !== req.grid) continue;
    for (const [name, count] of Object.entries(point.stock)) {
      if (count <= 0) continue;
      const category = env.categoryOf(name);
      if (req.items.some((i) => i.name.includes(name) || name.includes(i.name) || i.category === category)) {
        // 爱心药 stock is medicine unless its name says otherwise (退烧贴 +10).
        const safety = category === null || isDosedMedicine({ name, category }, env.notDosed);
        return [toRoom(req.room, stockNotice(req, point.name, name, count, safety), [req.requester])];
      }
    }
  }
  return [];
}
