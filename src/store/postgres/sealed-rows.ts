// Rows and logged changes with the roster's phones and rooms sealed (field-crypto.ts): a row's
// place in the state is its collection and one index (a record) or its value path.
import { sealAt, unsealAt } from '../field-crypto.ts';
import { type Row, VALUE } from './layout.ts';

const pathOf = (coll: string, key: string): (string | number)[] => (coll === VALUE ? key.split('.') : [...coll.split('.'), 0]);

export function sealRows(key: Buffer | null, rows: Row[]): Row[] {
  if (!key) return rows;
  return rows.map((r) => ({ ...r, doc: sealAt(key, pathOf(r.coll, r.key), r.doc) }));
}

/** Throws DataKeyError when a sealed value cannot be opened. */
export function unsealRows<T extends { coll: string; key: string; doc: unknown }>(key: Buffer | null, rows: T[]): T[] {
  return rows.map((r) => ({ ...r, doc: unsealAt(key, pathOf(r.coll, r.key), r.doc) }));
}
