// The schema, in numbered steps. Each runs once, in its own transaction, recorded in
// linli_migrations; every process runs them at start under an advisory lock, so two processes
// starting together never apply a step twice. Never edit a step that has shipped: add one.
import type pg from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Lock keys (pg_advisory_lock): one for migrations, one that serialises units of work. */
export const MIGRATION_LOCK = 0x6c696e6c; // 'linl'
export const UNIT_LOCK = 0x6c696e75;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'state rows, change log, archive',
    sql: `
      -- The state, one row per record of each keyed collection (coll 'aid.requests', key = id)
      -- and one row per other value (coll 'value', key = its path, like 'aid.nextId').
      -- ord keeps the collection's order (set from the change that inserted the row).
      CREATE TABLE linli_records (
        coll text NOT NULL,
        key text NOT NULL,
        ord bigint NOT NULL,
        doc jsonb,
        PRIMARY KEY (coll, key)
      );
      CREATE INDEX linli_records_order ON linli_records (coll, ord);
      -- Matching: open requests and active offers of a grid or building, by category.
      CREATE INDEX linli_requests_grid_status ON linli_records ((doc->>'grid'), (doc->>'status')) WHERE coll = 'aid.requests';
      CREATE INDEX linli_requests_building ON linli_records ((doc->'location'->>'building'), (doc->>'status')) WHERE coll = 'aid.requests';
      CREATE INDEX linli_aid_items ON linli_records USING gin ((doc->'items') jsonb_path_ops) WHERE coll IN ('aid.requests', 'aid.offers');
      CREATE INDEX linli_offers_grid ON linli_records ((doc->>'grid')) WHERE coll = 'aid.offers' AND (doc->>'active') = 'true';
      -- Escalation: open requests by age.
      CREATE INDEX linli_requests_open_age ON linli_records ((doc->>'createdAt')) WHERE coll = 'aid.requests' AND (doc->>'status') = 'open';
      -- Callbacks: a person's calls by date.
      CREATE INDEX linli_calls_roster_date ON linli_records ((doc->>'rosterId'), (doc->>'date')) WHERE coll = 'calls';

      -- Every committed unit's patches, in order: how a process catches up on the others.
      CREATE TABLE linli_changes (
        seq bigserial PRIMARY KEY,
        process text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        patches jsonb NOT NULL
      );

      -- Bookkeeping: 'pruned' = the last change sequence deleted from linli_changes.
      CREATE TABLE linli_meta (key text PRIMARY KEY, value text NOT NULL);

      -- Old records moved out of the live state (what data/archive/*.jsonl holds for lowdb).
      CREATE TABLE linli_archive (
        seq bigserial PRIMARY KEY,
        kind text NOT NULL,
        month text NOT NULL,
        doc jsonb NOT NULL
      );
      CREATE INDEX linli_archive_kind ON linli_archive (kind, month, seq);
    `,
  },
  {
    version: 2,
    name: 'processes, chat leases',
    sql: `
      -- Each bot process (one WeChat account) and the chats it sits in, with a heartbeat.
      CREATE TABLE linli_processes (
        process text PRIMARY KEY,
        chats text[] NOT NULL DEFAULT '{}',
        pid integer,
        host text,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now()
      );
      -- Who sends to a chat now: a live process sitting in it holds a lease it renews; a dead
      -- one's lease runs out and another member takes the chat. Pacing is kept here too.
      CREATE TABLE linli_chat_senders (
        chat text PRIMARY KEY,
        process text NOT NULL,
        lease_until timestamptz NOT NULL,
        last_sent_at timestamptz
      );
      CREATE INDEX linli_chat_senders_process ON linli_chat_senders (process);
    `,
  },
];

/** Applies the steps this database lacks; returns the versions applied. */
export async function migrate(client: pg.PoolClient | pg.Client): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS linli_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM linli_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO linli_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
