// The state in PostgreSQL, shared by several bot processes (one per WeChat account).
//
// Every process keeps the whole state in memory, as with lowdb, and runs each unit of work
// inside one transaction that first takes a transaction-level advisory lock: units are
// serialised across all processes. Under the lock the process catches up on the changes others
// committed since its last one (their Immer patches, from linli_changes, applied in order), so
// every process sees the state exactly as the last commit anywhere left it; the unit then writes
// its patches to the change log, the records it changed (one row per request, offer, call,
// outbox message …) and commits — the state changes and the outbox rows of one message in one
// transaction. Message dedupe (seenMessageIds) and job runs (jobRuns) live in the same state, so
// they are shared for free: a message another process handled, or a job another process ran,
// is seen after the catch-up.
//
// With a data key (LINLI_DATA_KEY) the roster's phones and rooms are sealed in the rows and in
// the change log (field-crypto.ts) and opened as they are read.
// Scheduled jobs run optimistically (exclusive's `optimistic`): most minute checks change
// nothing, and when the change feed says no other process committed since our last catch-up,
// the job runs on the local state with no round trip. Only a job that changes something takes
// the lock, and writes if still nobody committed in between; otherwise it is run again on the
// latest state. A no-change verdict is taken on the state as far as announced: a commit whose
// NOTIFY is still in flight (milliseconds) can make one run of a job miss it — the next minute's
// run, or the process that committed it (it is up to date), sees it.
import pg from 'pg';
import { applyPatches, type Patch } from '../patches.ts';
import { DataKeyError, dataKeyFromEnv, sealPatches, unsealPatches } from '../field-crypto.ts';
import { type BotState, upgradeState } from '../state.ts';
import { describeStateProblems, stateSchema } from '../state-schema.ts';
import { type CaughtUp, StaleUnitError, StateFileError, type StateStore } from '../types.ts';
import { ChangeFeed } from './change-feed.ts';
import { diffRows, type RowChanges, stateFromRows, touchedParts } from './layout.ts';
import { migrate, UNIT_LOCK } from './migrations.ts';
import { sealRows, unsealRows } from './sealed-rows.ts';

/** Keep this many changes in the log; a process further behind reloads all rows. */
const CHANGES_KEPT = 20_000;
const PRUNE_EVERY = 1_000;

export interface PostgresStoreOptions {
  url: string;
  /** This process's name in the change log and the chat registry (the account). */
  process?: string;
  poolSize?: number;
  /** Close idle connections after this long (default 10 s). */
  idleMs?: number;
  /** The data key (field-crypto.ts); absent: LINLI_DATA_KEY, null: none. */
  key?: Buffer | null;
  /** A lost LISTEN connection is tried again after this long (default 5 s). */
  listenRetryMs?: number;
  /** Changes kept in the log (default 20,000), pruned every `pruneEvery` commits (default 1,000): tests shrink them. */
  changesKept?: number;
  pruneEvery?: number;
}

