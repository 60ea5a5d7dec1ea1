// Indexes over the aid state, so that matching and the escalation job look only at the records
// that can concern them (a group's requests, a grid's, a helper's, the standing offers of an item
// category, the requests something is due for by now) instead of scanning every request.
//
// Derived, never persisted: built from the state at load, then kept in step by the bot with the
// patches of each committed unit of work (a unit changes a few records; re-filing them costs what
// the change costs). The index files array positions; a lookup reads those positions of the state
// it is given and callers re-check their own conditions, so an entry the current unit has made
// stale (a request closed a moment ago) is only a wasted look. Records appended during the unit
// (positions beyond the committed length) are always included, so nothing new is missed.
import { isOpen, type AidRequest, type AidState, type StandingOffer } from './types.ts';
import type { AidSettings } from './settings.ts';

type RequestKey = 'room' | 'grid' | 'requester' | 'helper' | 'building';
type OfferKey = 'room' | 'grid' | 'category';

/** A change to a record: its array and position (from a unit's patches). */
export interface IndexChange {
  list: 'requests' | 'offers';
  position: number;
}

class Buckets<K extends string> {
  private readonly maps = new Map<K, Map<string, Set<number>>>();
  /** What each position is filed under, to take it out again. */
  private readonly filed = new Map<number, [K, string][]>();

  file(position: number, keys: [K, string | null | undefined][]): void {
    this.unfile(position);
    const kept: [K, string][] = [];
    for (const [kind, value] of keys) {
      // A key filed once per position (a helper who answered twice is one entry).
      if (value === null || value === undefined || kept.some(([k, v]) => k === kind && v === value)) continue;
      let map = this.maps.get(kind);
      if (!map) this.maps.set(kind, (map = new Map()));
      let set = map.get(value);
      if (!set) map.set(value, (set = new Set()));
      set.add(position);
      kept.push([kind, value]);
    }
    if (kept.length) this.filed.set(position, kept);
  }

  unfile(position: number): void {
    for (const [kind, value] of this.filed.get(position) ?? []) {
      const map = this.maps.get(kind)!;
      const set = map.get(value)!;
      set.delete(position);
      if (set.size === 0) map.delete(value);
    }
    this.filed.delete(position);
  }

  get(kind: K, value: string | null | undefined): Iterable<number> {
    if (value === null || value === undefined) return [];
    return this.maps.get(kind)?.get(value) ?? [];
  }
}

/** When something is next due for a request (expiry, relay to the grid group, the worker's alert); Infinity when never. */
export function nextDueAt(req: AidRequest, settings: AidSettings): number {
  if (!isOpen(req)) return Infinity;
  const created = Date.parse(req.createdAt);
  const expiry = created + settings.expiryHours * 3_600_000;
  if (req.status !== 'open' || req.relaxed || req.byStaff) return expiry;
  const esc = settings.escalation;
  const relay = req.escalatedToGridAt
    ? Infinity
    : created + (req.urgent ? esc.urgentToGridGroupMinutes : esc.normalToGridGroupMinutes) * 60_000;
  const alert = req.urgent && !req.escalatedToWorkerAt ? created + esc.urgentToWorkerMinutes * 60_000 : Infinity;
  return Math.min(expiry, relay, alert);
}

export class AidIndex {
  private readonly requests = new Buckets<RequestKey>();
  private readonly offers = new Buckets<OfferKey>();
  /** Open requests by the time something is next due for them, soonest first. */
  private due: { at: number; position: number }[] = [];
  private readonly dueAtOf = new Map<number, number>();
  private requestCount = 0;
  private offerCount = 0;
  /** Where each committed record sits, by id (closed ones too): changes are written back in place. */
  private readonly positions = { requests: new Map<string, number>(), offers: new Map<string, number>() };
  private readonly idAt = { requests: [] as (string | undefined)[], offers: [] as (string | undefined)[] };

  /** Without settings (a lookup that needs no due times) the due list stays empty. */
  constructor(private readonly settings: AidSettings | null = null) {}

  /** Files every record of the state (at load, or after a change too wide to follow record by record). */
  rebuild(state: AidState): void {
    for (let i = 0; i < this.requestCount; i++) this.requests.unfile(i);
    for (let i = 0; i < this.offerCount; i++) this.offers.unfile(i);
    this.due = [];
    this.dueAtOf.clear();
    for (const list of ['requests', 'offers'] as const) {
      this.positions[list].clear();
      this.idAt[list] = [];
    }
    this.requestCount = state.requests.length;
    this.offerCount = state.offers.length;
    eachPlain(state.requests, (r, i) => this.fileRequest(i, r));
    eachPlain(state.offers, (o, i) => this.fileOffer(i, o));
  }

  /** Re-files the records a committed unit changed; `state` is the committed state. */
  update(state: AidState, changes: Iterable<IndexChange>): void {
    for (const { list, position } of changes) {
      if (list === 'requests') this.fileRequest(position, state.requests[position]);
      else this.fileOffer(position, state.offers[position]);
    }
    for (let i = state.requests.length; i < this.requestCount; i++) this.fileRequest(i, undefined);
    for (let i = state.offers.length; i < this.offerCount; i++) this.fileOffer(i, undefined);
    this.requestCount = state.requests.length;
    this.offerCount = state.offers.length;
  }

