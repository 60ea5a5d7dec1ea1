// The PostgreSQL store on a real server started by this test: schema steps, one transaction per
// unit, rows that rebuild the state, catch-up between two processes, the archive, the indexes.
import { freshRequestFields } from '../../src/domain/aid/requests.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { produceWithPatches } from '../../src/store/patches.ts';
import { emptyState, type BotState } from '../../src/store/state.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import type { CaughtUp } from '../../src/store/types.ts';
import { PostgresArchive } from '../../src/store/postgres/archive.ts';
import { MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';

let server: PostgresServer;
beforeAll(() => {
  server = startPostgres();
});
afterAll(() => server?.stop());

const request = (id: string, grid: string, status: string, category = 'fever_medicine'): BotState['aid']['requests'][number] =>
  ({
    id,
    room: '楚凤社区1号楼群',
    grid,
    requester: `居民${id}`,
    onBehalfOf: null,
    anonymous: false,
    text: '求布洛芬',
    messageIds: [`m${id}`],
    items: [{ name: '布洛芬', category }],
    forWhom: 'self',
    location: { building: '1', unit: null, floor: null, room: null },
    postedLocation: { building: '1', unit: null, floor: null, room: null },
    urgent: false,
    relaxed: false,
    temperature: null,
    pickup: null,
    byStaff: false,
    ...freshRequestFields('2026-01-01T10:00:00.000Z'),
    status,
  }) as unknown as BotState['aid']['requests'][number];

/** One unit of work through the store's exclusive path, as the bot runs it. */
async function unit(store: PostgresStore, recipe: (s: BotState) => void): Promise<BotState> {
  return store.exclusive(async (latest) => {
    const [next, patches] = produceWithPatches(latest, (d) => void recipe(d as BotState));
    if (patches.length) await store.commit(next, patches);
    return next;
  });
}

describe('PostgreSQL store', () => {
  it('applies each schema step once, also when two processes start together', async () => {
    const url = await server.createDatabase();
    const [a, b] = [new PostgresStore({ url }), new PostgresStore({ url })];
    const applied = await Promise.all([a.migrate(), b.migrate()]);
    expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => m.version));
    const c = new PostgresStore({ url });
    expect(await c.migrate()).toEqual([]);
    const rows = await c.pool.query('SELECT version FROM linli_migrations ORDER BY version');
    expect(rows.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('starts empty, and a new process reads back exactly what the units committed', async () => {
    const url = await server.createDatabase();
    const store = new PostgresStore({ url });
    expect(await store.load()).toEqual(emptyState());
    await unit(store, (s) => {
      s.aid.requests.push(request('1', '楚凤一网格', 'open'), request('2', '楚凤一网格', 'open'), request('3', '楚凤二网格', 'open'));
      s.aid.nextId = 4;
      s.jobRuns.briefing = '2026-01-01T00:30:00.000Z';
    });
    await unit(store, (s) => {
      s.aid.requests[1]!.status = 'matched';
      s.aid.requests.splice(0, 1);
      s.aid.requests.push(request('4', '楚凤二网格', 'open', 'food'));
      s.seenMessageIds.push('m1', 'm2');
      s.outbox.push({
        id: 1,
        out: { kind: 'room', room: '楚凤一网格群', text: '有人求布洛芬', mentions: [] },
        at: '2026-01-01T10:00:00.000Z',
      });
    });
    const final = await unit(store, (s) => {
      s.outbox = [];
    });
    const again = new PostgresStore({ url });
    const loaded = await again.load();
    expect(loaded).toEqual(final);
    expect(loaded.aid.requests.map((r) => `${r.id}:${r.status}`)).toEqual(['2:matched', '3:open', '4:open']);
    await Promise.all([store.close(), again.close()]);
  });

  it('keeps the order of a collection whose records were reordered', async () => {
    const url = await server.createDatabase();
    const store = new PostgresStore({ url });
    await store.load();
    await unit(store, (s) => {
      s.aid.requests.push(request('1', 'g', 'open'), request('2', 'g', 'open'), request('3', 'g', 'open'));
    });
    const after = await unit(store, (s) => {
      s.aid.requests.reverse();
      s.aid.requests.splice(1, 0, request('9', 'g', 'open'));
    });
    const other = new PostgresStore({ url });
    expect((await other.load()).aid.requests.map((r) => r.id)).toEqual(after.aid.requests.map((r) => r.id));
    await Promise.all([store.close(), other.close()]);
  });

  it('a unit that fails writes nothing, and the next one starts from the last commit', async () => {
    const url = await server.createDatabase();
    const store = new PostgresStore({ url });
    await store.load();
    await unit(store, (s) => void s.seenMessageIds.push('kept'));
    await expect(
      store.exclusive(async (latest) => {
        const [next, patches] = produceWithPatches(latest, (d) => void d.seenMessageIds.push('lost'));
        // A row the table refuses: the whole transaction goes.
        (patches as unknown[]).push({ op: 'add', path: ['bad'], value: '\u0000' });
        await store.commit(next, patches);
      }),
    ).rejects.toThrow();
    const seen = await unit(store, (s) => void s.seenMessageIds.push('next'));
    expect(seen.seenMessageIds).toEqual(['kept', 'next']);
    const other = new PostgresStore({ url });
    expect((await other.load()).seenMessageIds).toEqual(['kept', 'next']);
    await Promise.all([store.close(), other.close()]);
  });

  it('two processes: each unit starts from what the other committed', async () => {
    const url = await server.createDatabase();
    const [a, b] = [new PostgresStore({ url, process: 'a' }), new PostgresStore({ url, process: 'b' })];
    await a.load();
    await b.load();
    await unit(a, (s) => void s.seenMessageIds.push('from-a'));
    await unit(b, (s) => void s.seenMessageIds.push('from-b'));
    // Concurrent units are serialised: none of the 20 increments is lost.
    await Promise.all(Array.from({ length: 10 }, () => [unit(a, (s) => void s.nextCallId++), unit(b, (s) => void s.nextCallId++)]).flat());
    const last = await unit(a, () => {});
    expect(last.seenMessageIds).toEqual(['from-a', 'from-b']);
    expect(last.nextCallId).toBe(21);
    const changes = await a.pool.query('SELECT process, count(*)::int AS n FROM linli_changes GROUP BY process ORDER BY process');
    expect(changes.rows).toEqual([
      { process: 'a', n: 11 },
      { process: 'b', n: 11 },
    ]);
    await Promise.all([a.close(), b.close()]);
  });

  it('a process further behind than the change log reaches reads all rows again and is told to rebuild what it derives', async () => {
    const url = await server.createDatabase();
    // A short log, pruned often: a process that sleeps through a few commits falls off its end.
    const a = new PostgresStore({ url, changesKept: 5, pruneEvery: 2 });
    const b = new PostgresStore({ url });
    await a.load();
    await b.load();
    await unit(b, (s) => void s.seenMessageIds.push('from-b'));
    for (let i = 0; i < 12; i++) await unit(a, (s) => void s.aid.requests.push(request(`R${i}`, 'g1', 'open')));
    const pruned = await a.pool.query<{ value: string }>("SELECT value FROM linli_meta WHERE key = 'pruned'");
    expect(BigInt(pruned.rows[0]!.value)).toBeGreaterThan(b.lastSeq);
    expect(Number((await a.pool.query<{ n: string }>('SELECT count(*) AS n FROM linli_changes')).rows[0]!.n)).toBeLessThanOrEqual(7);

    let handed: CaughtUp | undefined;
    const seen = await b.exclusive(async (latest, caughtUp) => {
      handed = caughtUp;
      return latest;
    });
    expect(seen.aid.requests.map((r) => r.id)).toEqual(Array.from({ length: 12 }, (_, i) => `R${i}`));
    expect(seen.seenMessageIds).toEqual(['from-b']);
    // null: no patches to follow, so the aid indexes are built afresh (src/bot/features/aid-index.ts).
    expect(handed).toBeNull();
    expect(b.lastSeq).toBe(a.lastSeq);

    // One commit behind: caught up from the log, and handed that change's patches.
    await unit(a, (s) => void s.aid.requests.push(request('R12', 'g1', 'open')));
    await b.exclusive(async (latest, caughtUp) => {
      handed = caughtUp;
      return latest;
    });
    expect(handed?.some((p) => p.path[0] === 'aid' && p.path[1] === 'requests')).toBe(true);
    await a.close();
    await b.close();
  });

  it('a database whose rows do not fit the state is refused with the problem named and left alone', async () => {
    const url = await server.createDatabase();
    const store = new PostgresStore({ url });
    await store.load();
    await store.pool.query("INSERT INTO linli_records (coll, key, ord, doc) VALUES ('value', 'nextCallId', 0, '\"many\"')");
    const other = new PostgresStore({ url });
    await expect(other.load()).rejects.toThrow(/nextCallId/);
    const rows = await store.pool.query("SELECT doc FROM linli_records WHERE key = 'nextCallId'");
    expect(rows.rows[0].doc).toBe('many');
    await Promise.all([store.close(), other.close()]);
  });

  it('archives records and reads them back in month order', async () => {
    const url = await server.createDatabase();
    const store = new PostgresStore({ url });
    await store.migrate();
    const archive = new PostgresArchive(store.pool);
    await archive.append(
      'calls',
      [
        { id: 'c2', at: '2026-02-01' },
        { id: 'c1', at: '2026-01-05' },
        { id: 'c3', at: '2026-02-03' },
      ],
      (r) => r.at.slice(0, 7),
    );
    expect((await archive.readAll<{ id: string }>('calls')).map((r) => r.id)).toEqual(['c1', 'c2', 'c3']);
    expect(await archive.readAll('requests')).toEqual([]);
    await store.close();
  });

  it('finds open requests of a grid and category through the indexes', async () => {
    const url = await server.createDatabase();
    const store = new PostgresStore({ url });
    await store.load();
    const all = Array.from({ length: 600 }, (_, i) =>
      request(String(i), `网格${i % 7}`, i % 4 === 0 ? 'open' : 'fulfilled', i % 60 === 0 ? 'food' : 'fever_medicine'),
    );
    await unit(store, (s) => void s.aid.requests.push(...all));
    const expected = all
      .filter((r) => r.grid === '网格0' && r.status === 'open' && r.items[0]!.category === 'fever_medicine')
      .map((r) => r.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('ANALYZE linli_records');
    await client.query('SET enable_seqscan = off');
    const sql = `SELECT doc->>'id' AS id FROM linli_records WHERE coll = 'aid.requests' AND doc->>'grid' = $1 AND doc->>'status' = 'open'
                 AND doc->'items' @> '[{"category":"fever_medicine"}]' ORDER BY 1`;
    const plan = await client.query(`EXPLAIN ${sql.replace('$1', "'网格0'")}`);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Scan using linli_requests_|Bitmap Index Scan on linli_/);
    const found = await client.query(sql, ['网格0']);
    expect(found.rows.map((r) => r.id)).toEqual(expected);
    await client.end();
    await store.close();
  });
});
