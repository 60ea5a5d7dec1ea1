// Data at rest: with LINLI_DATA_KEY the roster's and campaigns' phones and rooms never reach the
// disk in the clear (snapshot or journal), come back on load, and a wrong or missing key stops the
// load without touching the files. Every file the bot writes in its data folder is 0600.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataKey, mapSealed, seal, unseal } from '../src/store/field-crypto.ts';
import { FileStore } from '../src/store/file-store.ts';
import { produceWithPatches } from '../src/store/patches.ts';
import { JsonlArchive } from '../src/store/archive.ts';
import { JsonlAuditLog } from '../src/store/audit-log.ts';
import { StateFileError } from '../src/store/types.ts';
import type { BotState } from '../src/store/state.ts';
import type { RosterEntry } from '../src/domain/callbacks/index.ts';

const HEX_KEY = 'a1'.repeat(32);
const key = dataKey(HEX_KEY);

const entry = (id: string, name: string, room: string, phone: string): RosterEntry =>
  ({ id, name, building: '5', unit: null, room, phone, worker: '邵婷婷', frequency: 'daily', note: '' }) as RosterEntry;

const ROSTER = [entry('r1', '黄秀英', '1502', '13912345678'), entry('r2', '孙德胜', '0807', '15087654321')];
const SECRETS = ['1502', '0807', '13912345678', '15087654321'];

async function commit(store: FileStore, state: BotState, recipe: (s: BotState) => void): Promise<BotState> {
  const [next, patches] = produceWithPatches(state, (d) => void recipe(d as BotState));
  await store.commit(next, patches);
  return next;
}

function rawFiles(dir: string): string {
  return readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

/** A folder with a roster, a campaign and a waiting message, written with `k`; the store is left open (journal only). */
async function writeSample(dir: string, k: Buffer | null, close = true): Promise<BotState> {
  const store = new FileStore(join(dir, 'linli.json'), { key: k });
  let state = await store.load();
  state = await commit(store, state, (s) => {
    s.roster.push(...ROSTER.map((e) => ({ ...e })));
  });
  state = await commit(store, state, (s) => {
    s.roster[1]!.phone = '18600001111';
    s.campaigns.push({
      id: 'c1',
      name: '送春联',
      start: '2026-01-20',
      deadline: '2026-02-01',
      people: [{ id: 'p1', name: '钱玉兰', building: '7', room: '2203', visitor: '邵婷婷' }],
      visits: [],
      followups: [],
      startNoticeAt: null,
      remindedDates: [],
      finalReportAt: null,
    } as unknown as BotState['campaigns'][number]);
    s.outbox.push({
      id: 1,
      at: '2026-01-20T01:00:00.000Z',
      out: { kind: 'private', to: '邵婷婷', text: '今天要打:黄秀英 5号楼1502 13912345678' },
    });
  });
  if (close) await store.close();
  return state;
}

describe('field crypto', () => {
  it('takes 64 hex characters as the key and stretches anything else', () => {
    expect(dataKey(HEX_KEY).toString('hex')).toBe(HEX_KEY);
    const fromPass = dataKey('楚凤社区 2026 春');
    expect(fromPass).toHaveLength(32);
    expect(fromPass.equals(dataKey('楚凤社区 2026 春'))).toBe(true);
    expect(fromPass.equals(dataKey('楚凤社区 2026 秋'))).toBe(false);
  });

  it('seals each value apart, and only the right key opens it', () => {
    const a = seal(key, '13912345678');
    expect(a).not.toContain('13912345678');
    expect(seal(key, '13912345678')).not.toBe(a);
    expect(unseal(key, a)).toBe('13912345678');
    expect(() => unseal(dataKey('b2'.repeat(32)), a)).toThrow(/LINLI_DATA_KEY/);
    expect(() => unseal(null, a)).toThrow(/not set/);
  });

  it('finds the sealed fields under any patch path and leaves the value given alone', () => {
    const mark = (v: string) => `<${v}>`;
    const roster = [{ name: '黄秀英', room: '1502', phone: '139' }];
    expect(mapSealed(['roster'], roster, mark)).toEqual([{ name: '黄秀英', room: '<1502>', phone: '<139>' }]);
    expect(roster[0]!.room).toBe('1502');
    expect(mapSealed(['roster', 3, 'phone'], '139', mark)).toBe('<139>');
    expect(mapSealed(['roster', 3, 'name'], '黄秀英', mark)).toBe('黄秀英');
    expect(mapSealed(['roster', 'length'], 2, mark)).toBe(2);
    expect(mapSealed(['campaigns', 0, 'people', 2], { name: '钱', room: '2203' }, mark)).toEqual({ name: '钱', room: '<2203>' });
    expect(mapSealed(['calls', 0], { text: '1502' }, mark)).toEqual({ text: '1502' });
  });
});

describe('the file store with a data key', () => {
  it('keeps phones and rooms out of the journal and the snapshot, and gives them back on load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-rest-'));
    const written = await writeSample(dir, key, false);
    // Before the snapshot is rewritten, the changes are only in the journal.
    const journal = readFileSync(join(dir, 'linli.journal'), 'utf8');
    expect(journal).toContain('黄秀英');
    for (const s of [...SECRETS, '18600001111', '2203']) expect(journal).not.toContain(s);

    const back = await new FileStore(join(dir, 'linli.json'), { key, readOnly: true }).load();
    expect(back.roster).toEqual(written.roster);
    expect(back.campaigns[0]!.people[0]!.room).toBe('2203');
    expect(back.outbox[0]!.out.text).toContain('13912345678');

    // A full load compacts: now the snapshot holds everything, still sealed.
    const reopened = new FileStore(join(dir, 'linli.json'), { key });
    expect((await reopened.load()).roster[1]!.phone).toBe('18600001111');
    await reopened.close();
    const raw = rawFiles(dir);
    expect(raw).toContain('孙德胜');
    for (const s of [...SECRETS, '18600001111', '2203']) expect(raw).not.toContain(s);
  });

  it('seals a plain file the first time it is saved with a key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-rest-plain-'));
    await writeSample(dir, null);
    expect(readFileSync(join(dir, 'linli.json'), 'utf8')).toContain('13912345678');
    const store = new FileStore(join(dir, 'linli.json'), { key });
    expect((await store.load()).roster[0]!.phone).toBe('13912345678');
    await store.close();
    expect(readFileSync(join(dir, 'linli.json'), 'utf8')).not.toContain('13912345678');
  });

  it('refuses a wrong or missing key, naming the file, and changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-rest-wrong-'));
    await writeSample(dir, key);
    const before = readFileSync(join(dir, 'linli.json'), 'utf8');
    for (const k of [dataKey('not the key'), null]) {
      const err = await new FileStore(join(dir, 'linli.json'), { key: k }).load().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StateFileError);
      expect((err as StateFileError).file).toBe(join(dir, 'linli.json'));
      expect((err as Error).message).toMatch(/LINLI_DATA_KEY/);
    }
    expect(readFileSync(join(dir, 'linli.json'), 'utf8')).toBe(before);
  });

  it('refuses a journal sealed with another key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-rest-journal-'));
    await writeSample(dir, key, false);
    const err = await new FileStore(join(dir, 'linli.json'), { key: dataKey('c3'.repeat(32)) }).load().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as StateFileError).file).toBe(join(dir, 'linli.journal'));
  });
});

