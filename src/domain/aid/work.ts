// What an aid operation changed and what it wants said, as values: the domain reads the state it
// is given and never writes it. An operation works on an AidWork (copy-on-write records over the
// state, looked up through the indexes) and returns an AidOutcome; the bot applies the changes to
// its unit of work's draft (applyAidChanges) and commits them with the messages.
import type { Effect } from '../effects.ts';
import { indexFor } from './index-requests.ts';
import type { AidSettings } from './settings.ts';
import { isOpen, type AidRequest, type AidState, type PickupStock, type StandingOffer } from './types.ts';

/** The records an operation touched, whole (new ones in the order made), and the counters it moved. */
export interface AidChanges {
  requests: AidRequest[];
  offers: StandingOffer[];
  /** Pickup points whose stock changed (by name). */
  stock: PickupStock[];
  /** Groups whose list of speakers changed, with the whole new list. */
  speakers: Record<string, string[]>;
  /** The next record number, when the operation made records. */
  nextId?: number;
}

export interface AidOutcome {
  changes: AidChanges;
  effects: Effect[];
}

export const noChanges = (): AidChanges => ({ requests: [], offers: [], stock: [], speakers: {} });

export const isEmptyChange = (c: AidChanges): boolean =>
  c.requests.length === 0 &&
  c.offers.length === 0 &&
  c.stock.length === 0 &&
  Object.keys(c.speakers).length === 0 &&
  c.nextId === undefined;

/** A deep copy of a plain (JSON) value: an operation changes its own copy, never the state's record. */
function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plainCopy(v);
    return out as T;
  }
  return value;
}

export const copyRequest = (r: AidRequest): AidRequest => plainCopy(r);
const copyOffer = (o: StandingOffer): StandingOffer => plainCopy(o);

const definedKeys = (o: object): string[] => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);

/**
 * Whether two plain (JSON) values would be written as the same JSON, keys in the same order
 * included, without writing either: a record is compared field by field and stops at the first
 * difference, where two JSON.stringify calls wrote both whole records first.
 */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    // JSON writes a missing entry as null.
    for (let i = 0; i < a.length; i++) if (!same(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  const ka = definedKeys(a);
  const kb = definedKeys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !same((a as Record<string, unknown>)[ka[i]!], (b as Record<string, unknown>)[kb[i]!])) return false;
  }
  return true;
}

/**
 * One operation's view of the aid state: reads see what the operation changed so far, writes go
 * to copies. `changes()` lists only records that really differ, so a message that changed nothing
 * writes nothing.
 */
export class AidWork {
  private readonly requests = new Map<string, { base: AidRequest | null; now: AidRequest }>();
  private readonly offers = new Map<string, { base: StandingOffer | null; now: StandingOffer }>();
  private readonly newRequests: AidRequest[] = [];
  private readonly newOffers: StandingOffer[] = [];
  private readonly stock = new Map<string, PickupStock>();
  private readonly speakers: Record<string, string[]> = {};
  private nextId: number;

  constructor(
    readonly state: AidState,
    private readonly settings: AidSettings | null = null,
  ) {
    this.nextId = state.nextId;
  }

