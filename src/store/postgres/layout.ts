// How the state document maps onto rows. Collections that grow (requests, offers, roster,
// calls, the outbox, seen message ids …) are one row per record, keyed by id, so a unit of work
// writes only the records it changed; every other value (counters, job runs, small lists,
// fields added later by other features) is one row holding the whole value.
import type { Patch } from '../patches.ts';
import type { BotState } from '../state.ts';

type KeyOf = (record: unknown) => string;
const byId: KeyOf = (r) => String((r as { id: unknown }).id);
const itself: KeyOf = (r) => String(r);

/** Keyed collections: their path in the state and the key of one record. */
export const KEYED: Record<string, KeyOf> = {
  'aid.requests': byId,
  'aid.offers': byId,
  roster: byId,
  calls: byId,
  handoffs: byId,
  outbox: byId,
  seenMessageIds: itself,
  callbackEscalations: itself,
};

export const VALUE = 'value';

export interface Row {
  coll: string;
  key: string;
  /** null: keep the row's order (a record changed in place). */
  ord: string | null;
  doc: unknown;
}

export interface RowChanges {
  upserts: Row[];
  deletes: { coll: string; key: string }[];
}

/** Paths of the state's parts: 'aid.requests', 'aid.nextId', 'roster', 'jobRuns' … */
export function partsOf(state: BotState): string[] {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(state)) {
    if (k === 'aid' && v && typeof v === 'object') for (const a of Object.keys(v)) parts.push(`aid.${a}`);
    else parts.push(k);
  }
  return parts;
}

function get(state: BotState, part: string): unknown {
  const [a, b] = part.split('.') as [string, string | undefined];
  const top = (state as unknown as Record<string, unknown>)[a];
  return b === undefined ? top : (top as Record<string, unknown> | undefined)?.[b];
}

/** The parts a unit's patches touched; null: all of them (the root or all of aid replaced). */
export function touchedParts(patches: readonly Patch[]): Set<string> | null {
  const out = new Set<string>();
  for (const p of patches) {
    const [a, b] = p.path;
    if (a === undefined) return null;
    if (a === 'aid' && b === undefined) return null;
    out.add(a === 'aid' ? `aid.${String(b)}` : String(a));
  }
  return out;
}

/** Keys of a collection's records; a repeated key gets a suffix so that no record is lost. */
function keysOf(coll: string, list: readonly unknown[]): string[] {
  const keyOf = KEYED[coll]!;
  const seen = new Map<string, number>();
  return list.map((r) => {
    const k = keyOf(r);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return n === 0 ? k : `${k}~${n}`;
  });
}

/** An order value: the change's sequence number, then the position within the change. */
export const ordOf = (seq: bigint, index: number): string => (seq * 4_294_967_296n + BigInt(index)).toString();

/**
 * The rows to write for one unit: records that are new or changed (Immer keeps unchanged records
 * as the same objects, so a reference check finds them) and records removed. New records go
 * after the others; when the order changed otherwise, the whole collection is renumbered.
 */
