// A need a grid worker found on a callback becomes an anonymous request in the person's
// building group; offers on it are routed back to the worker. A delivery the worker reports
// closes it (and takes the pickup point's stock); a correction puts things back.
import type { Effect } from '../effects.ts';
import { toRoom } from '../effects.ts';
import type { Category, ForWhom, ParsedItem } from '../types.ts';
import { isOpen, type AidRequest, type AidState } from './types.ts';
import { mergeItems, describeItems } from './items.ts';
import { addRequest, closeRequest, sameNeed } from './requests.ts';
import { applyStock } from './commands.ts';

export interface CallbackNeed {
  worker: string;
  person: string;
  building: string;
  unit: string | null;
  room: string;
  grid: string | null;
  items: ParsedItem[];
  forWhom: ForWhom;
  urgent: boolean;
  temperature: number | null;
  /** The building group to post in; null when the building has none. */
  groupTopic: string | null;
  at: Date;
}

export function postCallbackNeed(state: AidState, need: CallbackNeed): { request: AidRequest | null; effects: Effect[] } {
  const location = { building: need.building, unit: need.unit, floor: null, room: need.room };
  const existing = sameNeed(state, location, need.items, need.grid);
  if (existing) {
    existing.items = mergeItems(existing.items, need.items);
    existing.onBehalfOf ??= need.person;
    return { request: existing, effects: [] };
  }
  if (!need.groupTopic) return { request: null, effects: [] };
  const req = addRequest(
    state,
    {
      room: need.groupTopic,
      grid: need.grid,
      requester: need.worker,
      onBehalfOf: need.person,
      anonymous: true,
      text: `${need.person}:${describeItems(need.items)}`,
      messageIds: [],
      items: need.items,
      forWhom: need.forWhom,
      location,
      postedLocation: { building: need.building, unit: null, floor: null, room: null },
      urgent: need.urgent,
      relaxed: false,
      temperature: need.temperature,
      pickup: null,
      byStaff: true,
    },
    need.at,
  );
  const who = need.forWhom === 'elderly' || need.forWhom === 'unknown' ? '一位老人' : '一位邻居';
  const text = [
    `【邻里互助】${need.building}号楼${who}${need.urgent ? '急需' : '需要'}${describeItems(need.items)}(网格员代发)。`,
    '家里有富余的邻居请回复"我有",网格员会和您联系。',
  ].join('\n');
  return { request: req, effects: [toRoom(need.groupTopic, text)] };
}

/** A need a worker reports as brought to the person (张柱业的退烧药我从领取处拿了送过去了). */
export interface CallbackDelivery {
  worker: string;
  person: string;
  /** What was brought; empty for "whatever was asked for this person". */
  items: ParsedItem[];
  /** 'worker' when the worker brought it; a word like 儿子 / 邻居; null when not said. */
  by: string | null;
  /** Taken from the 爱心药 pickup point (its stock goes down). */
  fromPickup: boolean;
  count: number;
  grid: string | null;
  at: Date;
  categoryOf: (name: string) => Category | null;
}

export interface DeliveryResult {
  /** Requests closed, with how they stood before (for a correction). */
  closed: { req: AidRequest; before: ClosedBefore }[];
  /** Stock taken from the pickup point, and what is left. */
  stock: { point: string; item: string; taken: number; left: number }[];
  /** Items the pickup point had no stock of in its records. */
  noStock: string[];
}

interface ClosedBefore {
  id: string;
  status: 'open' | 'matched';
  helper: string | null;
  delivered: boolean;
}

/** Marks the worker's own delivery among a request's offers, so a correction can take it back. */
const BY_WORKER = '(网格员送到)';

const fits = (asked: ParsedItem, brought: ParsedItem): boolean =>
  asked.name === brought.name ||
  asked.name.includes(brought.name) ||
  brought.name.includes(asked.name) ||
  asked.category === brought.category;

/**
 * Closes the person's open requests that the delivery answers, as delivered by the worker
 * (not "a neighbour") when the worker brought it, and takes it off the pickup point's stock.
 */
