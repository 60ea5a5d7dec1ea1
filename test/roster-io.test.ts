import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPath } from './support/shared.ts';
import { rosterEntryId, type CallRecord, type RosterEntry } from '../src/domain/callbacks/index.ts';
import {
  CALL_LOG_HEADERS,
  ROSTER_HEADERS,
  describeImportErrors,
  describeRosterConfigErrors,
  exportCallLog,
  exportRoster,
  importRosterFile,
  parseCsv,
  rosterFromConfig,
} from '../src/roster-io/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'linli-roster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['桂兰', '秀英', '德顺', '玉华', '长海', '淑芬', '凤英', '建国', '春梅', '福贵', '秀珍', '国强'];
const NOTES = ['独居', '空巢', '腿脚不便', '独居，高血压', '空巢, 老伴卧床', '子女在外地,"每周回来"', '耳背\n说话大声'];
const FREQS = ['daily', 'weekly', { weekdays: [1, 3, 5] }, { weekdays: [0, 6] }] as const;

function generate(n: number): RosterEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const name = SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length];
    const building = String(1 + (i % 12));
    const unit = i % 3 === 0 ? null : String(1 + (i % 4));
    const room = String(100 * (1 + (i % 18)) + 1 + (Math.floor(i / 18) % 4));
    const frequency = FREQS[i % FREQS.length];
    return {
      id: rosterEntryId(name, building, unit, room),
      name,
      building,
      unit,
      room,
      phone: i % 25 === 0 ? `0535-${String(6000000 + i)}` : `138${String(i).padStart(8, '0')}`,
      worker: ['邵婷婷', '邱靓', '王芳'][i % 3],
      frequency: typeof frequency === 'string' ? frequency : { weekdays: [...frequency.weekdays] },
      note: NOTES[i % NOTES.length],
    };
  });
}

describe('import/export round trip', () => {
  const roster = generate(500);

  it('the generated roster has no duplicate name+room', () => {
    expect(new Set(roster.map((e) => e.id)).size).toBe(500);
  });

  it('500 people through .xlsx', async () => {
    await exportRoster(roster, file('roster.xlsx'));
    const back = await importRosterFile(file('roster.xlsx'));
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.entries).toEqual(roster);
  });

  it('500 people through .csv (BOM, quoted commas, quotes and line breaks)', async () => {
    await exportRoster(roster, file('roster.csv'));
    const raw = readFileSync(file('roster.csv'), 'utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    expect(raw.split('\r\n')[0]).toBe('\uFEFF' + ROSTER_HEADERS.join(','));
    const back = await importRosterFile(file('roster.csv'));
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.entries).toEqual(roster);
  });
});

describe('importing files people make', () => {
  it('a CSV without BOM, with 周一,周三 quoted and 1号楼 spellings', async () => {
    writeFileSync(
      file('hand.csv'),
      [
        '姓名,楼号,单元,室号,电话,网格员,频次,备注',
        '张柱业,1号楼,,502室,138 0000 0000,邵婷婷,每天,独居',
        '李桂兰,2栋,3单元,301,13800000001,邵婷婷,"周一,周三","空巢,腿脚不便"',
        '',
        '王秀英,3,,101,0535-6212345,邱靓,每周,',
      ].join('\n'),
    );
    const r = await importRosterFile(file('hand.csv'));
    expect(r).toEqual({
      ok: true,
      entries: [
        {
          id: rosterEntryId('张柱业', '1', null, '502'),
          name: '张柱业',
          building: '1',
          unit: null,
          room: '502',
          phone: '13800000000',
          worker: '邵婷婷',
          frequency: 'daily',
          note: '独居',
        },
        {
          id: rosterEntryId('李桂兰', '2', '3', '301'),
          name: '李桂兰',
          building: '2',
          unit: '3',
          room: '301',
          phone: '13800000001',
          worker: '邵婷婷',
          frequency: { weekdays: [1, 3] },
          note: '空巢,腿脚不便',
        },
        {
          id: rosterEntryId('王秀英', '3', null, '101'),
          name: '王秀英',
          building: '3',
          unit: null,
          room: '101',
          phone: '0535-6212345',
          worker: '邱靓',
          frequency: 'weekly',
          note: '',
        },
      ],
    });
  });

  it('an .xlsx with numeric cells (phone, building, room as numbers)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '楼号', '单元', '室号', '电话', '网格员', '频次', '备注']);
    ws.addRow(['张柱业', 1, null, 502, 13800000000, '邵婷婷', '每日', '独居']);
    ws.addRow([{ richText: [{ text: '李' }, { text: '桂兰' }] }, '2', 3, '301', '13800000001', '邵婷婷', '周一三五', null]);
    await wb.xlsx.writeFile(file('numeric.xlsx'));
    const r = await importRosterFile(file('numeric.xlsx'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries[0]).toMatchObject({ name: '张柱业', building: '1', room: '502', phone: '13800000000', frequency: 'daily' });
    expect(r.entries[1]).toMatchObject({ name: '李桂兰', unit: '3', frequency: { weekdays: [1, 3, 5] }, note: '' });
  });
});

