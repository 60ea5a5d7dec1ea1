// One bot process among several on one database: it registers the chats its account sits in,
// renews a heartbeat, and holds a sender lease on each of those chats that no other live
// process holds. Only the lease holder sends a chat's outbox messages, so two accounts in one
// group never both send; a process that dies stops renewing and its chats pass to another
// member within LEASE + HEARTBEAT seconds (under a minute). The chat's last send time is kept
// with the lease, so the per-chat pacing holds across processes and across a hand-over.
// Others' changes are heard through the store's change feed (PostgresStore.listen).
import { hostname } from 'node:os';
import type pg from 'pg';

export interface ClusterOptions {
  /** The chats this account sits in: 'room:<topic>' and 'to:<name>' (as the sender names them). */
  chats: string[];
  leaseSeconds?: number;
  heartbeatMs?: number;
  /** The chats this process may send to changed (took one over). */
  onLeases?: (held: ReadonlySet<string>) => void;
  onError?: (err: unknown) => void;
}

export class ClusterMember {
  private readonly held = new Set<string>();
  private readonly lastSent = new Map<string, number>();
  private chats: string[];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: pg.Pool,
    readonly process: string,
    private readonly options: ClusterOptions,
  ) {
    this.chats = [...new Set(options.chats)];
  }

  /** Registers, takes the free chats, and keeps it up. */
  async join(): Promise<void> {
    await this.heartbeat();
    const every = this.options.heartbeatMs ?? 10_000;
    this.timer = setInterval(() => void this.heartbeat().catch((err) => this.options.onError?.(err)), every);
    this.timer.unref();
  }

  /** The account joined or left chats. */
  async setChats(chats: string[]): Promise<void> {
    this.chats = [...new Set(chats)];
    await this.heartbeat();
  }

  /** True when this process is the one to send to this chat. */
  mayDeliver = (chat: string): boolean => this.held.has(chat);

  lastSentTo = (chat: string): number | undefined => this.lastSent.get(chat);

  sentTo = (chat: string, at: number): void => {
    this.lastSent.set(chat, at);
    void this.pool
      .query('UPDATE linli_chat_senders SET last_sent_at = to_timestamp($1 / 1000.0) WHERE chat = $2 AND process = $3', [
        at,
        chat,
        this.process,
      ])
      .catch((err) => this.options.onError?.(err));
  };

  get heldChats(): ReadonlySet<string> {
    return this.held;
  }

  /** Renews the registration and the leases; takes chats whose holder stopped renewing. */
  async heartbeat(): Promise<void> {
    const lease = this.options.leaseSeconds ?? 30;
    await this.pool.query(
      `INSERT INTO linli_processes (process, chats, pid, host, heartbeat_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (process) DO UPDATE SET chats = excluded.chats, pid = excluded.pid, host = excluded.host, heartbeat_at = now()`,
      [this.process, this.chats, process.pid, hostname()],
    );
    // Chats it left: let them go.
    await this.pool.query('DELETE FROM linli_chat_senders WHERE process = $1 AND NOT (chat = ANY($2::text[]))', [this.process, this.chats]);
    const res = await this.pool.query<{ chat: string; last: Date | null }>(
      `INSERT INTO linli_chat_senders (chat, process, lease_until)
         SELECT c, $1, now() + make_interval(secs => $3) FROM unnest($2::text[]) AS c
       ON CONFLICT (chat) DO UPDATE SET process = excluded.process, lease_until = excluded.lease_until
         WHERE linli_chat_senders.process = excluded.process OR linli_chat_senders.lease_until < now()
       RETURNING chat, last_sent_at AS last`,
      [this.process, this.chats, lease],
    );
    const now = new Set(res.rows.map((r) => r.chat));
    const gained = [...now].some((c) => !this.held.has(c));
    this.held.clear();
    for (const r of res.rows) {
      this.held.add(r.chat);
      if (r.last) this.lastSent.set(r.chat, Math.max(this.lastSent.get(r.chat) ?? 0, r.last.getTime()));
    }
    if (gained) this.options.onLeases?.(this.held);
  }

  /** Stops renewing; `release` hands the chats over at once (a clean shutdown). */
  async leave(release = true): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (release) await this.pool.query('DELETE FROM linli_chat_senders WHERE process = $1', [this.process]);
    this.held.clear();
  }
}
