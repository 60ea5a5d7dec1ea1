// Writing the roster and the call log as .xlsx or .csv (by the file's extension).
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { formatFrequency } from '../domain/callbacks/frequency.ts';
import { FLAG_LABEL, OUTCOME_LABEL } from '../domain/callbacks/labels.ts';
import type { CallRecord, RosterEntry } from '../domain/callbacks/types.ts';
import { localTime } from '../domain/time.ts';
import { CALL_LOG_HEADERS, ROSTER_HEADERS } from './columns.ts';
import { toCsv } from './csv.ts';
import { writeXlsx } from './xlsx.ts';

async function writeTable(path: string, sheetName: string, headers: readonly string[], rows: string[][]): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return writeXlsx(path, sheetName, headers, rows);
  if (ext === '.csv') return writeFile(path, toCsv([[...headers], ...rows]), 'utf8');
  throw new Error(`unsupported export file type "${ext}" (use .csv or .xlsx)`);
}

export function rosterRows(entries: readonly RosterEntry[]): string[][] {
  return entries.map((e) => [e.name, e.building, e.unit ?? '', e.room, e.phone, e.worker, formatFrequency(e.frequency), e.note]);
}

export async function exportRoster(entries: readonly RosterEntry[], path: string): Promise<void> {
  await writeTable(path, '回访名单', ROSTER_HEADERS, rosterRows(entries));
}

/** 情况 column: flags in words (发烧38.5°、咳嗽), or 正常 for a good report. */
function findings(call: CallRecord): string {
  const words = call.flags.map((f) => (f === 'fever' && call.temperature ? `发烧${call.temperature}°` : FLAG_LABEL[f]));
  if (words.length) return words.join('、');
  if (call.outcome === 'unreachable') return (call.attempts ?? 1) > 1 ? `打了${call.attempts}次` : '';
  return call.clears ? '正常' : '';
}

export function callLogRows(
  records: readonly CallRecord[],
  roster: readonly RosterEntry[],
  range: { from: string; to: string },
): string[][] {
  const byId = new Map(roster.map((e) => [e.id, e]));
  return records
    .filter((c) => c.date >= range.from && c.date <= range.to)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((c) => {
      const e = byId.get(c.rosterId);
      return [
        c.date,
        localTime(new Date(c.at)),
        e?.name ?? '(已不在名单)',
        e?.building ?? '',
        e ? (e.unit ? `${e.unit}单元${e.room}` : e.room) : '',
        c.worker,
        OUTCOME_LABEL[c.outcome],
        findings(c),
        c.needs.map((n) => n.name).join('、'),
      ];
    });
}

/** Calls with dates from..to inclusive (Shanghai dates). */
export async function exportCallLog(
  records: readonly CallRecord[],
  roster: readonly RosterEntry[],
  range: { from: string; to: string },
  path: string,
): Promise<void> {
  await writeTable(path, '回访记录', CALL_LOG_HEADERS, callLogRows(records, roster, range));
}
