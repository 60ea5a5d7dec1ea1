// `linli store migrate --from lowdb DIR --to postgres`: a community's files (written by a real
// bot run, with an archive) copied into a fresh database; the counts are printed, the database
// reads back the same state, and the source files stay byte for byte the same.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { FakeTransport } from '../../src/adapters/fake/fake-transport.ts';
import { silentLogger } from '../../src/log.ts';
import { SimulatedClock } from '../../src/schedule/simulated.ts';
import { JsonlArchive } from '../../src/store/archive.ts';
import { FileStore } from '../../src/store/file-store.ts';
import { PostgresArchive } from '../../src/store/postgres/archive.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';

let server: PostgresServer;
let dir: string;
beforeAll(() => {
  server = startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'linli-migrate-'));
});
afterAll(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function linli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/linli.mjs', ...args], { env: { ...process.env, ...env } }, (err, _stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

function digest(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else
        out[`${prefix}${e.name}`] = createHash('sha256')
          .update(readFileSync(join(d, e.name)))
          .digest('hex');
    }
  };
  walk(folder, '');
  return out;
}

/** A community's data folder as the live bot leaves it: state, journal, archive. */
async function community(folder: string): Promise<void> {
  const clock = new SimulatedClock(new Date('2022-12-18T18:00:00+08:00'));
  const transport = new FakeTransport();
  const store = new FileStore(join(folder, 'linli.json'));
  const archive = new JsonlArchive(join(folder, 'archive'));
  const app = await createApp({
    configDir: 'config',
    store,
    archive,
    clock,
    scheduler: clock,
    send: (o) => transport.send(o),
    log: silentLogger,
  });
  await transport.start(async (m) => void (await app.bot.handle(m)));
  const say = (from: string, text: string, room: string, hhmm: string) =>
    transport.push({ from, text, room, time: new Date(`2022-12-18T${hhmm}:00+08:00`) });
  await say('周大爷', '家里有多的体温计吗?想借一个', '楚凤社区1号楼群', '19:00');
  await say('孙阿姨', '我家有两盒感冒灵,谁要来拿', '楚凤社区2号楼群', '19:10');
  await say('钱师傅', '求一盒退烧贴,孩子有点烧', '金象泰小区3号楼群', '19:20');
  await clock.advanceTo(new Date('2022-12-18T21:00:00+08:00'));
  await archive.append(
    'calls',
    [
      { id: 'c1', date: '2022-10-02' },
      { id: 'c2', date: '2022-11-05' },
    ],
    (c) => c.date.slice(0, 7),
  );
  await archive.append('requests', [{ id: 'r0', createdAt: '2022-11-01T10:00:00.000Z' }], (r) => r.createdAt.slice(0, 7));
  app.close();
  // A live bot killed without its shutdown: the last units are in the journal only.
}

describe('linli store migrate', () => {
  it('copies state and archive, checks the counts, and leaves the source untouched', async () => {
    await community(dir);
    const before = digest(dir);
    const source = await new FileStore(join(dir, 'linli.json'), { readOnly: true }).load();
    expect(source.aid.requests.length + source.aid.offers.length).toBeGreaterThanOrEqual(2);
    const url = await server.createDatabase();

    const run = await linli(['store', 'migrate', '--from', 'lowdb', dir, '--to', 'postgres'], { LINLI_DATABASE_URL: url });
    expect(run.stderr).toMatch(/条数核对一致/);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`aid.requests: ${source.aid.requests.length}`);
    expect(run.stderr).toContain('archive.calls: 2');
    expect(digest(dir)).toEqual(before);

    const store = new PostgresStore({ url });
    expect(JSON.parse(JSON.stringify(await store.load()))).toEqual(JSON.parse(JSON.stringify(source)));
    const archive = new PostgresArchive(store.pool);
    expect(await archive.readAll('calls')).toEqual(await new JsonlArchive(join(dir, 'archive')).readAll('calls'));
    expect(await archive.readAll('requests')).toEqual([{ id: 'r0', createdAt: '2022-11-01T10:00:00.000Z' }]);

    // Into a database that already holds a state: refused, nothing written.
    const again = await linli(['store', 'migrate', '--from', 'lowdb', dir, '--to', 'postgres'], { LINLI_DATABASE_URL: url });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/已经有数据/);
    expect(await archive.count('calls')).toBe(2);
    await store.close();
  });

  it('says what is missing without a connection string', async () => {
    const { LINLI_DATABASE_URL: _, ...env } = process.env;
    const res = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile('node', ['bin/linli.mjs', 'store', 'migrate', '--from', 'lowdb', dir, '--to', 'postgres'], { env }, (err, _o, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }),
      ),
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/LINLI_DATABASE_URL/);
  });
});