/** The connection string without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export class PostgresStore implements StateStore {
  readonly pool: pg.Pool;
  readonly process: string;
  readonly key: Buffer | null;
  private seq = 0n;
  private base: BotState | null = null;
  private unit: Unit | null = null;
  private migrated: Promise<number[]> | null = null;
  private commits = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly feed: ChangeFeed;
  /** The feed session in which this process last caught up under the lock (0: never). */
  private caughtUpIn = 0;
  /** Units by path, for tests and the bench: locked (two round trips or more), local (none), rerun. */
  readonly units = { locked: 0, local: 0, rerun: 0 };
  /** Others' patches applied since a unit was last handed the state (null: reloaded). */
  private unseen: Patch[] | null = [];

  constructor(private readonly options: PostgresStoreOptions) {
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 4,
      idleTimeoutMillis: options.idleMs ?? 10_000,
      allowExitOnIdle: true,
    });
    // An idle client that loses its connection must not crash the process; the next query says so.
    this.pool.on('error', () => {});
    this.process = options.process ?? `pid-${process.pid}`;
    this.key = options.key === undefined ? dataKeyFromEnv() : options.key;
    this.feed = new ChangeFeed(options.url, options.listenRetryMs);
  }

  /**
   * Listens for others' commits (NOTIFY): needed for optimistic jobs; `onChange` hears each
   * change another process committed. `keepAlive: false`: see ChangeFeed.start.
   */
  listen(onChange?: () => void, options: { keepAlive?: boolean } = {}): Promise<void> {
    return this.feed.start(onChange && ((seq) => seq > this.seq && onChange()), options.keepAlive);
  }

  /** No other process is known to have committed since this one last caught up. */
  get quiet(): boolean {
    return this.base !== null && this.feed.listening && this.caughtUpIn === this.feed.session && this.feed.heard <= this.seq;
  }

  get where(): string {
    return redactUrl(this.options.url);
  }

  /** Brings the schema up to date (once per store; every start does it). */
  migrate(): Promise<number[]> {
    this.migrated ??= (async () => {
      const client = await this.pool.connect();
      try {
        return await migrate(client);
      } finally {
        client.release();
      }
    })();
    return this.migrated;
  }

  async load(): Promise<BotState> {
    await this.migrate();
    const client = await this.pool.connect();
    try {
      const session = this.feed.listening ? this.feed.session : 0;
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [UNIT_LOCK]);
      await this.reload(client);
      this.caughtUpIn = session;
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    return this.base!;
  }

  /**
   * Runs one unit of work alone across all processes: `work` gets the latest committed state and
   * may call commit() once; a unit that does not commit writes nothing.
   */
  exclusive<T>(work: (latest: BotState, caughtUp: CaughtUp) => Promise<T>, options: { optimistic?: boolean } = {}): Promise<T> {
    // One at a time within this process too: units from two callers never share the state.
    const unit = (): Promise<T> => (options.optimistic && this.quiet ? this.runLocal(work) : this.runUnit(work));
    const run = this.queue.then(unit, unit);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runUnit<T>(work: (latest: BotState, caughtUp: CaughtUp) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const unit: Unit = { client, open: false, local: false, stale: false };
    this.units.locked += 1;
    try {
      unit.open = true;
      const session = this.feed.listening ? this.feed.session : 0;
      await this.beginAndCatchUp(client);
      this.caughtUpIn = session;
      this.unit = unit;
      return await work(this.base!, this.handOver());
    } finally {
      this.unit = null;
      if (unit.open) await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }

  /** An optimistic unit on the local state: no connection unless it commits (see commit). */
  private async runLocal<T>(work: (latest: BotState, caughtUp: CaughtUp) => Promise<T>): Promise<T> {
    const unit: Unit = { client: null, open: true, local: true, stale: false };
    this.unit = unit;
    let result: T;
    try {
      result = await work(this.base!, this.handOver());
    } catch (err) {
      if (!unit.stale) throw err;
    } finally {
      this.unit = null;
    }
    if (!unit.stale) {
      this.units.local += 1;
      return result!;
    }
    this.units.rerun += 1;
    return this.runUnit(work);
  }

  async commit(next: BotState, patches: readonly Patch[], options: { sync?: boolean } = {}): Promise<void> {
    if (!this.unit) {
      // A commit outside a unit (a one-off command): only valid on the latest state.
      const before = this.seq;
      await this.exclusive(async () => {
        if (this.seq !== before) throw new Error(`${this.where}: another process changed the state meanwhile; nothing saved, run again`);
        await this.commit(next, patches, options);
      });
      return;
    }
    const unit = this.unit;
    if (!unit.open) throw new Error('a unit of work commits once');
    if (unit.local) {
      // It ran without the lock: write only if nobody committed since the state it ran on.
      const client = await this.pool.connect();
      try {
        const seq = this.seq;
        const base = this.base;
        const session = this.feed.listening ? this.feed.session : 0;
        await this.beginAndCatchUp(client);
        this.caughtUpIn = session;
        if (this.seq !== seq || this.base !== base) {
          unit.stale = true;
          unit.open = false;
          await client.query('ROLLBACK');
          throw new StaleUnitError(this.where);
        }
        unit.client = client;
        await this.write(unit, next, patches, options);
      } finally {
        if (unit.open) await client.query('ROLLBACK').catch(() => undefined);
        unit.client = null;
        client.release();
      }
      return;
    }
    await this.write(unit, next, patches, options);
  }

  private async write(unit: Unit, next: BotState, patches: readonly Patch[], options: { sync?: boolean }): Promise<void> {
    const client = unit.client!;
    const res = await client.query<{ seq: string }>('INSERT INTO linli_changes (process, patches) VALUES ($1, $2) RETURNING seq', [
      this.process,
      JSON.stringify(this.key ? sealPatches(this.key, patches) : patches),
    ]);
    const seq = BigInt(res.rows[0]!.seq);
    await writeRows(client, diffRows(this.base!, next, touchedParts(patches), seq), this.key);
    // Others pick the change up at once (delivered on commit) rather than at their next message.
    await client.query("SELECT pg_notify('linli_changes', $1)", [seq.toString()]);
    if (options.sync === false) await client.query('SET LOCAL synchronous_commit = off');
    this.commits += 1;
    if (this.commits % (this.options.pruneEvery ?? PRUNE_EVERY) === 0) await this.prune(client, seq);
    await client.query('COMMIT');
    unit.open = false;
    this.base = next;
    this.seq = seq;
  }

  private handOver(): CaughtUp {
    const changes = this.unseen;
    this.unseen = [];
    return changes;
  }

  async close(): Promise<void> {
    await this.feed.stop();
    await this.pool.end();
  }

  /** The change feed's connection is up. */
  get listening(): boolean {
    return this.feed.listening;
  }

  /** The highest change number others announced (tests: wait until a commit was heard). */
  get announced(): bigint {
    return this.feed.heard;
  }

  /** The last change this process has seen (tests, the bench). */
  get lastSeq(): bigint {
    return this.seq;
  }

  /**
   * BEGIN, the lock and the changes since our last one, in one round trip (a unit that changes
   * nothing, like most runs of a minute's check, costs two in all). The sequence number is ours,
   * a bigint, so it goes into the text safely.
   */
  private async beginAndCatchUp(client: pg.PoolClient): Promise<void> {
    const results = (await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock(${UNIT_LOCK});
       SELECT (SELECT value FROM linli_meta WHERE key = 'pruned') AS pruned,
              coalesce((SELECT jsonb_agg(jsonb_build_object('s', seq::text, 'p', patches) ORDER BY seq) FROM linli_changes WHERE seq > ${this.seq.toString()}), '[]') AS changes`,
    )) as unknown as pg.QueryResult<{ pruned: string | null; changes: { s: string; p: Patch[] }[] }>[];
    const { pruned, changes } = results[2]!.rows[0]!;
    // New to the database, or further behind than the log reaches: read all rows.
    if (!this.base || (pruned !== null && BigInt(pruned) > this.seq)) return this.reload(client);
    let state = this.base;
    for (const change of changes) {
      const opened = this.opened(() => unsealPatches(this.key, change.p));
      state = applyPatches(state, opened);
      // The listeners (the aid indexes) hear the opened patches, never the sealed ones.
      this.unseen?.push(...opened);
      this.seq = BigInt(change.s);
    }
    this.base = state;
  }

  private async reload(client: pg.PoolClient): Promise<void> {
    const seq = await client.query<{ seq: string }>('SELECT coalesce(max(seq), 0) AS seq FROM linli_changes');
    const rows = await client.query<{ coll: string; key: string; doc: unknown }>(
      'SELECT coll, key, doc FROM linli_records ORDER BY coll, ord, key',
    );
    const raw = stateFromRows(this.opened(() => unsealRows(this.key, rows.rows)));
    if (raw.version !== undefined && raw.version !== 1)
      throw new StateFileError(this.where, `not a linli state (version ${String(raw.version)})`);
    const state = upgradeState(raw as Partial<BotState>);
    const checked = stateSchema.safeParse(state);
    if (!checked.success)
      throw new StateFileError(this.where, `wrong shape: ${describeStateProblems(checked.error)}; the database is left as it is`);
    this.base = state;
    this.unseen = null;
    this.seq = BigInt(seq.rows[0]!.seq);
  }

  /** Opens sealed values; a key problem names the database and changes nothing. */
  private opened<T>(read: () => T): T {
    try {
      return read();
    } catch (err) {
      if (err instanceof DataKeyError) throw new StateFileError(this.where, `${err.message}; the database is left as it is`);
      throw err;
    }
  }

  private async prune(client: pg.PoolClient, seq: bigint): Promise<void> {
    const cut = seq - BigInt(this.options.changesKept ?? CHANGES_KEPT);
    if (cut <= 0n) return;
    await client.query('DELETE FROM linli_changes WHERE seq <= $1', [cut.toString()]);
    await client.query(
      "INSERT INTO linli_meta (key, value) VALUES ('pruned', $1) ON CONFLICT (key) DO UPDATE SET value = GREATEST(linli_meta.value::bigint, excluded.value::bigint)::text",
      [cut.toString()],
    );
  }
}

interface Unit {
  /** The transaction's connection; null while an optimistic unit runs on the local state. */
  client: pg.PoolClient | null;
  open: boolean;
  local: boolean;
  /** Its commit found others' changes: thrown out, to be run again. */
  stale: boolean;
}

/** Writes one unit's row changes: a few statements whatever their number. */
export async function writeRows(client: pg.ClientBase, changes: RowChanges, key: Buffer | null = null): Promise<void> {
  const { deletes } = changes;
  const upserts = sealRows(key, changes.upserts);
  if (deletes.length > 0) {
    await client.query(
      'DELETE FROM linli_records r USING unnest($1::text[], $2::text[]) AS d(coll, key) WHERE r.coll = d.coll AND r.key = d.key',
      [deletes.map((d) => d.coll), deletes.map((d) => d.key)],
    );
  }
  for (let i = 0; i < upserts.length; i += 5_000) {
    const chunk = upserts.slice(i, i + 5_000);
    await client.query(
      `INSERT INTO linli_records (coll, key, ord, doc)
         SELECT coll, key, coalesce(ord, 0), doc FROM unnest($1::text[], $2::text[], $3::bigint[], $4::jsonb[]) AS u(coll, key, ord, doc)
       ON CONFLICT (coll, key) DO UPDATE SET doc = excluded.doc,
         ord = CASE WHEN excluded.ord = 0 AND excluded.coll <> 'value' THEN linli_records.ord ELSE excluded.ord END`,
      [chunk.map((r) => r.coll), chunk.map((r) => r.key), chunk.map((r) => r.ord), chunk.map((r) => JSON.stringify(r.doc ?? null))],
    );
  }
}
