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
import { AidWork, type AidChanges } from './work.ts';

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

/** What posting a callback need changes (returned, never written to `state`); `created` when a new request was made. */
export function postCallbackNeed(
  state: AidState,
  need: CallbackNeed,
): { request: AidRequest | null; created: boolean; changes: AidChanges; effects: Effect[] } {
  const work = new AidWork(state);
  const location = { building: need.building, unit: need.unit, floor: null, room: need.room };
  const same = sameNeed(work, location, need.items, need.grid);
  if (same) {
    const existing = work.edit(same);
    existing.items = mergeItems(existing.items, need.items);
    existing.onBehalfOf ??= need.person;
    return { request: existing, created: false, ...work.outcome([]) };
  }
  if (!need.groupTopic) return { request: null, created: false, ...work.outcome([]) };
  const req = addRequest(
    work,
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
  return { request: req, created: true, ...work.outcome([toRoom(need.groupTopic, text)]) };
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
  /** What the delivery changed, for the caller to write. */
  changes: AidChanges;
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
  const work = new AidWork(state);
  const result: Omit<DeliveryResult, 'changes'> = { closed: [], stock: [], noStock: [] };
  const point = state.stock.find((p) => p.grid === d.grid) ?? state.stock.find((p) => p.grid === null) ?? state.stock[0] ?? null;
  for (const found of work.allRequests()) {
    if (!isOpen(found) || found.onBehalfOf !== d.person) continue;
    if (d.items.length > 0 && !found.items.some((asked) => d.items.some((b) => fits(asked, b)))) continue;
    const req = work.edit(found);
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
  if (!d.fromPickup || d.by !== 'worker' || !point) return { ...result, changes: work.changes() };

  const taken = d.items.length ? d.items : result.closed.flatMap((c) => c.req.items);
  for (const item of taken) {
    // The point as this delivery has left it so far (two items may come from one stock line).
    const now = work.points().find((p) => p.name === point.name) ?? point;
    const key = stockKeyFor(now.stock, item, d.categoryOf);
    if (!key) {
      result.noStock.push(item.name);
      continue;
    }
    const before = now.stock[key] ?? 0;
    const after = applyStock(work.points(), d.grid, key, -Math.max(1, d.count));
    if (!after) continue;
    work.setPoint(after.point);
    result.stock.push({ point: after.point.name, item: key, taken: before - after.count, left: after.count });
  }
  return { ...result, changes: work.changes() };
}

/** Good news on a call ("药够吃了") settles the person's open requests; returns how they stood, for a correction. */
export function settleNeeds(state: AidState, person: string, at: Date): { closed: ClosedBefore[]; changes: AidChanges } {
  const work = new AidWork(state);
  const closed: ClosedBefore[] = [];
  for (const found of work.allRequests()) {
    if (found.onBehalfOf !== person || !isOpen(found)) continue;
    closed.push({ id: found.id, status: found.status as 'open' | 'matched', helper: found.helper, delivered: found.delivered });
    closeRequest(work.edit(found), 'fulfilled', at);
  }
  return { closed, changes: work.changes() };
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
export function undoCallbackEffects(
  state: AidState,
  effects: CallbackAidEffects,
  at: Date,
): { kept: AidRequest | null; changes: AidChanges } {
  const work = new AidWork(state);
  let kept: AidRequest | null = null;
  const requests = work.allRequests();
  const posted = effects.posted ? requests.find((r) => r.id === effects.posted) : undefined;
  if (posted && isOpen(posted)) {
    if (posted.offers.length === 0) closeRequest(work.edit(posted), 'cancelled', at);
    else kept = posted;
  }
  for (const before of effects.closed ?? []) {
    const found = requests.find((r) => r.id === before.id);
    if (found?.status !== 'fulfilled') continue;
    const req = work.edit(found);
    req.status = before.status;
    req.helper = before.helper;
    req.delivered = before.delivered;
    req.offers = req.offers.filter((o) => o.text !== BY_WORKER);
    req.closedAt = null;
    req.updatedAt = at.toISOString();
  }
  for (const s of effects.stock ?? []) {
    const point = work.points().find((p) => p.name === s.point);
    if (point) work.setPoint({ ...point, stock: { ...point.stock, [s.item]: (point.stock[s.item] ?? 0) + s.taken } });
  }
  return { kept, changes: work.changes() };
}
