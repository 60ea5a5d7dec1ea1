// The one place tests get a store for a whole bot: in memory by default; with
// LINLI_TEST_STORE=postgres a fresh database on a PostgreSQL server (one per test run, started by
// test/support/postgres-global.ts, else by this test process), so the behaviour tests run
// unchanged on both stores. Replays keep the file store unless switched (testReplayStore).
import { join } from 'node:path';
import { FileStore } from '../../src/store/file-store.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Patch } from '../../src/store/patches.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import type { BotState } from '../../src/store/state.ts';
import type { CaughtUp, StateStore } from '../../src/store/types.ts';
import { sharedPostgres } from './postgres-server.ts';

export const TEST_STORE = process.env.LINLI_TEST_STORE === 'postgres' ? 'postgres' : 'memory';

/** A whole bot's store in a test, on either backend. */
export interface TestStore extends StateStore {
  /** The next this many commits fail (a full disk, a database gone): nothing of them is written. */
  failNext: number;
  /** Commits that went through. */
  saves: number;
  /** What is committed, read back as a restarted process would. */
  saved(): Promise<BotState>;
}

class SwitchedStore implements TestStore {
  failNext = 0;
  saves = 0;
  readonly exclusive?: <T>(work: (latest: BotState, caughtUp: CaughtUp) => Promise<T>, options?: { optimistic?: boolean }) => Promise<T>;

  constructor(
    private readonly inner: MemoryStore | PostgresStore,
    private readonly url: string | null,
  ) {
    if (inner instanceof PostgresStore) this.exclusive = (work, options) => inner.exclusive(work, options);
  }

  get where(): string {
    return this.inner.where;
  }

  load(): Promise<BotState> {
    return this.inner.load();
  }

  async commit(next: BotState, patches: readonly Patch[], options?: { sync?: boolean }): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('simulated: the disk is full (ENOSPC)');
    }
    await this.inner.commit(next, patches, options);
    this.saves += 1;
  }

  async saved(): Promise<BotState> {
    if (this.inner instanceof MemoryStore) return structuredClone(this.inner.saved ?? (await this.inner.load()));
    const fresh = new PostgresStore({ url: this.url!, poolSize: 1 });
    try {
      return await fresh.load();
    } finally {
      await fresh.close();
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A store for a whole bot; `state` starts it from a saved state, as a restart does. */
export async function createTestStore(opts: { state?: BotState } = {}): Promise<TestStore> {
  if (TEST_STORE !== 'postgres') return new SwitchedStore(new MemoryStore(opts.state), null);
  const { store, url } = await postgresStore();
  if (opts.state) {
    // The saved state written as one unit (every row), as `linli store migrate` would have.
    await store.load();
    await store.commit(opts.state, [{ op: 'replace', path: [], value: opts.state }]);
  }
  return new SwitchedStore(store, url);
}

async function postgresStore(): Promise<{ store: PostgresStore; url: string }> {
  const url = await sharedPostgres().createDatabase();
  // Harnesses are never closed: idle connections go on their own, and the change feed (which lets
  // a minute's job that changes nothing skip the database, as in production) keeps no process alive.
  const store = new PostgresStore({ url, poolSize: 2, idleMs: 200 });
  await store.listen(undefined, { keepAlive: false });
  return { store, url };
}

/**
 * The store `linli replay` runs on in a test (see ReplayOptions.store) and how to read it back:
 * the data folder's lowdb file by default; with LINLI_TEST_STORE=postgres a fresh database, into
 * which whatever the folder already holds (a campaign imported by the CLI) is copied first.
 */
export async function testReplayStore(): Promise<{
  open: ((dataDir: string) => Promise<StateStore>) | undefined;
  read: (dataDir: string) => Promise<BotState>;
  /** The run's state into the folder's lowdb file, for CLI commands (lowdb only) run afterwards. */
  handBack: (dataDir: string) => Promise<void>;
}> {
  const readFile = (dataDir: string) => new FileStore(join(dataDir, 'linli.json'), { readOnly: true }).load();
  if (TEST_STORE !== 'postgres') return { open: undefined, read: readFile, handBack: async () => undefined };
  const { store, url } = await postgresStore();
  return {
    async open(dataDir) {
      const prepared = await readFile(dataDir);
      await store.load();
      await store.commit(prepared, [{ op: 'replace', path: [], value: prepared }]);
      return store;
    },
    read,
    async handBack(dataDir) {
      const state = await read();
      const file = new FileStore(join(dataDir, 'linli.json'));
      await file.load();
      await file.commit(state, [{ op: 'replace', path: [], value: state }]);
      await file.close();
    },
  };
  async function read(): Promise<BotState> {
    const fresh = new PostgresStore({ url, poolSize: 1 });
    try {
      return await fresh.load();
    } finally {
      await fresh.close();
    }
  }
}
