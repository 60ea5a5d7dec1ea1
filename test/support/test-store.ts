// The one place tests get a store for a whole bot: in memory by default; with
// LINLI_TEST_STORE=postgres a fresh database on a PostgreSQL server this test process starts,
// so the behaviour tests run unchanged on both stores.
import { MemoryStore } from '../../src/store/memory-store.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import type { StateStore } from '../../src/store/types.ts';
import { sharedPostgres } from './postgres-server.ts';

export const TEST_STORE = process.env.LINLI_TEST_STORE === 'postgres' ? 'postgres' : 'memory';

export async function createTestStore(): Promise<StateStore> {
  if (TEST_STORE !== 'postgres') return new MemoryStore();
  const url = await sharedPostgres().createDatabase();
  // Harnesses are never closed: idle connections go on their own, and the change feed (which lets
  // a minute's job that changes nothing skip the database, as in production) keeps no process alive.
  const store = new PostgresStore({ url, poolSize: 2, idleMs: 200 });
  await store.listen(undefined, { keepAlive: false });
  return store;
}
