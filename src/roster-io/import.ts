// Importing a roster spreadsheet (.csv or .xlsx): all rows good, or the whole file refused.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { RosterEntry } from '../domain/callbacks/types.ts';
import { columnOf, REQUIRED_COLUMNS, type RosterColumn } from './columns.ts';
import { parseCsv, unguardFormula } from './csv.ts';
import { findDuplicates, validateRosterRow, type RawRosterRow, type RosterField } from './validate.ts';
import { readXlsxRows } from './xlsx.ts';

export interface RowError {
  /** Spreadsheet row number; the header is line 1. */
  line: number;
  reason: string;
}

export type RosterImportResult = { ok: true; entries: RosterEntry[] } | { ok: false; errors: RowError[] };

const FIELD_OF: Record<RosterColumn, RosterField> = {
  姓名: 'name',
  楼号: 'building',
  单元: 'unit',
  室号: 'room',
  电话: 'phone',
  网格员: 'worker',
  频次: 'frequency',
  备注: 'note',
};

/** Rows of text with their line numbers, from either file type. */
export async function readRows(path: string): Promise<{ line: number; cells: string[] }[]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return readXlsxRows(path);
  if (ext === '.csv') {
    const text = await readFile(path, 'utf8');
    return parseCsv(text)
      .map((cells, i) => ({ line: i + 1, cells: cells.map((c) => unguardFormula(c.trim())) }))
      .filter((r) => r.cells.some((c) => c !== ''));
  }
  throw new Error(`unsupported roster file type "${ext}" (use .csv or .xlsx)`);
}

/** Check every row; refuse the whole file if any row is bad, listing each bad row once. */
export function rosterFromRows(rows: readonly { line: number; cells: string[] }[]): RosterImportResult {
  const [header, ...body] = rows;
  if (!header) return { ok: false, errors: [{ line: 1, reason: '文件是空的,第一行应是表头:姓名 楼号 单元 室号 电话 网格员 频次 备注' }] };
  const columns = header.cells.map(columnOf);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) return { ok: false, errors: [{ line: header.line, reason: `表头缺少:${missing.join('、')}` }] };

  const reasons = new Map<number, string[]>();
  const entries = body.map((row) => {
    const raw: RawRosterRow = {};
    columns.forEach((col, i) => {
      if (col && raw[FIELD_OF[col]] === undefined) raw[FIELD_OF[col]] = row.cells[i] ?? '';
    });
    const { entry, problems } = validateRosterRow(raw);
    if (problems.length)
      reasons.set(
        row.line,
        problems.map((p) => p.reason),
      );
    return entry;
  });
  for (const [i, first] of findDuplicates(entries)) {
    const line = body[i].line;
    reasons.set(line, [...(reasons.get(line) ?? []), `与第${body[first].line}行重复(同一姓名、同一房间)`]);
  }
  if (body.length === 0) return { ok: false, errors: [{ line: header.line, reason: '只有表头,没有名单' }] };
  if (reasons.size > 0) {
    const errors = [...reasons.entries()].sort((a, b) => a[0] - b[0]).map(([line, rs]) => ({ line, reason: rs.join(';') }));
    return { ok: false, errors };
  }
  return { ok: true, entries: entries as RosterEntry[] };
}

export async function importRosterFile(path: string): Promise<RosterImportResult> {
  return rosterFromRows(await readRows(path));
}

/** 第3行:缺少姓名 — one line per bad row, for a reply or the CLI. */
export function describeImportErrors(errors: readonly RowError[]): string {
  return [`名单没有导入,有 ${errors.length} 行需要改:`, ...errors.map((e) => `第${e.line}行:${e.reason}`)].join('\n');
}
