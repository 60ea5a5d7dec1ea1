// What other processes committed, heard as it happens: every commit sends NOTIFY linli_changes
// with its sequence number, and this connection LISTENs. The store uses it to know whether its
// state may be behind ("dirty": a sequence number above its own was announced), so that a
// scheduled job with nothing to do runs on the local state with no round trip at all; the
// district uses it to pick up others' changes at once (an outbox message for one of its chats).
import pg from 'pg';

/** A lost LISTEN connection is tried again this often (meanwhile every unit takes the lock). */
const RECONNECT_MS = 5_000;

export class ChangeFeed {
  /** The highest sequence number announced since listening began. */
  heard = 0n;
  /** Counts LISTEN sessions: a state caught up in an earlier session (or before any) proves nothing. */
  session = 0;
  private client: pg.Client | null = null;
  private started: Promise<void> | null = null;
  private readonly listeners = new Set<(seq: bigint) => void>();
  private keepAlive = true;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly retryMs = RECONNECT_MS,
  ) {}

  /** True while the LISTEN connection is up: no commit anywhere goes unannounced. */
  get listening(): boolean {
    return this.client !== null;
  }

  /**
   * Starts listening (once); `onChange` hears every announced sequence number. `keepAlive: false`:
   * the connection alone does not keep the process running (a test's store that is never closed).
   */
  async start(onChange?: (seq: bigint) => void, keepAlive = true): Promise<void> {
    if (onChange) this.listeners.add(onChange);
    this.keepAlive = keepAlive;
    this.stopped = false;
    this.started ??= this.connect().catch((err: unknown) => {
      this.started = null;
      throw err;
    });
    await this.started;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.stopped = true;
    this.client = null;
    this.started = null;
    this.listeners.clear();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    const lost = (): void => {
      if (this.client !== client) return;
      // Unannounced commits may follow: the store takes the full path until a new session catches up.
      this.client = null;
      this.started = null;
      this.retry();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      const seq = BigInt(n.payload ?? '0');
      if (seq > this.heard) this.heard = seq;
      for (const listener of this.listeners) listener(seq);
    });
    await client.connect();
    await client.query('LISTEN linli_changes');
    if (!this.keepAlive) (client as unknown as { unref(): void }).unref();
    this.session += 1;
    this.client = client;
  }

  private retry(): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      if (this.stopped || this.started !== null) return;
      this.start().catch(() => this.retry());
    }, this.retryMs);
    timer.unref();
  }
}