describe('a file with bad rows is refused whole', () => {
  const rows = [
    ['姓名', '楼号', '单元', '室号', '电话', '网格员', '频次', '备注'],
    ['张柱业', '1', '', '502', '13800000000', '邵婷婷', '每天', '独居'], // 2 ok
    ['', '1', '', '503', '13800000001', '邵婷婷', '每天', ''], // 3 no name
    ['李桂兰', '2', '', '301', '13800000002', '邵婷婷', '每周', ''], // 4 ok
    ['王秀英', '2', '', '302', '1380000', '邵婷婷', '每天', ''], // 5 bad phone
    ['刘德顺', '2', '', '303', '13800000004', '邵婷婷', '每月', ''], // 6 unknown frequency
    ['孙玉华', '2', '', '304', '13800000005', '', '每天', ''], // 7 no worker
    ['张柱业', '1', '', '502', '13900000000', '邱靓', '每天', ''], // 8 duplicate of 2
    ['周长海', '', '', '', 'abc', '邵婷婷', '', ''], // 9 several problems
  ];
  const expectErrors = (errors: { line: number; reason: string }[]) => {
    expect(errors.map((e) => e.line)).toEqual([3, 5, 6, 7, 8, 9]);
    expect(errors[0].reason).toContain('缺少姓名');
    expect(errors[1].reason).toContain('电话');
    expect(errors[2].reason).toContain('频次');
    expect(errors[3].reason).toContain('缺少网格员');
    expect(errors[4].reason).toContain('第2行');
    expect(errors[4].reason).toContain('重复');
    for (const w of ['缺少楼号', '缺少室号', '电话', '缺少频次']) expect(errors[5].reason).toContain(w);
  };

  it('CSV', async () => {
    writeFileSync(file('bad.csv'), rows.map((r) => r.join(',')).join('\r\n'));
    const r = await importRosterFile(file('bad.csv'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expectErrors(r.errors);
    const text = describeImportErrors(r.errors);
    expect(text).toContain('第3行:缺少姓名');
    expect(text).toContain('有 6 行需要改');
  });

  it('XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    for (const r of rows) ws.addRow(r);
    await wb.xlsx.writeFile(file('bad.xlsx'));
    const r = await importRosterFile(file('bad.xlsx'));
    expect(r.ok).toBe(false);
    if (!r.ok) expectErrors(r.errors);
  });

  it('a missing column is reported on line 1', async () => {
    writeFileSync(file('nocol.csv'), '姓名,楼号,室号,电话\n张柱业,1,502,13800000000\n');
    const r = await importRosterFile(file('nocol.csv'));
    expect(r).toEqual({ ok: false, errors: [{ line: 1, reason: '表头缺少:网格员、频次' }] });
  });
});

describe('call log export', () => {
  const roster = generate(3);
  const call = (i: number, at: string, outcome: CallRecord['outcome'], extra: Partial<CallRecord> = {}): CallRecord => ({
    id: `c${at}`,
    rosterId: roster[i].id,
    worker: roster[i].worker,
    at,
    date: at.slice(0, 10),
    outcome,
    flags: [],
    needs: [],
    text: '',
    ...extra,
  });
  const records = [
    call(0, '2022-12-21T09:55:00+08:00', 'reached', {
      flags: ['fever', 'no_medicine'],
      temperature: 38.5,
      needs: [
        { name: '退烧药', category: 'fever_medicine' },
        { name: '降压药', category: 'other_medicine' },
      ],
    }),
    call(1, '2022-12-21T10:10:00+08:00', 'unreachable', { attempts: 2 }),
    call(2, '2022-12-20T10:10:00+08:00', 'reached', { clears: true }),
    call(1, '2022-12-21T19:10:00+08:00', 'visited', { flags: ['household_fever'] }),
  ];

  it('xlsx, within the date range, in time order', async () => {
    await exportCallLog(records, roster, { from: '2022-12-21', to: '2022-12-21' }, file('log.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('log.xlsx'));
    const ws = wb.worksheets[0];
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
    expect(values(1)).toEqual([...CALL_LOG_HEADERS]);
    expect(ws.rowCount).toBe(4);
    expect(values(2)).toEqual([
      '2022-12-21',
      '09:55',
      roster[0].name,
      roster[0].building,
      roster[0].room,
      roster[0].worker,
      '已回访',
      '发烧38.5°、缺药',
      '退烧药、降压药',
    ]);
    expect(values(3).slice(6, 8)).toEqual(['未接通', '打了2次']);
    expect(values(4).slice(6, 8)).toEqual(['已上门', '家人发烧']);
  });

  it('csv', async () => {
    await exportCallLog(records, roster, { from: '2022-12-20', to: '2022-12-21' }, file('log.csv'));
    const rows = parseCsv(readFileSync(file('log.csv'), 'utf8'));
    expect(rows[0]).toEqual([...CALL_LOG_HEADERS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['2022-12-20', '2022-12-21', '2022-12-21', '2022-12-21']);
    expect(rows[1][7]).toBe('正常');
  });
});

describe('rosterFromConfig', () => {
  it('the grid-day transcript setup', () => {
    const setup = JSON.parse(readFileSync(sharedPath('devset/replay-grid-day.jsonl'), 'utf8').split('\n')[0]).setup;
    const r = rosterFromConfig(setup.roster);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries).toHaveLength(6);
    expect(r.entries[4]).toMatchObject({ name: '周长海', frequency: 'weekly', unit: null, note: '空巢' });
    expect(r.entries[0].id).toBe(rosterEntryId('张桂兰', '1', null, '201'));
  });

  it('numbers, weekday objects and Chinese frequencies are accepted', () => {
    const r = rosterFromConfig([
      { name: '张柱业', building: 1, room: 502, phone: 13800000000, worker: '邵婷婷', frequency: { weekdays: [1, 3, 5] } },
      { name: '李桂兰', building: '2', unit: 3, room: '301', phone: '13800000001', worker: '邵婷婷', frequency: '每周', note: '空巢' },
    ]);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.entries.map((e) => [e.building, e.unit, e.room, e.phone, e.note])).toEqual([
        ['1', null, '502', '13800000000', ''],
        ['2', '3', '301', '13800000001', '空巢'],
      ]);
  });

  it('errors name the index and the key', () => {
    const r = rosterFromConfig([
      { name: '张柱业', building: '1', room: '502', phone: '13800000000', worker: '邵婷婷', frequency: 'daily' },
      { name: '李桂兰', building: '2', room: '301', phone: '123', worker: '邵婷婷', frequency: 'daily' },
      { building: '2', room: '302', phone: '13800000002', worker: '邵婷婷', frequency: 'sometimes' },
      'not an object',
      { name: '张柱业', building: '1', room: '502', phone: '13800000009', worker: '邱靓', frequency: 'daily' },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const keys = r.errors.map((e) => `${e.index}.${e.key}`);
    expect(keys).toEqual(expect.arrayContaining(['1.phone', '2.name', '4.name']));
    expect(keys.some((k) => k.startsWith('3.'))).toBe(true);
    expect(keys.some((k) => k.startsWith('0.'))).toBe(false);
    const text = describeRosterConfigErrors(r.errors);
    expect(text).toContain('roster[1].phone: 电话号码不对');
    expect(text).toContain('roster[4].name: 与 roster[0] 重复');
  });
});