export function diffRows(before: BotState, after: BotState, touched: Set<string> | null, seq: bigint): RowChanges {
  const parts = touched ?? new Set([...partsOf(before), ...partsOf(after)]);
  const upserts: Row[] = [];
  const deletes: { coll: string; key: string }[] = [];
  let index = 0;
  for (const part of parts) {
    const old = get(before, part);
    const now = get(after, part);
    if (old === now) continue;
    if (!(part in KEYED) || !Array.isArray(now)) {
      if (now === undefined) deletes.push({ coll: VALUE, key: part });
      else upserts.push({ coll: VALUE, key: part, ord: '0', doc: now });
      continue;
    }
    const oldList = Array.isArray(old) ? old : [];
    const quick = diffInOrder(part, oldList, now, seq, index);
    if (quick) {
      upserts.push(...quick.upserts);
      deletes.push(...quick.deletes);
      index = quick.index;
      continue;
    }
    const oldKeys = keysOf(part, oldList);
    const newKeys = keysOf(part, now);
    const oldByKey = new Map(oldKeys.map((k, i) => [k, oldList[i]]));
    const newSet = new Set(newKeys);
    for (const k of oldKeys) if (!newSet.has(k)) deletes.push({ coll: part, key: k });
    // Kept records in their old order, new ones after them: otherwise renumber everything.
    const keptInOldOrder = oldKeys.filter((k) => newSet.has(k));
    const keptInNewOrder = newKeys.filter((k) => oldByKey.has(k));
    const firstNew = newKeys.findIndex((k) => !oldByKey.has(k));
    const appendOnly =
      keptInOldOrder.every((k, i) => keptInNewOrder[i] === k) && (firstNew < 0 || newKeys.slice(firstNew).every((k) => !oldByKey.has(k)));
    now.forEach((record, i) => {
      const k = newKeys[i]!;
      const isNew = !oldByKey.has(k);
      if (!appendOnly || isNew) upserts.push({ coll: part, key: k, ord: ordOf(seq, index++), doc: record });
      else if (oldByKey.get(k) !== record) upserts.push({ coll: part, key: k, ord: null, doc: record });
    });
  }
  return { upserts, deletes };
}

/**
 * The usual case, in one pass: records kept in their order (changed in place or not), some
 * removed, new ones at the end. null when the collection was reordered or has repeated keys:
 * the caller then compares by key.
 */
function diffInOrder(
  coll: string,
  oldList: readonly unknown[],
  now: readonly unknown[],
  seq: bigint,
  from: number,
): (RowChanges & { index: number }) | null {
  const keyOf = KEYED[coll]!;
  const upserts: Row[] = [];
  const deletes: { coll: string; key: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < oldList.length && j < now.length) {
    const o = oldList[i];
    const n = now[j];
    if (o === n) {
      i++;
      j++;
      continue;
    }
    const ko = keyOf(o);
    if (ko === keyOf(n)) {
      upserts.push({ coll, key: ko, ord: null, doc: n });
      i++;
      j++;
    } else {
      deletes.push({ coll, key: ko });
      i++;
    }
  }
  for (; i < oldList.length; i++) deletes.push({ coll, key: keyOf(oldList[i]) });
  let index = from;
  if (j < now.length) {
    // Appended records must be new keys, each once; otherwise something moved.
    const taken = new Set(oldList.map(keyOf));
    for (const d of deletes) taken.delete(d.key);
    for (; j < now.length; j++) {
      const k = keyOf(now[j]);
      if (taken.has(k)) return null;
      taken.add(k);
      upserts.push({ coll, key: k, ord: ordOf(seq, index++), doc: now[j] });
    }
  }
  if (deletes.length > 1 && new Set(deletes.map((d) => d.key)).size !== deletes.length) return null;
  return { upserts, deletes, index };
}

/** The state from its rows (ordered by coll, ord). */
export function stateFromRows(rows: Iterable<{ coll: string; key: string; doc: unknown }>): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  const aid: Record<string, unknown> = {};
  const set = (part: string, value: unknown): void => {
    const [a, b] = part.split('.') as [string, string | undefined];
    if (a === 'aid' && b !== undefined) aid[b] = value;
    else state[a] = value;
  };
  for (const part of Object.keys(KEYED)) set(part, []);
  const lists = new Map<string, unknown[]>();
  for (const row of rows) {
    if (row.coll === VALUE) {
      set(row.key, row.doc);
      continue;
    }
    let list = lists.get(row.coll);
    if (!list) {
      list = [];
      lists.set(row.coll, list);
      set(row.coll, list);
    }
    list.push(row.doc);
  }
  // Values and keyed lists may arrive in any order: put the keyed ones where they belong.
  for (const [coll, list] of lists) set(coll, list);
  state.aid = { ...((state.aid as Record<string, unknown> | undefined) ?? {}), ...aid };
  return state;
}

/** All rows of a whole state (migration from lowdb, the first save). */
export function allRows(state: BotState, seq: bigint): Row[] {
  return diffRows({} as BotState, state, null, seq).upserts;
}