  /** Open requests filed under any of the keys, in the order of the state (plus any added in this unit). */
  openRequests(state: AidState, keys: [RequestKey, string | null | undefined][]): AidRequest[] {
    const positions = new Set<number>();
    for (const [kind, value] of keys) for (const p of this.requests.get(kind, value)) positions.add(p);
    return this.pick(state.requests, positions, this.requestCount).filter(isOpen);
  }

  /**
   * Where the record with this id sits in `state` (the committed state or a draft of it), or
   * undefined for a record not in it yet. Records appended during the unit are looked for past the
   * committed length; a stale entry (never expected) falls back to a scan.
   */
  positionOf(state: AidState, list: 'requests' | 'offers', id: string): number | undefined {
    const records: { id: string }[] = state[list];
    const filed = this.positions[list].get(id);
    if (filed !== undefined && records[filed]?.id === id) return filed;
    const committed = list === 'requests' ? this.requestCount : this.offerCount;
    for (let i = committed; i < records.length; i++) if (records[i]!.id === id) return i;
    if (filed === undefined) return undefined;
    const found = records.findIndex((r) => r.id === id);
    return found < 0 ? undefined : found;
  }

  /** Requests something may be due for at `now`, in the order of the state. */
  dueRequests(state: AidState, now: Date): AidRequest[] {
    // +1 ms: the escalation's own minute arithmetic decides; the index only must not miss.
    const until = now.getTime() + 1;
    const positions = new Set<number>();
    for (const entry of this.due) {
      if (entry.at > until) break;
      positions.add(entry.position);
    }
    return this.pick(state.requests, positions, this.requestCount);
  }

  /** Standing offers of these categories filed under the room or the grid, in the order of the state. */
  offersFor(state: AidState, categories: string[], room: string, grid: string | null): StandingOffer[] {
    const near = new Set<number>([...this.offers.get('room', room), ...this.offers.get('grid', grid)]);
    const positions = new Set<number>();
    for (const c of categories) for (const p of this.offers.get('category', c)) if (near.has(p)) positions.add(p);
    return this.pick(state.offers, positions, this.offerCount);
  }

  private pick<T>(list: T[], positions: Set<number>, committed: number): T[] {
    const sorted = [...positions].sort((a, b) => a - b);
    for (let i = committed; i < list.length; i++) sorted.push(i);
    const out: T[] = [];
    for (const p of sorted) {
      const record = list[p];
      if (record !== undefined) out.push(record);
    }
    return out;
  }

  private fileId(list: 'requests' | 'offers', position: number, id: string | undefined): void {
    const old = this.idAt[list][position];
    if (old === id) return;
    if (old !== undefined && this.positions[list].get(old) === position) this.positions[list].delete(old);
    this.idAt[list][position] = id;
    if (id !== undefined) this.positions[list].set(id, position);
  }

  private fileRequest(position: number, req: AidRequest | undefined): void {
    this.fileId('requests', position, req?.id);
    this.setDue(position, req && this.settings ? nextDueAt(req, this.settings) : Infinity);
    if (!req || !isOpen(req)) return this.requests.unfile(position);
    this.requests.file(position, [
      ['room', req.room],
      ['grid', req.grid],
      ['requester', req.requester],
      ['building', req.location.building],
      ...req.offers.map((o): [RequestKey, string] => ['helper', o.helper]),
    ]);
  }

  private fileOffer(position: number, offer: StandingOffer | undefined): void {
    this.fileId('offers', position, offer?.id);
    if (!offer?.active) return this.offers.unfile(position);
    this.offers.file(position, [
      ['room', offer.room],
      ['grid', offer.grid],
      ...offer.items.map((i): [OfferKey, string] => ['category', i.category]),
    ]);
  }

  private setDue(position: number, at: number): void {
    const old = this.dueAtOf.get(position);
    if (old === at) return;
    if (old !== undefined) {
      const i = this.dueSlot(old, position);
      if (this.due[i]?.position === position) this.due.splice(i, 1);
      this.dueAtOf.delete(position);
    }
    if (at === Infinity) return;
    this.due.splice(this.dueSlot(at, position), 0, { at, position });
    this.dueAtOf.set(position, at);
  }

  /** Where (at, position) sits in the due list: ordered by time, then position. */
  private dueSlot(at: number, position: number): number {
    let lo = 0;
    let hi = this.due.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.due[mid]!;
      if (e.at < at || (e.at === at && e.position < position)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Visits every record; `some` on a draft of the bot's state reads the plain values, so no record gets a proxy. */
function eachPlain<T>(list: T[], visit: (record: T, position: number) => void): void {
  list.some((record, position) => {
    visit(record, position);
    return false;
  });
}

/** The bot's index for the state of its current unit of work (a draft it handed to the domain). */
const attached = new WeakMap<AidState, AidIndex>();

export function attachIndex(state: AidState, index: AidIndex): void {
  attached.set(state, index);
}

/**
 * The index for this state: the one the bot attached, else one built for this call (a state the
 * bot does not hold, as in a unit test: correct, and as costly as a scan).
 */
export function indexFor(state: AidState, settings: AidSettings | null = null): AidIndex {
  const index = attached.get(state);
  if (index) return index;
  const fresh = new AidIndex(settings);
  fresh.rebuild(state);
  return fresh;
}
