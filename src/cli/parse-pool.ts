// Worker threads for a large `linli parse` input. Each worker has its own parser; batches of raw
// lines go to the least busy ready worker, and outputs come back as text, written in input order
// by the caller. Until a worker is ready (and wherever one fails) the main thread answers itself,
// so the first line never waits for the pool.
import { Worker } from 'node:worker_threads';
import type { RoomInfo, PersonInfo } from '../bot/directory.ts';
import type { ItemLexicon } from '../domain/parse/lexicon-types.ts';
import type { ReaderModels } from '../domain/parse/readers.ts';
import type { RawBatch } from './input.ts';

/** What a worker builds its parser from: what the main thread loaded (no second read of config/). */
export interface PoolSetup {
  rooms: RoomInfo[];
  people: PersonInfo[];
  lexicon: ItemLexicon;
  models: ReaderModels;
}
export interface PoolRequest {
  id: number;
  batch: RawBatch;
}
export type PoolReply = { id: number; out: string } | { ready: true } | { failed: string };

/** Batches a worker holds at once: one being parsed and one waiting, so it never idles. */
const PER_WORKER = 2;

interface Task {
  batch: RawBatch;
  resolve: (out: string) => void;
}

class PoolWorker {
  ready = false;
  readonly tasks = new Map<number, Task>();
  constructor(readonly thread: Worker) {}
}

/** Where the worker's code is: beside this module in the sources (run through tsx) or in dist/. */
function workerEntry(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./parse-worker-source.mjs', here);
  // esbuild puts shared code in dist/chunks/; the worker entry is dist/parse-worker.js.
  return new URL(here.includes('/chunks/') ? '../parse-worker.js' : './parse-worker.js', here);
}

export class ParsePool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private markReady!: () => void;
  /** Settles when the first worker is ready (never, if none starts). */
  readonly ready = new Promise<void>((r) => (this.markReady = r));
  /** Lines given to the workers so far (diagnostics). */
  linesSent = 0;

  /** `local` answers a batch in this thread: for a worker that fails with batches in hand. */
  constructor(
    size: number,
    setup: PoolSetup,
    private readonly local: (batch: RawBatch) => string,
  ) {
    const url = workerEntry();
    for (let i = 0; i < size; i++) {
      const thread = new Worker(url, { workerData: setup });
      const w = new PoolWorker(thread);
      thread.on('message', (reply: PoolReply) => this.onReply(w, reply));
      thread.on('error', () => this.drop(w));
      thread.on('exit', () => this.drop(w));
      this.workers.push(w);
    }
  }

  /** A ready worker with room for another batch, the least busy first; none while the pool starts. */
  private free(): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    for (const w of this.workers) if (w.ready && w.tasks.size < PER_WORKER && (!best || w.tasks.size < best.tasks.size)) best = w;
    return best;
  }

  /** Whether any worker is ready (batches then wait for the pool instead of being parsed here). */
  get running(): boolean {
    return this.workers.some((w) => w.ready);
  }

  /** Workers started and not failed or ended. */
  get size(): number {
    return this.workers.length;
  }

  /** Whether a batch given now would go to a worker at once. */
  get hasRoom(): boolean {
    return this.free() !== undefined;
  }

  /** The output of a batch, from a worker with room (the caller checks hasRoom first). */
  run(batch: RawBatch): Promise<string> {
    const w = this.free();
    if (!w) return Promise.resolve(this.local(batch));
    const id = this.nextId++;
    this.linesSent += batch.lines.length;
    return new Promise((resolve) => {
      w.tasks.set(id, { batch, resolve });
      w.thread.postMessage({ id, batch } satisfies PoolRequest);
    });
  }

  /** Ends the workers; every batch given has been answered by then. */
  async close(): Promise<void> {
    const threads = this.workers.map((w) => w.thread);
    this.workers.length = 0;
    await Promise.all(threads.map((t) => t.terminate()));
  }

  private onReply(w: PoolWorker, reply: PoolReply): void {
    if ('ready' in reply) {
      w.ready = true;
      this.markReady();
    } else if ('failed' in reply) this.drop(w);
    else {
      const task = w.tasks.get(reply.id);
      w.tasks.delete(reply.id);
      task?.resolve(reply.out);
    }
  }

  /** A worker that failed or ended: its batches are answered here, in this thread. */
  private drop(w: PoolWorker): void {
    const at = this.workers.indexOf(w);
    if (at >= 0) this.workers.splice(at, 1);
    w.ready = false;
    for (const task of w.tasks.values()) task.resolve(this.local(task.batch));
    w.tasks.clear();
    void w.thread.terminate();
  }
}
