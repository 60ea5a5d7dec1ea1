// Shared roster and helpers for the callback tests (not a test file itself).
import { parseFrequency, rosterEntryId, type CallRecord, type Frequency, type RosterEntry } from '../../src/domain/callbacks/index.ts';
import type { ParsedItem } from '../../src/domain/types.ts';
import { localDate } from '../../src/domain/time.ts';

export function entry(name: string, building: string, room: string, worker: string, frequency: Frequency | string = 'daily', note = '', phone = '13800001000'): RosterEntry {
  const freq = typeof frequency === 'string' ? parseFrequency(frequency)! : frequency;
  return { id: rosterEntryId(name, building, null, room), name, building, unit: null, room, phone, worker, frequency: freq, note };
}

/** The grid-day transcript's roster (replay-grid-day.jsonl). */
export const GRID_DAY: RosterEntry[] = [
  entry('张桂兰', '1', '201', '邵婷婷', 'daily', '独居', '13800001001'),
  entry('刘德顺', '1', '502', '邵婷婷', 'daily', '独居，高血压', '13800001002'),
  entry('李秀英', '2', '302', '邵婷婷', 'daily', '空巢，老伴卧床', '13800001003'),
  entry('孙玉华', '2', '601', '邵婷婷', 'daily', '独居，子女在外地', '13800001004'),
  entry('周长海', '3', '101', '邵婷婷', 'weekly', '空巢', '13800001005'),
  entry('王淑芬', '3', '402', '邵婷婷', 'daily', '独居，耳背', '13800001006'),
];

/** A stand-in for the message parser's item extractor. */
export function fakeExtractItems(text: string): ParsedItem[] {
  const table: [RegExp, ParsedItem][] = [
    [/退烧药/, { name: '退烧药', category: 'fever_medicine' }],
    [/布洛芬/, { name: '布洛芬', category: 'fever_medicine' }],
    [/止咳药|止咳糖浆/, { name: '止咳药', category: 'cough_medicine' }],
    [/降压药/, { name: '降压药', category: 'other_medicine' }],
  ];
  return table.filter(([re]) => re.test(text)).map(([, item]) => item);
}

let seq = 0;
export function call(e: RosterEntry, at: string, outcome: CallRecord['outcome'], extra: Partial<CallRecord> = {}): CallRecord {
  return { id: `c${++seq}`, rosterId: e.id, worker: e.worker, at, date: localDate(new Date(at)), outcome, flags: [], needs: [], text: '', ...extra };
}