  newId(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  /** A request as this operation sees it now. */
  request(r: AidRequest): AidRequest {
    return this.requests.get(r.id)?.now ?? r;
  }

  /** The operation's own copy of a request, to change. */
  edit(r: AidRequest): AidRequest {
    const known = this.requests.get(r.id);
    if (known) return known.now;
    const now = copyRequest(r);
    this.requests.set(r.id, { base: r, now });
    return now;
  }

  addRequest(r: AidRequest): AidRequest {
    this.requests.set(r.id, { base: null, now: r });
    this.newRequests.push(r);
    return r;
  }

  offer(o: StandingOffer): StandingOffer {
    return this.offers.get(o.id)?.now ?? o;
  }

  editOffer(o: StandingOffer): StandingOffer {
    const known = this.offers.get(o.id);
    if (known) return known.now;
    const now = copyOffer(o);
    this.offers.set(o.id, { base: o, now });
    return now;
  }

  addOffer(o: StandingOffer): StandingOffer {
    this.offers.set(o.id, { base: null, now: o });
    this.newOffers.push(o);
    return o;
  }

  /** Open requests filed under any of the keys (callers check their own conditions), new ones last. */
  openRequests(keys: Parameters<ReturnType<typeof indexFor>['openRequests']>[1]): AidRequest[] {
    const filed = indexFor(this.state, this.settings)
      .openRequests(this.state, keys)
      .map((r) => this.request(r));
    return [...filed, ...this.newRequests].filter(isOpen);
  }

  /** Requests something may be due for at `now`. */
  dueRequests(now: Date): AidRequest[] {
    return indexFor(this.state, this.settings)
      .dueRequests(this.state, now)
      .map((r) => this.request(r));
  }

  /** Standing offers of these categories near a room or grid. */
  offersFor(categories: string[], room: string, grid: string | null): StandingOffer[] {
    const filed = indexFor(this.state, this.settings)
      .offersFor(this.state, categories, room, grid)
      .map((o) => this.offer(o));
    return [...filed, ...this.newOffers];
  }

  /** Every request (a scan: for the rare operations that look at all of them). */
  allRequests(): AidRequest[] {
    return [...this.state.requests.map((r) => this.request(r)), ...this.newRequests];
  }

  allOffers(): StandingOffer[] {
    return [...this.state.offers.map((o) => this.offer(o)), ...this.newOffers];
  }

  points(): PickupStock[] {
    return this.state.stock.map((p) => this.stock.get(p.name) ?? p);
  }

  setPoint(point: PickupStock): void {
    this.stock.set(point.name, point);
  }

  speakersIn(room: string): string[] | undefined {
    return this.speakers[room] ?? this.state.speakers[room];
  }

  setSpeakers(room: string, names: string[]): void {
    this.speakers[room] = names;
  }

  changes(): AidChanges {
    const changed = <T>(m: Map<string, { base: T | null; now: T }>): T[] =>
      [...m.values()].filter((e) => e.base === null || !same(e.base, e.now)).map((e) => e.now);
    const stock = [...this.stock.values()].filter(
      (p) =>
        !same(
          p,
          this.state.stock.find((s) => s.name === p.name),
        ),
    );
    return {
      requests: changed(this.requests),
      offers: changed(this.offers),
      stock,
      speakers: { ...this.speakers },
      ...(this.nextId !== this.state.nextId ? { nextId: this.nextId } : {}),
    };
  }

  outcome(effects: Effect[]): AidOutcome {
    return { changes: this.changes(), effects };
  }
}

/**
 * Writes an operation's changes into a state: a changed record replaces the one with its id (in
 * place, so positions and the indexes hold), a new one is appended. Meant for the bot's draft of
 * its unit of work, which turns these writes into the patches it commits.
 *
 * `before`: the same content as `state`, to compare with (the bot passes the committed state
 * while its draft is unchanged: comparing plain values costs no draft proxies); writes still go
 * to `state`.
 */
export function applyAidChanges(state: AidState, changes: AidChanges, before: AidState = state): void {
  const index = indexFor(state);
  for (const r of changes.requests) {
    const at = index.positionOf(state, 'requests', r.id);
    if (at === undefined) state.requests.push(r);
    else writeFields(state.requests, at, r, before.requests[at]!);
  }
  for (const o of changes.offers) {
    const at = index.positionOf(state, 'offers', o.id);
    if (at === undefined) state.offers.push(o);
    else writeFields(state.offers, at, o, before.offers[at]!);
  }
  for (const p of changes.stock) {
    const at = state.stock.findIndex((s) => s.name === p.name);
    if (at < 0) state.stock.push(p);
    else writeFields(state.stock, at, p, before.stock[at]!);
  }
  for (const [room, names] of Object.entries(changes.speakers)) {
    const old = before.speakers[room];
    if (!old || !writeList(state.speakers, room, old, names)) state.speakers[room] = names;
  }
  if (changes.nextId !== undefined && changes.nextId !== state.nextId) state.nextId = changes.nextId;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const unchanged = (a: unknown, b: unknown): boolean => a === b || ((typeof a === 'object' || typeof b === 'object') && same(a, b));

/**
 * Writes only what differs, field by field (a list that grew gets the new entries added), so the
 * unit's patches name the fields that changed: a small write, and the same patches as before the
 * domain returned its changes. `parent[key]` is the record to write; `old` has its content.
 */
function writeFields(parent: object, key: string | number, next: object, old: object): void {
  const o = old as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  // Reached through its parent only when something differs: a draft made for nothing costs.
  let target: Record<string, unknown> | null = null;
  const t = (): Record<string, unknown> => (target ??= (parent as Record<string | number, Record<string, unknown>>)[key]!);
  for (const k of Object.keys(o)) if (!(k in n)) delete t()[k];
  for (const [k, value] of Object.entries(n)) {
    const was = o[k];
    if (unchanged(was, value)) continue;
    if (isRecord(was) && isRecord(value)) writeFields(t(), k, value, was);
    else if (!(Array.isArray(was) && Array.isArray(value) && writeList(t(), k, was, value))) t()[k] = value;
  }
}

/**
 * A list that keeps its entries and adds some, or drops some of its first ones (speakers), is
 * changed in place (`parent[key]`; `old` has its content); false otherwise.
 */
function writeList(parent: object, key: string | number, old: unknown[], next: unknown[]): boolean {
  for (let drop = 0; drop <= old.length; drop++) {
    const kept = old.length - drop;
    if (kept > next.length) continue;
    let fits = true;
    for (let i = 0; i < kept && fits; i++) fits = unchanged(old[drop + i], next[i]);
    if (!fits) continue;
    // Dropping everything is no longer a small change: the caller replaces the list.
    if (kept === 0 && old.length > 0) return false;
    const list = (parent as Record<string | number, unknown[]>)[key]!;
    if (drop > 0) list.splice(0, drop);
    list.push(...next.slice(kept));
    return true;
  }
  return false;
}
