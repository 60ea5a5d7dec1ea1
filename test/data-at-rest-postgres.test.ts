// Data at rest in PostgreSQL (a real server started here): with a data key no row and no logged
// change holds a roster phone or room in the clear; a second process (rows or catch-up from the
// change log) reads them back; a wrong key refuses to load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterEntry } from '../src/domain/callbacks/index.ts';
import { dataKey } from '../src/store/field-crypto.ts';
import { produceWithPatches } from '../src/store/patches.ts';
import { PostgresStore } from '../src/store/postgres/postgres-store.ts';
import type { BotState } from '../src/store/state.ts';
import { StateFileError } from '../src/store/types.ts';
import { startPostgres, type PostgresServer } from './support/postgres-server.ts';

let server: PostgresServer;
beforeAll(() => {
  server = startPostgres();
});
afterAll(() => server?.stop());

const key = dataKey('d4'.repeat(32));

async function unit(store: PostgresStore, recipe: (s: BotState) => void): Promise<void> {
  await store.exclusive(async (latest) => {
    const [next, patches] = produceWithPatches(latest, (d) => void recipe(d as BotState));
    if (patches.length) await store.commit(next, patches);
  });
}

const entry = (id: string, name: string, room: string, phone: string): RosterEntry =>
  ({ id, name, building: '9', unit: '1', room, phone, worker: '邵婷婷', frequency: 'weekly', note: '' }) as RosterEntry;

describe('PostgreSQL store with a data key', () => {
  it('writes sealed rows and changes, and other processes read them back', async () => {
    const url = await server.createDatabase();
    const a = new PostgresStore({ url, key });
    const b = new PostgresStore({ url, key });
    await a.load();
    await b.load();
    await unit(a, (s) => {
      s.roster.push(entry('r1', '郑淑珍', '1701', '13711112222'));
      s.campaigns.push({
        id: 'c1',
        name: '重阳走访',
        start: '2026-10-01',
        deadline: '2026-10-20',
        people: [{ id: 'p1', name: '魏长林', building: '4', room: '0602', visitor: '邵婷婷' }],
        visits: [],
        followups: [],
        startNoticeAt: null,
        remindedDates: [],
        finalReportAt: null,
      } as unknown as BotState['campaigns'][number]);
    });
    await unit(a, (s) => {
      s.roster[0]!.phone = '13733334444';
    });

    const dump = await a.pool.query<{ t: string }>(
      "SELECT coalesce((SELECT string_agg(doc::text, ' ') FROM linli_records), '') || (SELECT string_agg(patches::text, ' ') FROM linli_changes) AS t",
    );
    const raw = dump.rows[0]!.t;
    expect(raw).toContain('郑淑珍');
    for (const s of ['1701', '13711112222', '13733334444', '0602']) expect(raw).not.toContain(s);

    // b catches up from the change log; a new process reads the rows.
    let seen: BotState | null = null;
    await b.exclusive(async (latest) => {
      seen = latest;
    });
    expect(seen!.roster[0]).toMatchObject({ room: '1701', phone: '13733334444' });
    const fresh = new PostgresStore({ url, key });
    const loaded = await fresh.load();
    expect(loaded.roster[0]).toMatchObject({ room: '1701', phone: '13733334444' });
    expect(loaded.campaigns[0]!.people[0]!.room).toBe('0602');

    for (const k of [dataKey('another passphrase'), null]) {
      const wrong = new PostgresStore({ url, key: k });
      const err = await wrong.load().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StateFileError);
      expect((err as Error).message).toMatch(/LINLI_DATA_KEY/);
      await wrong.close();
    }
    await Promise.all([a.close(), b.close(), fresh.close()]);
  });
});
