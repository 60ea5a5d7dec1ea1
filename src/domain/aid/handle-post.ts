// What a group message means for mutual aid: a new request, a follow-up, an offer, a
// delivery, thanks or a cancel. The bot speaks only for matches (and when asked).
import type { Effect } from '../effects.ts';
import { toRoom } from '../effects.ts';
import type { Location, ParsedItem } from '../types.ts';
import type { AidEnv } from './settings.ts';
import { isRelaxed, type AidPost } from './post.ts';
import { isOpen, type AidRequest, type AidState } from './types.ts';
import { AidWork, type AidOutcome } from './work.ts';
import { mergeItems, sharesCategory } from './items.ts';
import {
  closeRequest,
  continuedRequest,
  minutesBetween,
  createRequest,
  helpedBy,
  openInRoom,
  ownOpen,
  sameNeed,
  targetForOffer,
  touchAsked,
} from './requests.ts';
import { linkOffer, matchNewRequest, recordStandingOffer } from './matching.ts';
import { cancelNotice } from './texts.ts';

/** What a group post changes (returned, never written to `state`) and what the bot says. */
export function handleAidPost(state: AidState, post: AidPost, env: AidEnv): AidOutcome {
  const work = new AidWork(state, env.settings);
  return work.outcome(onPost(work, post, env));
}

function onPost(work: AidWork, post: AidPost, env: AidEnv): Effect[] {
  const a = post.analysis;
  switch (a.intent) {
    case 'cancel':
      return onCancel(work, post, env);
    case 'thanks':
      return onThanks(work, post);
    case 'request':
      return onRequest(work, post, env, a.items);
    case 'both': {
      // 我有A,求B: A answers an open request if one fits, else it stands; B is a request.
      const offered = a.offered ?? [];
      const wanted = a.items.filter((i) => !offered.some((o) => o.name === i.name));
      const effects: Effect[] = [];
      if (offered.length) {
        const asOffer: AidPost = { ...post, analysis: { ...a, items: offered, contextDependent: false, question: false } };
        const target = targetForOffer(work, asOffer, env.settings);
        if (target) effects.push(...linkOffer(work, target, asOffer, env));
        recordStandingOffer(work, post, offered);
      }
      return [...effects, ...onRequest(work, post, env, wanted)];
    }
    case 'offer':
      return onOffer(work, post, env);
    default:
      if (a.exhausted) withdrawStandingOffers(work, post);
      else if (a.delivered) markDelivered(work, post);
      else followUp(work, post, env);
      return [];
  }
}

/** The requester adding to her fresh thread ("5号楼2单元301", "孩子,5岁"): part of the request,
 *  so a reply quoting it finds the request, and the request learns where. */
function followUp(work: AidWork, post: AidPost, env: AidEnv): void {
  const found = ownOpen(work, post.sender, post.room)[0];
  if (!found || found.anonymous || minutesBetween(found.updatedAt, post.at) > env.settings.replyWindowMinutes) return;
  const req = work.edit(found);
  req.text = `${req.text}\n${post.text.slice(0, 200)}`;
  req.messageIds.push(post.id);
  touchAsked(req, post.at);
  if (!post.analysis.question) addLocation(req, post);
}

/** "抗原已经被领完了": the sender's standing offers in this group stop matching new requests. */
function withdrawStandingOffers(work: AidWork, post: AidPost): void {
  for (const o of work.allOffers()) {
    if (o.helper !== post.sender || o.room !== post.room || !o.active) continue;
    if (post.analysis.items.length === 0 || o.items.some((i) => post.analysis.items.some((x) => x.category === i.category)))
      work.editOffer(o).active = false;
  }
}

function onCancel(work: AidWork, post: AidPost, env: AidEnv): Effect[] {
  const req = pickOwn(work, post);
  return req ? cancel(work, req, post.at, env) : [];
}

/** Cancels a request (完成/取消 commands, recalls); every helper who offered hears it in the group where they offered. */
export function withdraw(state: AidState, request: AidRequest, at: Date, env: AidEnv): AidOutcome {
  const work = new AidWork(state, env.settings);
  return work.outcome(cancel(work, request, at, env));
}

/** Marks a request fulfilled (the 完成 command): nobody is told. */
export function fulfil(state: AidState, request: AidRequest, at: Date): AidOutcome {
  const work = new AidWork(state);
  closeRequest(work.edit(request), 'fulfilled', at);
  return work.outcome([]);
}

export function cancel(work: AidWork, request: AidRequest, at: Date, env: AidEnv): Effect[] {
  const req = work.edit(request);
  closeRequest(req, 'cancelled', at);
  const byRoom = new Map<string, string[]>();
  for (const o of req.offers) {
    const room = o.room ?? req.room;
    const helpers = byRoom.get(room) ?? [];
    if (!helpers.includes(o.helper)) helpers.push(o.helper);
    byRoom.set(room, helpers);
  }
  return [...byRoom].map(([room, helpers]) => toRoom(room, cancelNotice(req, room === req.room, env.roomBuilding(req.room)), helpers));
}

