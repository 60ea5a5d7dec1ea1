// What a group message means for mutual aid: a new request, a follow-up, an offer, a
// delivery, thanks or a cancel. The bot speaks only for matches (and when asked).
import type { Effect } from '../effects.ts';
import { toRoom } from '../effects.ts';
import type { ParsedItem } from '../types.ts';
import type { AidEnv } from './settings.ts';
import { isRelaxed, type AidPost } from './post.ts';
import type { AidRequest, AidState } from './types.ts';
import { mergeItems } from './items.ts';
import {
  closeRequest,
  continuedRequest,
  createRequest,
  helpedBy,
  openInRoom,
  ownOpen,
  sameNeed,
  targetForOffer,
} from './requests.ts';
import { linkOffer, matchNewRequest, recordStandingOffer } from './matching.ts';
import { cancelNotice } from './texts.ts';

export function handleAidPost(state: AidState, post: AidPost, env: AidEnv): Effect[] {
  const a = post.analysis;
  switch (a.intent) {
    case 'cancel':
      return onCancel(state, post);
    case 'thanks':
      return onThanks(state, post);
    case 'request':
      return onRequest(state, post, env, a.items);
    case 'both': {
      const { wanted, offered } = splitExchange(post.text, a.items);
      if (offered.length) recordStandingOffer(state, post, offered);
      return onRequest(state, post, env, wanted);
    }
    case 'offer':
      return onOffer(state, post, env);
    default:
      if (a.delivered) markDelivered(state, post);
      return [];
  }
}

function onCancel(state: AidState, post: AidPost): Effect[] {
  const req = pickOwn(state, post);
  if (!req) return [];
  closeRequest(req, 'cancelled', post.at);
  const helpers = [...new Set(req.offers.map((o) => o.helper))];
  return helpers.length ? [toRoom(req.room, cancelNotice(req), helpers)] : [];
}

function onThanks(state: AidState, post: AidPost): Effect[] {
  const req = pickOwn(state, post);
  if (req) closeRequest(req, 'fulfilled', post.at);
  return [];
}

/** The sender's request that a thanks or cancel is about: quoted, delivered, matched, newest. */
function pickOwn(state: AidState, post: AidPost): AidRequest | null {
  const mine = ownOpen(state, post.sender, post.room);
  if (post.quote) {
    const quoted = mine.find((r) => r.text.includes(post.quote!));
    if (quoted) return quoted;
  }
  const rank = (r: AidRequest): number => (r.delivered ? 2 : r.status === 'matched' ? 1 : 0);
  return [...mine].sort((x, y) => rank(y) - rank(x))[0] ?? null;
}

function onRequest(state: AidState, post: AidPost, env: AidEnv, items: ParsedItem[]): Effect[] {
  const a = post.analysis;
  const continued = continuedRequest(state, { ...post, analysis: { ...a, items } }, env.settings);
  if (continued) {
    // A follow-up or the same ask again: refresh the thread, never a second request.
    continued.items = mergeItems(continued.items, items);
    continued.urgent ||= a.urgent;
    continued.pickup = a.pickup ?? continued.pickup;
    continued.text = `${continued.text}\n${post.text}`;
    continued.messageIds.push(post.id);
    continued.updatedAt = post.at.toISOString();
    revealPostedLocation(continued, post);
    return [];
  }
  const someoneElsesThread = openInRoom(state, post.room).some((r) => r.requester !== post.sender);
  if (a.question && items.length === 0 && someoneElsesThread) return []; // 几栋? — a question into a thread
  if (items.length === 0 && a.contextDependent) return [];

  const location = { ...a.location, building: a.location.building ?? post.roomBuilding };
  const same = sameNeed(state, location, items, post.grid);
  if (same && same.room === post.room) {
    // A grid worker posting the need the bot already posted for a callback: one request.
    same.requester = post.sender;
    revealPostedLocation(same, post);
    same.items = mergeItems(same.items, items);
    same.text = `${same.text}\n${post.text}`;
    same.messageIds.push(post.id);
    same.updatedAt = post.at.toISOString();
    return [];
  }

  const req = createRequest(state, post, { items, relaxed: isRelaxed(post.text) });
  const effects = matchNewRequest(state, req, post.at, env);
  if (effects.length === 0 && post.mentionsBot) {
    effects.push(toRoom(post.room, '已记录您的求助,有邻居回应时我会@您。', [post.sender]));
  }
  return effects;
}

/** What the requester now posted in the group may be repeated there (a room number, say). */
function revealPostedLocation(req: AidRequest, post: AidPost): void {
  if (post.room !== req.room) return;
  req.anonymous = false;
  const shown = req.postedLocation;
  const now = post.postedLocation;
  req.postedLocation = {
    building: shown.building ?? now.building,
    unit: shown.unit ?? now.unit,
    floor: shown.floor ?? now.floor,
    room: shown.room ?? now.room,
  };
}

function onOffer(state: AidState, post: AidPost, env: AidEnv): Effect[] {
  const a = post.analysis;
  if (a.delivered && markDelivered(state, post)) return [];
  const target = targetForOffer(state, post, env.settings);
  if (target) return linkOffer(target, post, env);
  if (a.items.length > 0 && (a.standing || !a.contextDependent)) recordStandingOffer(state, post, a.items);
  return [];
}

function markDelivered(state: AidState, post: AidPost): boolean {
  const req = helpedBy(state, post.sender, post.room, post.quote);
  if (!req) return false;
  req.delivered = true;
  req.updatedAt = post.at.toISOString();
  for (const o of req.offers) if (o.helper === post.sender) o.delivered = true;
  return true;
}

const WANT = /求|需要|急需|缺|想要|想换|换点|要/;

/** "我有A,急求B,可以置换": which items are offered and which wanted, clause by clause. */
export function splitExchange(text: string, items: ParsedItem[]): { wanted: ParsedItem[]; offered: ParsedItem[] } {
  const clauses = text.split(/[，,。.!！;；?？\s]+/).filter(Boolean);
  const wanted: ParsedItem[] = [];
  const offered: ParsedItem[] = [];
  for (const item of items) {
    const clause = clauses.find((c) => c.includes(item.name)) ?? '';
    const before = clause.slice(0, Math.max(0, clause.indexOf(item.name)));
    (WANT.test(before) ? wanted : offered).push(item);
  }
  if (wanted.length === 0 && offered.length > 0) wanted.push(offered.pop()!);
  return { wanted, offered };
}