function linli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('node', ['bin/linli.mjs', ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end('');
  });
}

describe('the command line with LINLI_DATA_KEY', () => {
  it('imports sealed, exports in the clear for staff, and stops start with exit 2 on a wrong key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-rest-cli-'));
    const outside = mkdtempSync(join(tmpdir(), 'linli-rest-csv-'));
    const csv = join(outside, 'roster.csv');
    writeFileSync(
      csv,
      [
        '姓名,楼号,单元,室号,电话,网格员,频次,备注',
        '黄秀英,5号楼,,1502,13912345678,邵婷婷,每天,独居',
        '孙德胜,5,2,0807,15087654321,邵婷婷,每周,',
      ].join('\n'),
    );
    const env = { LINLI_DATA_KEY: '一句只有管理员知道的话' };
    expect((await linli(['roster', 'import', csv, '--data', dir], env)).code).toBe(0);
    const data = rawFiles(dir);
    expect(data).toContain('黄秀英');
    for (const s of SECRETS) expect(data).not.toContain(s);

    const out = join(outside, 'back.csv');
    expect((await linli(['roster', 'export', out, '--data', dir], env)).code).toBe(0);
    const exported = readFileSync(out, 'utf8');
    expect(exported).toContain('13912345678');
    expect(exported).toContain('0807');

    const before = readFileSync(join(dir, 'linli.json'), 'utf8');
    const wrong = await linli(['start', '--data', dir, '--config', 'config'], { LINLI_DATA_KEY: '另一句话' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/LINLI_DATA_KEY/);
    expect(readFileSync(join(dir, 'linli.json'), 'utf8')).toBe(before);
  }, 60_000);
});

describe('files in the data folder', () => {
  it('are all created 0600: state, journal, archive, audit log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-rest-mode-'));
    await writeSample(dir, key);
    await new JsonlArchive(join(dir, 'archive')).append('calls', [{ id: 'c1', at: '2026-01-20T01:00:00.000Z' }], () => '2026-01');
    JsonlAuditLog.inDataDir(dir).append({ at: '2026-01-20T01:00:00.000Z', by: 'cli', action: 'roster.import', subject: 'x', detail: {} });
    const files = [
      ...readdirSync(dir).map((f) => join(dir, f)),
      ...readdirSync(join(dir, 'archive')).map((f) => join(dir, 'archive', f)),
    ].filter((f) => statSync(f).isFile());
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      expect.arrayContaining(['linli.json', 'linli.journal', 'audit.jsonl', expect.stringMatching(/^archive\/calls-/)]),
    );
    for (const f of files) expect({ f, mode: (statSync(f).mode & 0o777).toString(8) }).toEqual({ f, mode: '600' });
  });
});
