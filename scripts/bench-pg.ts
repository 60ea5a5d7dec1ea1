// Several bot processes on one PostgreSQL (issue 13): 1, 2 and 4 processes, each a real child
// process with its own connection and account, handling group messages at once on a database
// holding 1,000,000 stored requests (closed, in the archive table) and 10,000 open ones in the
// live state; throughput over all processes and p50/p99 per message, with the lowdb store
// (one process, same state and messages) beside it. The server runs with fsync on.
// Prints figures; nothing is asserted.
import { seededOpenRequest } from './bench-requests.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../src/store/file-store.ts';
import { produceWithPatches } from '../src/store/patches.ts';
import { PostgresStore } from '../src/store/postgres/postgres-store.ts';
import type { StateStore } from '../src/store/types.ts';
import { startPostgres } from '../test/support/postgres-server.ts';

const PER_PROCESS = Number(process.env.LINLI_BENCH_PG_MESSAGES ?? 400);
const STORED = Number(process.env.LINLI_BENCH_HISTORY ?? 1_000_000);
const OPEN = 10_000;
const SEEDED_AT = new Date('2022-12-18T17:00:00+08:00');

async function seedState(store: StateStore): Promise<void> {
  const seed = async (state: Awaited<ReturnType<StateStore['load']>>) => {
    const [next, patches] = produceWithPatches(state, (d) => {
      d.aid.requests = Array.from({ length: OPEN }, (_, i) => seededOpenRequest(i, SEEDED_AT));
      d.aid.nextId = OPEN + 1;
    });
    await store.commit(next, patches);
  };
  const state = await store.load();
  if (store.exclusive) await store.exclusive(seed);
  else await seed(state);
  await store.close();
}

function worker(
  kind: string,
  where: string,
  name: string,
): Promise<{ wallMs: number; latencies: number[]; startMs: number; rssMb: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/run-script.mjs', 'scripts/bench-pg-worker.ts', kind, where, name, String(PER_PROCESS)],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`${name}: ${stderr || err.message}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop()!)),
    );
  });
}

function report(label: string, runs: Awaited<ReturnType<typeof worker>>[]): void {
  const all = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const q = (p: number) => all[Math.min(all.length - 1, Math.floor(p * all.length))]!.toFixed(1);
  const wall = Math.max(...runs.map((r) => r.wallMs));
  const start = Math.max(...runs.map((r) => r.startMs));
  console.log(
    `${label.padEnd(34)} ${String(all.length).padStart(5)} msgs  ${((all.length / wall) * 1000).toFixed(0).padStart(5)} msg/s   p50 ${q(0.5).padStart(6)} ms  p99 ${q(0.99).padStart(6)} ms   start ${start.toFixed(0)} ms  RSS ${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB`,
  );
}

const server = startPostgres({ durable: true });
try {
  console.log(
    `\nPostgreSQL store, several processes (${OPEN.toLocaleString()} open requests live, ${STORED.toLocaleString()} stored requests in the database):`,
  );
  for (const n of [1, 2, 4]) {
    const url = await server.createDatabase(`bench${n}`);
    const store = new PostgresStore({ url });
    await seedState(store);
    const client = new PostgresStore({ url });
    await client.migrate();
    await client.pool.query(
      `INSERT INTO linli_archive (kind, month, doc)
         SELECT 'requests', '2022-11', jsonb_build_object('id', 'H' || g, 'room', '楼群' || (g % 40), 'grid', '楚凤一网格', 'requester', '居民' || g,
           'text', '谁家有布洛芬', 'items', '[{"name":"布洛芬","category":"fever_medicine"}]'::jsonb, 'status', 'fulfilled',
           'createdAt', '2022-11-20T10:00:00.000Z', 'closedAt', '2022-11-21T10:00:00.000Z')
         FROM generate_series(1, $1::int) AS g`,
      [STORED],
    );
    await client.pool.query('ANALYZE');
    await client.close();
    const runs = await Promise.all(Array.from({ length: n }, (_, i) => worker('postgres', url, `account${i + 1}`)));
    report(`postgres, ${n} process${n > 1 ? 'es' : ''}`, runs);
  }
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-pg-lowdb-'));
  await seedState(new FileStore(join(dir, 'linli.json')));
  report('lowdb (file store), 1 process', [await worker('lowdb', dir, 'lowdb')]);
  rmSync(dir, { recursive: true, force: true });
} finally {
  server.stop();
}
