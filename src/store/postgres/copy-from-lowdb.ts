// Moving a community's data from lowdb files to PostgreSQL: the state (snapshot + journal, read
// only: the source is never changed) and the archive's JSON Lines, in one transaction, into a
// database that holds no state yet; then the counts are checked and the state read back from the
// database must equal the source.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ArchiveKind } from '../archive.ts';
import { FileStore } from '../file-store.ts';
import { type BotState, upgradeState } from '../state.ts';
import { allRows, KEYED, partsOf, stateFromRows } from './layout.ts';
import { unsealRows } from './sealed-rows.ts';
import { UNIT_LOCK } from './migrations.ts';
import { PostgresStore, writeRows } from './postgres-store.ts';

const KINDS: ArchiveKind[] = ['calls', 'requests', 'handoffs', 'staffNotes'];

export interface CopyReport {
  /** Records per keyed collection, plus the archive's per kind. */
  counts: Record<string, number>;
  values: number;
}

export async function copyFromLowdb(dataDir: string, url: string): Promise<CopyReport> {
  const source = new FileStore(join(dataDir, 'linli.json'), { readOnly: true });
  const state = await source.load();
  const archived = await readArchive(join(dataDir, 'archive'));

  const target = new PostgresStore({ url, process: 'migrate' });
  try {
    await target.migrate();
    const client = await target.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [UNIT_LOCK]);
      const existing = await client.query<{ n: number }>(
        'SELECT (SELECT count(*) FROM linli_records) + (SELECT count(*) FROM linli_archive) AS n',
      );
      if (Number(existing.rows[0]!.n) > 0) throw new Error('目标数据库里已经有数据,没有复制任何内容(请用一个空的数据库)');
      const seq = await client.query<{ seq: string }>(
        "INSERT INTO linli_changes (process, patches) VALUES ('migrate', '[]') RETURNING seq",
      );
      const rows = allRows(state, BigInt(seq.rows[0]!.seq));
      await writeRows(client, { upserts: rows, deletes: [] }, target.key);
      for (const kind of KINDS) {
        const records = archived[kind] ?? [];
        for (let i = 0; i < records.length; i += 5_000) {
          const chunk = records.slice(i, i + 5_000);
          await client.query(
            'INSERT INTO linli_archive (kind, month, doc) SELECT $1, m, d FROM unnest($2::text[], $3::jsonb[]) WITH ORDINALITY AS u(m, d, n) ORDER BY n',
            [kind, chunk.map((r) => r.month), chunk.map((r) => JSON.stringify(r.record))],
          );
        }
      }
      // Counts: every record of every collection, every archived line.
      const counted = await client.query<{ coll: string; n: number }>('SELECT coll, count(*)::int AS n FROM linli_records GROUP BY coll');
      const archivedCounts = await client.query<{ kind: string; n: number }>(
        'SELECT kind, count(*)::int AS n FROM linli_archive GROUP BY kind',
      );
      const inDb = new Map(counted.rows.map((r) => [r.coll, r.n]));
      const counts: Record<string, number> = {};
      for (const coll of Object.keys(KEYED)) {
        const expected = (get(state, coll) as unknown[] | undefined)?.length ?? 0;
        const got = inDb.get(coll) ?? 0;
        if (got !== expected) throw new Error(`${coll}: 源有 ${expected} 条,数据库里是 ${got} 条;已撤销,没有写入任何内容`);
        counts[coll] = got;
      }
      for (const kind of KINDS) {
        const expected = archived[kind]?.length ?? 0;
        const got = archivedCounts.rows.find((r) => r.kind === kind)?.n ?? 0;
        if (got !== expected) throw new Error(`archive ${kind}: 源有 ${expected} 条,数据库里是 ${got} 条;已撤销,没有写入任何内容`);
        counts[`archive.${kind}`] = got;
      }
      // Read back as the bot will, before committing: the same state, field for field.
      const back = await client.query<{ coll: string; key: string; doc: unknown }>(
        'SELECT coll, key, doc FROM linli_records ORDER BY coll, ord, key',
      );
      const loaded = upgradeState(stateFromRows(unsealRows(target.key, back.rows)) as Partial<BotState>);
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(loaded)), JSON.parse(JSON.stringify(state))))
        throw new Error('从数据库读回的状态与源文件不一致;已撤销,没有写入任何内容');
      await client.query('COMMIT');
      const values = partsOf(state).filter((p) => !(p in KEYED)).length;
      return { counts, values };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  } finally {
    await target.close();
  }
}

function get(state: BotState, part: string): unknown {
  const [a, b] = part.split('.') as [string, string | undefined];
  const top = (state as unknown as Record<string, unknown>)[a];
  return b === undefined ? top : (top as Record<string, unknown> | undefined)?.[b];
}

/** The archive's lines with their month, taken from the file name (calls-2022-12.jsonl). */
async function readArchive(dir: string): Promise<Record<ArchiveKind, { month: string; record: unknown }[]>> {
  const out: Record<ArchiveKind, { month: string; record: unknown }[]> = { calls: [], requests: [], handoffs: [], staffNotes: [] };
  if (!existsSync(dir)) return out;
  for (const file of (await readdir(dir)).sort()) {
    const m = /^(calls|requests|handoffs|staffNotes)-(.+)\.jsonl$/.exec(file);
    if (!m) continue;
    const kind = m[1] as ArchiveKind;
    const month = m[2]!;
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n'))
      if (line.trim()) out[kind].push({ month, record: JSON.parse(line) });
  }
  return out;
}