export function deliverCallbackNeed(state: AidState, d: CallbackDelivery): DeliveryResult {
  const result: DeliveryResult = { closed: [], stock: [], noStock: [] };
  const point = state.stock.find((p) => p.grid === d.grid) ?? state.stock.find((p) => p.grid === null) ?? state.stock[0] ?? null;
  for (const req of state.requests) {
    if (!isOpen(req) || req.onBehalfOf !== d.person) continue;
    if (d.items.length > 0 && !req.items.some((asked) => d.items.some((b) => fits(asked, b)))) continue;
    result.closed.push({
      req,
      before: { id: req.id, status: req.status as 'open' | 'matched', helper: req.helper, delivered: req.delivered },
    });
    if (d.by === 'worker') {
      req.helper = d.worker;
      req.offers.push({
        helper: d.worker,
        room: req.room,
        at: d.at.toISOString(),
        text: BY_WORKER,
        items: d.items.length ? d.items : req.items,
        pickup: d.fromPickup && point ? point.name : null,
        delivered: true,
      });
    }
    req.delivered = true;
    closeRequest(req, 'fulfilled', d.at);
  }
  if (!d.fromPickup || d.by !== 'worker' || !point) return result;

  const taken = d.items.length ? d.items : result.closed.flatMap((c) => c.req.items);
  for (const item of taken) {
    const key = stockKeyFor(point.stock, item, d.categoryOf);
    if (!key) {
      result.noStock.push(item.name);
      continue;
    }
    const before = point.stock[key] ?? 0;
    const after = applyStock(state.stock, d.grid, key, -Math.max(1, d.count));
    if (after) result.stock.push({ point: after.point.name, item: key, taken: before - after.count, left: after.count });
  }
  return result;
}

/** The stock line an item comes from: the same name, else the same category (the fullest one). */
function stockKeyFor(stock: Record<string, number>, item: ParsedItem, categoryOf: (name: string) => Category | null): string | null {
  const names = Object.keys(stock);
  const byName = names.find((k) => k === item.name) ?? names.find((k) => k.includes(item.name) || item.name.includes(k));
  if (byName && (stock[byName] ?? 0) > 0) return byName;
  const sameCategory = names
    .filter((k) => (stock[k] ?? 0) > 0 && categoryOf(k) === item.category)
    .sort((a, b) => (stock[b] ?? 0) - (stock[a] ?? 0));
  return sameCategory[0] ?? null;
}

/** What a recorded call changed in the aid state (see callbacks' CallEffects). */
export interface CallbackAidEffects {
  posted?: string;
  closed?: ClosedBefore[];
  stock?: { point: string; item: string; taken: number }[];
}

/**
 * Puts back what a call record did when the worker says it was wrong: the request it posted is
 * withdrawn (kept, and returned, if a neighbour already answered), closed requests reopen, and
 * stock taken returns to the pickup point.
 */
export function undoCallbackEffects(state: AidState, effects: CallbackAidEffects, at: Date): { kept: AidRequest | null } {
  let kept: AidRequest | null = null;
  const posted = effects.posted ? state.requests.find((r) => r.id === effects.posted) : undefined;
  if (posted && isOpen(posted)) {
    if (posted.offers.length === 0) closeRequest(posted, 'cancelled', at);
    else kept = posted;
  }
  for (const before of effects.closed ?? []) {
    const req = state.requests.find((r) => r.id === before.id);
    if (req?.status !== 'fulfilled') continue;
    req.status = before.status;
    req.helper = before.helper;
    req.delivered = before.delivered;
    req.offers = req.offers.filter((o) => o.text !== BY_WORKER);
    req.closedAt = null;
    req.updatedAt = at.toISOString();
  }
  for (const s of effects.stock ?? []) {
    const point = state.stock.find((p) => p.name === s.point);
    if (point) point.stock[s.item] = (point.stock[s.item] ?? 0) + s.taken;
  }
  return { kept };
}
