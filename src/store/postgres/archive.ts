// The archive (old records out of the live state) in PostgreSQL: one row per record, read back
// in month order then insertion order, as the JSON Lines archive reads its month files.
import type pg from 'pg';
import type { Archive, ArchiveKind } from '../archive.ts';

export class PostgresArchive implements Archive {
  constructor(private readonly pool: pg.Pool) {}

  async append<T>(kind: ArchiveKind, records: T[], monthOf: (record: T) => string): Promise<void> {
    if (records.length === 0) return;
    await this.pool.query(
      'INSERT INTO linli_archive (kind, month, doc) SELECT $1, m, d FROM unnest($2::text[], $3::jsonb[]) WITH ORDINALITY AS u(m, d, n) ORDER BY n',
      [kind, records.map(monthOf), records.map((r) => JSON.stringify(r))],
    );
  }

  async readAll<T>(kind: ArchiveKind): Promise<T[]> {
    const res = await this.pool.query<{ doc: T }>('SELECT doc FROM linli_archive WHERE kind = $1 ORDER BY month, seq', [kind]);
    return res.rows.map((r) => r.doc);
  }

  async count(kind: ArchiveKind): Promise<number> {
    const res = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM linli_archive WHERE kind = $1', [kind]);
    return Number(res.rows[0]!.n);
  }
}