function onThanks(work: AidWork, post: AidPost): Effect[] {
  const req = pickOwn(work, post);
  if (req) closeRequest(work.edit(req), 'fulfilled', post.at);
  return [];
}

/** The sender's request that a thanks or cancel is about: quoted, delivered, matched, newest. */
function pickOwn(work: AidWork, post: AidPost): AidRequest | null {
  const mine = ownOpen(work, post.sender, post.room);
  if (post.quote) {
    const quoted = mine.find((r) => r.text.includes(post.quote!));
    if (quoted) return quoted;
  }
  const rank = (r: AidRequest): number => (r.delivered ? 2 : r.status === 'matched' ? 1 : 0);
  return [...mine].sort((x, y) => rank(y) - rank(x))[0] ?? null;
}

function onRequest(work: AidWork, post: AidPost, env: AidEnv, items: ParsedItem[]): Effect[] {
  const a = post.analysis;
  const thread = continuedRequest(work, { ...post, analysis: { ...a, items } }, env.settings);
  if (thread) {
    const continued = work.edit(thread);
    // A follow-up or the same ask again: refresh the thread, never a second request.
    continued.items = mergeItems(continued.items, items);
    continued.urgent ||= a.urgent;
    continued.pickup = a.pickup ?? continued.pickup;
    continued.text = `${continued.text}\n${post.text}`;
    continued.messageIds.push(post.id);
    touchAsked(continued, post.at);
    addLocation(continued, post);
    return [];
  }
  const someoneElsesThread = openInRoom(work, post.room).some((r) => r.requester !== post.sender);
  if (a.question && someoneElsesThread) return []; // 几栋? 泰诺林行吗? — a question into a thread
  if (items.length === 0 && a.contextDependent) return [];

  const location = { ...a.location, building: a.location.building ?? post.roomBuilding };
  const relayed = postedInGridGroup(work, post, location.building, items);
  if (relayed) {
    // "6号楼那个孩子,谁家有美林": someone relaying a building's open need by hand.
    if (!relayed.escalatedToGridAt) work.edit(relayed).escalatedToGridAt = post.at.toISOString();
    return [];
  }
  const need = sameNeed(work, location, items, post.grid);
  if (need && need.room === post.room) {
    // A grid worker posting the need the bot already posted for a callback: one request.
    const same = work.edit(need);
    same.requester = post.sender;
    addLocation(same, post);
    same.items = mergeItems(same.items, items);
    same.text = `${same.text}\n${post.text}`;
    same.messageIds.push(post.id);
    touchAsked(same, post.at);
    return [];
  }

  const req = createRequest(work, post, { items, relaxed: isRelaxed(post.text) });
  const effects = matchNewRequest(work, req, post.at, env);
  if (effects.length === 0 && post.mentionsBot) {
    effects.push(toRoom(post.room, '已记录您的求助,有邻居回应时我会@您。', [post.sender]));
  }
  return effects;
}

/** An open request of another group in this grid group's grid, for the building and need named here. */
function postedInGridGroup(work: AidWork, post: AidPost, building: string | null, items: ParsedItem[]): AidRequest | null {
  if (post.roomKind !== 'grid' || !building || items.length === 0) return null;
  return (
    work
      .allRequests()
      .find(
        (r) =>
          isOpen(r) && r.room !== post.room && r.grid === post.grid && r.location.building === building && sharesCategory(r.items, items),
      ) ?? null
  );
}

/** Where the requester now says it is; what she posted in the group may be repeated there (on the work's copy). */
function addLocation(req: AidRequest, post: AidPost): void {
  if (post.room !== req.room) return;
  const fill = (known: Location, more: Location): Location => ({
    building: known.building ?? more.building,
    unit: known.unit ?? more.unit,
    floor: known.floor ?? more.floor,
    room: known.room ?? more.room,
  });
  req.anonymous = false;
  req.location = fill(req.location, post.analysis.location);
  req.postedLocation = fill(req.postedLocation, post.postedLocation);
}

function onOffer(work: AidWork, post: AidPost, env: AidEnv): Effect[] {
  const a = post.analysis;
  if (a.delivered && markDelivered(work, post)) return [];
  const target = targetForOffer(work, post, env.settings);
  // 有需要的来拿: it answers the request that fits and still stands for the next one.
  if (a.items.length > 0 && (a.standing || (!target && !a.contextDependent))) recordStandingOffer(work, post, a.items);
  return target ? linkOffer(work, target, post, env) : [];
}

function markDelivered(work: AidWork, post: AidPost): boolean {
  const helped = helpedBy(work, post.sender, post.room, post.quote);
  if (!helped) return false;
  const req = work.edit(helped);
  req.delivered = true;
  req.updatedAt = post.at.toISOString();
  for (const o of req.offers) if (o.helper === post.sender) o.delivered = true;
  return true;
}
