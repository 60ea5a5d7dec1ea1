// The live store: a snapshot of the state (a lowdb document, compact JSON) and a journal of
// the changes since, one JSON line per unit of work, fsynced before the bot replies. A write
// costs what the change costs, not what the state weighs; every so often (and at shutdown)
// the snapshot is rewritten and the journal emptied. Files are created 0600.
//
// Crash safety: the snapshot is written to a temporary file, fsynced and renamed; each journal
// line carries a sequence number and the snapshot the last number it includes, so a crash
// between the two writes never applies a change twice. A torn last line (a crash mid-append)
// is dropped; anything else unreadable stops the start with the file named and is never
// overwritten.
//
// With a data key (LINLI_DATA_KEY) the roster's phones and rooms are sealed in both files
// (field-crypto.ts) and opened on load; a wrong or missing key stops the start, writing nothing.
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync, mkdirSync, fstatSync } from 'node:fs';
import { open, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { applyPatches, type Patch } from './patches.ts';
import { DataKeyError, dataKeyFromEnv, sealAt, sealPatches, unsealAt, unsealPatches } from './field-crypto.ts';
import { Low, type Adapter } from 'lowdb';
import { emptyState, upgradeState, type BotState } from './state.ts';
import { describeStateProblems, stateSchema } from './state-schema.ts';
import { StateFileError, type StateStore } from './types.ts';

/** Rewrite the snapshot after this many journal lines or bytes. */
const COMPACT_EVERY_LINES = 2_000;
const COMPACT_EVERY_BYTES = 8 * 1024 * 1024;
const FILE_MODE = 0o600;

interface Snapshot {
  format: 'linli-state';
  /** The last journal line this snapshot includes. */
  seq: number;
  state: BotState;
}

/**
 * A lowdb adapter that writes durably: temp file, fsync, rename, fsync of the folder. Without
 * `fsync` (a throwaway folder): the same temp file and rename, without waiting for the disk.
 */
class DurableJsonFile implements Adapter<Snapshot> {
  constructor(
    private readonly file: string,
    private readonly fsync = true,
  ) {}

  async read(): Promise<Snapshot | null> {
    if (!existsSync(this.file)) return null;
    const text = readFileSync(this.file, 'utf8');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new StateFileError(this.file, `not valid JSON (${(err as Error).message}); the file is left as it is`);
    }
    // Files written before the journal hold the state itself.
    if (raw && typeof raw === 'object' && (raw as { format?: unknown }).format === 'linli-state') return raw as Snapshot;
    return { format: 'linli-state', seq: 0, state: raw as BotState };
  }

  async write(data: Snapshot): Promise<void> {
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(data), { mode: FILE_MODE });
    if (!this.fsync) return rename(tmp, this.file);
    const handle = await open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
    const dir = openSync(dirname(this.file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}

export class FileStore implements StateStore {
  private readonly db: Low<Snapshot>;
  private readonly journalFile: string;
  private fd: number | null = null;
  private seq = 0;
  private lines = 0;
  private bytes = 0;
  private latest: BotState | null = null;
  private readonly key: Buffer | null;

  /**
   * `readOnly`: for commands that only read (exports): loading writes nothing, committing throws.
   * `fsync: false`: for a throwaway folder (a replay without --data, deleted at its end) that no
   * restart will ever read: the same files and writes, without waiting for the disk.
   * `key`: the data key (field-crypto.ts); absent: LINLI_DATA_KEY, null: none.
   */
  constructor(
    readonly file: string,
    private readonly options: { readOnly?: boolean; fsync?: boolean; key?: Buffer | null } = {},
  ) {
    this.key = options.key === undefined ? dataKeyFromEnv() : options.key;
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Low<Snapshot>(new DurableJsonFile(file, options.fsync !== false), { format: 'linli-state', seq: 0, state: emptyState() });
    this.journalFile = `${file.replace(/\.json$/, '')}.journal`;
  }

  get where(): string {
    return this.file;
  }

  async load(): Promise<BotState> {
    await this.db.read();
    const snapshot = this.db.data;
    const raw = snapshot.state as unknown;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw) || (raw as { version?: unknown }).version !== 1) {
      throw new StateFileError(this.file, 'wrong shape: not a linli state (no "version": 1 at the top); the file is left as it is');
    }
    const opened = this.open(this.file, () => unsealAt(this.key, [], upgradeState(snapshot.state)) as BotState);
    const checked = stateSchema.safeParse(opened);
    if (!checked.success)
      throw new StateFileError(this.file, `wrong shape: ${describeStateProblems(checked.error)}; the file is left as it is`);
    let state = opened;
    this.seq = snapshot.seq;
    for (const entry of this.readJournal()) {
      if (entry.s <= this.seq) continue; // already in the snapshot (a crash came between the two writes)
      state = applyPatches(
        state,
        this.open(this.journalFile, () => unsealPatches(this.key, entry.p)),
      );
      this.seq = entry.s;
    }
    const after = stateSchema.safeParse(state);
    if (!after.success)
      throw new StateFileError(
        this.journalFile,
        `changes do not fit the state: ${describeStateProblems(after.error)}; the files are left as they are`,
      );
    // Start from a fresh snapshot and an empty journal.
    if (!this.options.readOnly) await this.compact(state);
    return state;
  }

  async commit(next: BotState, patches: readonly Patch[], options: { sync?: boolean } = {}): Promise<void> {
    if (this.options.readOnly) throw new Error(`${this.file} was opened read-only`);
    const fd = this.journal();
    const line = `${JSON.stringify({ s: this.seq + 1, p: this.key ? sealPatches(this.key, patches) : patches })}\n`;
    const before = this.bytes;
    try {
      writeSync(fd, line);
      if (options.sync !== false && this.options.fsync !== false) fsyncSync(fd);
    } catch (err) {
      // A torn line would make the journal unreadable: cut it off again.
      try {
        ftruncateSync(fd, before);
      } catch {
        // the folder is gone or read-only: the error below says so
      }
      throw err;
    }
    this.seq += 1;
    this.lines += 1;
    this.bytes += Buffer.byteLength(line);
    this.latest = next;
    if (this.lines >= COMPACT_EVERY_LINES || this.bytes >= COMPACT_EVERY_BYTES) await this.compact(next);
  }

  /** Writes the last committed state as the snapshot (shutdown). */
  async close(): Promise<void> {
    if (this.latest && this.lines > 0 && !this.options.readOnly) await this.compact(this.latest);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private async compact(state: BotState): Promise<void> {
    this.db.data = { format: 'linli-state', seq: this.seq, state: this.key ? (sealAt(this.key, [], state) as BotState) : state };
    await this.db.write();
    const fd = this.journal();
    ftruncateSync(fd, 0);
    if (this.options.fsync !== false) fsyncSync(fd);
    this.lines = 0;
    this.bytes = 0;
    this.latest = state;
  }

  /** Opens sealed values; a key problem names the file and leaves it alone. */
  private open<T>(file: string, read: () => T): T {
    try {
      return read();
    } catch (err) {
      if (err instanceof DataKeyError) throw new StateFileError(file, `${err.message}; the file is left as it is`);
      throw err;
    }
  }

  private journal(): number {
    if (this.fd === null) {
      this.fd = openSync(this.journalFile, 'a', FILE_MODE);
      this.bytes = fstatSync(this.fd).size;
    }
    return this.fd;
  }

  private readJournal(): { s: number; p: Patch[] }[] {
    if (!existsSync(this.journalFile)) return [];
    const lines = readFileSync(this.journalFile, 'utf8').split('\n');
    const out: { s: number; p: Patch[] }[] = [];
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const entry = JSON.parse(line) as { s: number; p: Patch[] };
        if (typeof entry.s !== 'number' || !Array.isArray(entry.p)) throw new Error('not a journal entry');
        out.push(entry);
      } catch (err) {
        const last = lines.slice(i + 1).every((l) => !l.trim());
        // A crash mid-append leaves a torn last line: that unit was never acknowledged, drop it.
        if (!last)
          throw new StateFileError(this.journalFile, `line ${i + 1} is unreadable (${(err as Error).message}); the file is left as it is`);
      }
    });
    return out;
  }
}
