// Scheduled jobs on a shared store: a run that changes nothing, when no other process announced
// a commit since this one caught up, opens no connection; a run that changes something takes the
// lock and writes only when nobody committed in between, else runs again on the latest state.
// Three bot processes still run each job once.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { produceWithPatches } from '../../src/store/patches.ts';
import type { BotState } from '../../src/store/state.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { UNIT_LOCK } from '../../src/store/postgres/migrations.ts';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import { startNode, type Node } from './node.ts';
import { B3, B5, GRID2, SCENE as scene, WORKER } from './scene.ts';

let server: PostgresServer;
let nodes: Node[] = [];
const stores: PostgresStore[] = [];
beforeAll(() => {
  server = startPostgres();
});
afterEach(async () => {
  for (const n of nodes) await n.stop().catch(() => undefined);
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  nodes = [];
});
afterAll(() => server?.stop());

const at = (hhmm: string): Date => new Date(`2022-12-18T${hhmm}:00+08:00`);

async function until(done: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function openStore(url: string, name: string): Promise<PostgresStore> {
  const store = new PostgresStore({ url, process: name, poolSize: 2, listenRetryMs: 50 });
  stores.push(store);
  await store.listen();
  await store.load();
  return store;
}

/** A job-like unit: `recipe` may change the state; it is committed only when it did. */
function job(store: PostgresStore, recipe: (s: BotState) => void, seen: BotState[] = []): Promise<void> {
  return store.exclusive(
    async (latest) => {
      seen.push(latest);
      const [next, patches] = produceWithPatches(latest, (d) => void recipe(d as BotState));
      if (patches.length) await store.commit(next, patches);
    },
    { optimistic: true },
  );
}

describe('quiet jobs on PostgreSQL', () => {
  it('runs a job that changes nothing without a connection, and takes the lock after another process’s announced commit', async () => {
    const url = await server.createDatabase();
    const a = await openStore(url, 'a');
    const b = await openStore(url, 'b');
    const connects = vi.spyOn(a.pool, 'connect');
    for (let i = 0; i < 50; i++) await job(a, () => undefined);
    expect(connects).not.toHaveBeenCalled();
    expect(a.units.local).toBe(50);

    await job(b, (s) => void (s.jobRuns.other = '2022-12-18T12:00:00.000Z'));
    await until(() => a.announced >= b.lastSeq, 'a heard b’s commit');
    expect(a.quiet).toBe(false);
    const seen: BotState[] = [];
    await job(a, () => undefined, seen);
    // Caught up under the lock: it ran on b's change, and the next quiet run needs no connection again.
    expect(seen[0]!.jobRuns.other).toBe('2022-12-18T12:00:00.000Z');
    expect(a.units.locked).toBe(1);
    const after = connects.mock.calls.length;
    await job(a, () => undefined);
    expect(connects.mock.calls.length).toBe(after);
  });

  it('throws out a run made on a state another process changed meanwhile, and runs it again on the latest', async () => {
    const url = await server.createDatabase();
    const a = await openStore(url, 'a');
    const b = await openStore(url, 'b');
    await job(b, (s) => void s.seenMessageIds.push('b-1'));
    await until(() => a.announced >= b.lastSeq, 'a heard b’s commit');
    await job(a, () => undefined);
    expect(a.quiet).toBe(true);
    // Another process's commit whose NOTIFY has not arrived yet: written straight into the change log.
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    await raw.query('BEGIN');
    await raw.query('SELECT pg_advisory_xact_lock($1)', [UNIT_LOCK]);
    await raw.query("INSERT INTO linli_changes (process, patches) VALUES ('c', $1)", [
      JSON.stringify([{ op: 'add', path: ['seenMessageIds', 1], value: 'c-1' }]),
    ]);
    await raw.query('COMMIT');
    await raw.end();
    expect(a.quiet).toBe(true);

    // A job that counts the messages seen: on the stale state it would write 1.
    const seen: BotState[] = [];
    await job(a, (s) => void (s.jobRuns.count = String(s.seenMessageIds.length)), seen);
    expect(seen.map((s) => s.seenMessageIds)).toEqual([['b-1'], ['b-1', 'c-1']]);
    expect(a.units.rerun).toBe(1);
    const fresh = await openStore(url, 'fresh');
    expect((await fresh.load()).jobRuns.count).toBe('2');
    const written = await fresh.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM linli_changes WHERE process = 'a'");
    expect(written.rows[0]!.n).toBe(1);
  });

  it('takes the lock while its LISTEN connection is down, and is quiet again once it is back and caught up', async () => {
    const url = await server.createDatabase();
    const a = await openStore(url, 'a');
    await job(a, () => undefined);
    expect(a.quiet).toBe(true);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN linli_changes'",
    );
    await admin.end();
    await until(() => !a.quiet, 'a noticed its feed is gone');
    // Back on a new connection: commits made in the gap were never announced, so one unit catches up first.
    await until(() => a.listening, 'a listens again');
    expect(a.quiet).toBe(false);
    const locked = a.units.locked;
    await job(a, () => undefined);
    expect(a.units.locked).toBe(locked + 1);
    await job(a, () => undefined);
    expect(a.units.locked).toBe(locked + 1);
    expect(a.quiet).toBe(true);
  });

  it('three processes: quiet minutes open no connection, and the escalation due runs once', async () => {
    const url = await server.createDatabase();
    const start = at('20:00');
    const A = await startNode(url, 'A', [`room:${B3}`], start, scene);
    const B = await startNode(url, 'B', [`room:${GRID2}`, `to:${WORKER}`], start, scene);
    const C = await startNode(url, 'C', [`room:${B3}`, `room:${B5}`], start, scene);
    nodes.push(A, B, C);
    await A.say('马建军', '谁家有多余的N95口罩?', B3, at('20:30'));
    for (const n of [B, C]) await until(() => n.store.announced >= A.store.lastSeq, `${n.name} heard A’s commit`);

    // A quarter of an hour before anything is due: each process catches up once, then runs locally.
    const connects = [A, B, C].map((n) => vi.spyOn(n.store.pool, 'connect'));
    const before = [A, B, C].map((n) => ({ ...n.store.units }));
    for (const n of [C, B, A]) await n.clock.advanceTo(at('20:45'));
    [A, B, C].forEach((n, i) => {
      expect(n.store.units.locked - before[i]!.locked).toBeLessThanOrEqual(1);
      expect(n.store.units.local - before[i]!.local).toBeGreaterThanOrEqual(15);
      expect(connects[i]!.mock.calls.length).toBeLessThanOrEqual(1);
    });
    expect(C.app.bot.state.aid.requests).toHaveLength(1);

    // The escalation falls due in every process's schedule; it is decided and relayed once.
    for (const n of [C, B, A]) await n.clock.advanceTo(at('21:30'));
    for (const n of [A, B, C]) await n.refresh();
    await B.app.bot.sender.drain();
    const escalations = await A.store.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM linli_changes WHERE jsonb_path_exists(patches, '$[*] ? (@.path[last] == "escalatedToGridAt")')`,
    );
    expect(escalations.rows[0]!.n).toBe(1);
    const relays = [A, B, C].flatMap((n) => n.transport.sent).filter((o) => o.kind === 'room' && o.room === GRID2);
    expect(relays).toHaveLength(1);
    for (const n of [A, B, C]) expect(n.app.bot.state.aid.requests[0]!.escalatedToGridAt).not.toBeNull();
  });
});
