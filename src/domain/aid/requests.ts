// Finding and creating requests in an operation's view of the aid state (AidWork): lookups see
// what the operation changed so far; new and changed records go to the work, not the state.
import type { Location, ParsedItem } from '../types.ts';
import type { AidPost } from './post.ts';
import type { AidSettings } from './settings.ts';
import { isOpen, type AidRequest } from './types.ts';
import { fitScore, itemFit, sharesCategory } from './items.ts';
import type { AidWork } from './work.ts';

export const minutesBetween = (a: string | Date, b: Date): number => (b.getTime() - new Date(a).getTime()) / 60000;

export function openInRoom(work: AidWork, room: string): AidRequest[] {
  return work.openRequests([['room', room]]).filter((r) => r.room === room);
}

/** The sender's own open request in this room, most recently active first. */
export function ownOpen(work: AidWork, sender: string, room: string): AidRequest[] {
  return work
    .openRequests([['requester', sender]])
    .filter((r) => r.requester === sender && r.room === room)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** A request by the sender still in its refresh window that a new post continues. */
export function continuedRequest(work: AidWork, post: AidPost, settings: AidSettings): AidRequest | null {
  const items = post.analysis.items;
  for (const r of ownOpen(work, post.sender, post.room)) {
    const minutes = minutesBetween(r.updatedAt, post.at);
    if (minutes > settings.refreshWindowMinutes) continue;
    if (items.length === 0 || r.items.length === 0 || sharesCategory(r.items, items)) return r;
    // "美林没有的话布洛芬也行": a context-dependent follow-up on her fresh thread.
    if (post.analysis.contextDependent && minutes <= settings.replyWindowMinutes) return r;
  }
  return null;
}

/** Requests a new offer in this room can answer (a grid group sees its relayed requests). */
function candidates(work: AidWork, post: AidPost, settings: AidSettings): AidRequest[] {
  const near = work.openRequests([
    ['room', post.room],
    ['grid', post.roomKind === 'grid' ? post.grid : null],
  ]);
  return near.filter((r) => {
    if (!isOpen(r) || r.requester === post.sender) return false;
    if (minutesBetween(r.createdAt, post.at) > settings.expiryHours * 60) return false;
    if (r.room === post.room) return true;
    return post.roomKind === 'grid' && r.grid !== null && r.grid === post.grid && r.escalatedToGridAt !== null;
  });
}

/** Which request an offer answers: quote, @-mention, then item fit and recency. */
export function targetForOffer(work: AidWork, post: AidPost, settings: AidSettings): AidRequest | null {
  const pool = candidates(work, post, settings);
  if (pool.length === 0) return null;
  if (post.quote) {
    const quoted = pool.find((r) => r.text.includes(post.quote!) || post.quote!.includes(r.text)) ?? quotedNotice(pool, post.quote);
    if (quoted) return quoted;
  }
  const byMention = pool.filter((r) => post.mentioned.includes(r.requester)).sort(newestFirst)[0];
  if (byMention) return byMention;
  const items = post.analysis.items;
  // A bare "我家有" answers the latest request of a thread still alive: the one whose
  // requester spoke last (a helper's offer on another request does not make that one
  // newer), and of two asked in the same minute, the one posted second.
  // The pool is in the order the requests were made.
  const order = (r: AidRequest): number => pool.indexOf(r);
  const recent = pool
    .filter((r) => minutesBetween(r.updatedAt, post.at) <= settings.replyWindowMinutes || r.room !== post.room)
    .sort((a, b) => askedAt(b).localeCompare(askedAt(a)) || order(b) - order(a));
  if (items.length === 0) return recent[0] ?? null;
  const scored = pool.map((r) => ({ r, fit: itemFit(r.items, items) })).filter((x) => x.fit !== 'none' && x.fit !== 'unknown');
  scored.sort(
    (a, b) =>
      fitScore(b.fit) - fitScore(a.fit) ||
      Number(a.r.status !== 'open') - Number(b.r.status !== 'open') ||
      nearness(b.r, post) - nearness(a.r, post) ||
      a.r.createdAt.localeCompare(b.r.createdAt),
  );
  if (scored[0]) return scored[0].r;
  if (!post.analysis.contextDependent) return null;
  // "我也有,泰诺林行不行?" proposes another item to the thread; "我也有布洛芬" under an
  // antigen request answers nothing there.
  return recent.find((r) => r.items.length === 0) ?? (post.analysis.question ? recent[0] : null) ?? null;
}

/** A quote of the bot's own relay or notice names the need (and the building), not the post. */
function quotedNotice(pool: AidRequest[], quote: string): AidRequest | null {
  const named = pool.filter((r) => r.items.length > 0 && r.items.every((i) => quote.includes(i.name)));
  const inBuilding = named.filter((r) => r.location.building && quote.includes(`${r.location.building}号楼`));
  return (inBuilding.length ? inBuilding : named).sort(newestFirst)[0] ?? null;
}

/** Same building > same grid > elsewhere. */
export function nearness(r: AidRequest, post: Pick<AidPost, 'room' | 'roomBuilding' | 'grid' | 'postedLocation'>): number {
  const building = post.postedLocation.building ?? post.roomBuilding;
  if (r.room === post.room || (building && r.location.building === building)) return 2;
  if (r.grid && r.grid === post.grid) return 1;
  return 0;
}

const newestFirst = (a: AidRequest, b: AidRequest): number => b.updatedAt.localeCompare(a.updatedAt);
const askedAt = (r: AidRequest): string => r.askedAt ?? r.createdAt;

/** The requester added to her thread: it is the latest ask for bare replies again (on the work's copy). */
export function touchAsked(req: AidRequest, at: Date): void {
  req.askedAt = req.updatedAt = at.toISOString();
}

/** The open request of a helper who now says it was delivered. */
export function helpedBy(work: AidWork, helper: string, room: string, quote: string | null): AidRequest | null {
  const mine = work
    .openRequests([['helper', helper]])
    .filter((r) => r.offers.some((o) => o.helper === helper))
    .sort((a, b) => Number(b.room === room) - Number(a.room === room) || newestFirst(a, b));
  if (quote) {
    const quoted = mine.find((r) => r.text.includes(quote) || quote.includes(r.text.slice(0, 12)));
    if (quoted) return quoted;
  }
  return mine[0] ?? null;
}

/** An open request for the same place and need (a worker's post and the bot's callback post). */
export function sameNeed(work: AidWork, loc: Location, items: ParsedItem[], grid: string | null): AidRequest | null {
  if (!loc.building || !loc.room) return null;
  return (
    work
      .openRequests([['building', loc.building]])
      .find(
        (r) =>
          r.location.building === loc.building &&
          r.location.room === loc.room &&
          (grid === null || r.grid === null || r.grid === grid) &&
          (items.length === 0 || r.items.length === 0 || sharesCategory(r.items, items)),
      ) ?? null
  );
}

/** What describes a request when it is made; the lifecycle fields start empty. */
export type RequestFields = Omit<
  AidRequest,
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'status'
  | 'offers'
  | 'helper'
  | 'delivered'
  | 'escalatedToGridAt'
  | 'escalatedToWorkerAt'
  | 'expiryNotified'
  | 'closedAt'
>;

/** Where every request starts: open, unanswered, never relayed (also the seed of tests and benches). */
export function freshRequestFields(iso: string): Omit<AidRequest, keyof RequestFields | 'id'> & { askedAt: string } {
  return {
    createdAt: iso,
    updatedAt: iso,
    askedAt: iso,
    status: 'open',
    offers: [],
    helper: null,
    delivered: false,
    escalatedToGridAt: null,
    escalatedToWorkerAt: null,
    expiryNotified: false,
    closedAt: null,
  };
}

export function addRequest(work: AidWork, fields: RequestFields, at: Date): AidRequest {
  return work.addRequest({ ...fields, id: work.newId('R'), ...freshRequestFields(at.toISOString()) });
}

/** A request from a group post. */
export function createRequest(work: AidWork, post: AidPost, fields: { items: ParsedItem[]; relaxed: boolean }): AidRequest {
  const a = post.analysis;
  return addRequest(
    work,
    {
      room: post.room,
      grid: post.grid,
      requester: post.sender,
      onBehalfOf: null,
      anonymous: false,
      text: post.text,
      messageIds: [post.id],
      items: fields.items,
      forWhom: a.forWhom,
      location: { ...a.location, building: a.location.building ?? post.roomBuilding },
      postedLocation: post.postedLocation,
      urgent: a.urgent,
      relaxed: fields.relaxed && !a.urgent,
      temperature: a.temperature,
      pickup: a.pickup,
      byStaff: post.senderIsStaff,
    },
    post.at,
  );
}

/** Closes a request in place: on an operation's own copy (AidWork.edit), or on a shell's draft. */
export function closeRequest(req: AidRequest, status: 'fulfilled' | 'cancelled' | 'expired', at: Date): void {
  req.status = status;
  req.closedAt = at.toISOString();
  req.updatedAt = req.closedAt;
}
