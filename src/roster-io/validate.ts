// Checking roster rows from any source (CSV, XLSX, YAML) and turning them into entries.
import { parseFrequency } from '../domain/callbacks/frequency.ts';
import { rosterEntryId } from '../domain/callbacks/entry.ts';
import type { Frequency, RosterEntry } from '../domain/callbacks/types.ts';

/** Raw values of one row, keyed by field; strings from files, anything from YAML. */
export interface RawRosterRow {
  name?: unknown;
  building?: unknown;
  unit?: unknown;
  room?: unknown;
  phone?: unknown;
  worker?: unknown;
  frequency?: unknown;
  note?: unknown;
}

export type RosterField = keyof RawRosterRow;

export interface FieldProblem {
  key: RosterField;
  reason: string;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v)
    .replace(/^\uFEFF/, '')
    .trim();
}

/** 1号楼 / 1栋 / 1幢 -> 1; other spellings (A座) kept. */
export function normalizeBuilding(v: unknown): string {
  return text(v).replace(/^(\d+)\s*(号楼|号|栋|幢|楼)$/, '$1');
}

export function normalizeUnit(v: unknown): string | null {
  const s = text(v).replace(/^(\d+)\s*(单元|单)$/, '$1');
  return s === '' ? null : s;
}

export function normalizeRoom(v: unknown): string {
  return text(v).replace(/^(\d+)\s*(室|号|房)$/, '$1');
}

/** Mobile 1xxxxxxxxxx (spaces, dashes and +86 dropped) or a landline 0xxx-xxxxxxx; null if neither. */
export function normalizePhone(v: unknown): string | null {
  const raw = text(v).replace(/^'/, '');
  const compact = raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(compact)) return compact;
  const landline = raw.replace(/\s/g, '');
  if (/^0\d{2,3}-?\d{7,8}$/.test(landline)) return landline;
  if (/^[2-9]\d{6,7}$/.test(landline)) return landline; // local landline without area code
  return null;
}

/** One row to an entry, or every problem with it. */
export function validateRosterRow(row: RawRosterRow): { entry: RosterEntry | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = text(row.name);
  const building = normalizeBuilding(row.building);
  const unit = normalizeUnit(row.unit);
  const room = normalizeRoom(row.room);
  const worker = text(row.worker);
  const note = text(row.note);
  if (!name) problems.push({ key: 'name', reason: '缺少姓名' });
  else if (name.length > 20 || /\d/.test(name)) problems.push({ key: 'name', reason: `姓名看起来不对("${name}")` });
  if (!building) problems.push({ key: 'building', reason: '缺少楼号' });
  if (!room) problems.push({ key: 'room', reason: '缺少室号' });
  const phoneRaw = text(row.phone);
  const phone = normalizePhone(row.phone);
  if (!phoneRaw) problems.push({ key: 'phone', reason: '缺少电话' });
  else if (!phone) problems.push({ key: 'phone', reason: `电话号码不对("${phoneRaw}"),应为11位手机号或带区号的座机` });
  if (!worker) problems.push({ key: 'worker', reason: '缺少网格员' });
  let frequency: Frequency | null = null;
  const freqRaw = row.frequency;
  if (freqRaw === undefined || freqRaw === null || text(freqRaw) === '')
    problems.push({ key: 'frequency', reason: '缺少频次(每天、每周或周一三五)' });
  else {
    frequency = parseFrequency(typeof freqRaw === 'object' ? freqRaw : text(freqRaw));
    if (!frequency)
      problems.push({
        key: 'frequency',
        reason: `看不懂频次("${typeof freqRaw === 'object' ? JSON.stringify(freqRaw) : text(freqRaw)}"),可填:每天、每周、周一三五`,
      });
  }
  if (problems.length > 0 || !frequency || !phone) return { entry: null, problems };
  return {
    entry: { id: rosterEntryId(name, building, unit, room), name, building, unit, room, phone, worker, frequency, note },
    problems,
  };
}

/** Same name in the same room twice: the index of the earlier one for each later duplicate. */
export function findDuplicates(entries: readonly (RosterEntry | null)[]): Map<number, number> {
  const firstAt = new Map<string, number>();
  const dupes = new Map<number, number>();
  entries.forEach((e, i) => {
    if (!e) return;
    const key = e.id;
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, i);
    else dupes.set(i, first);
  });
  return dupes;
}
