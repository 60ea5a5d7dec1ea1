// `linli parse`: message understanding through the same parser the bot uses.
import { availableParallelism } from 'node:os';
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { openInputFor, readRawBatches, writeOut, type RawBatch } from './input.ts';
import { loadEngines } from './engines.ts';
import { answerBatch } from './parse-answer.ts';
import { ParsePool } from './parse-pool.ts';

/** A pool of worker threads starts once this many lines have come in: a small input never waits for one. */
const POOL_AFTER_LINES = 2000;

/** Worker threads for a large input: LINLI_PARSE_WORKERS, else one a core besides this thread's. */
function poolSize(): number {
  const asked = process.env.LINLI_PARSE_WORKERS;
  if (asked !== undefined && /^\d+$/.test(asked)) return Number(asked);
  return availableParallelism() - 1;
}

interface Pending {
  out?: string;
  done: Promise<string>;
}

export async function runParse(file: string | undefined, args: ParsedArgs): Promise<number> {
  const { configDir, parser, directory } = await loadEngines(flagString(args, 'config'), { parser: true, faq: false });
  const input = openInputFor('parse', file);
  if (!input) return 2;
  const local = (batch: RawBatch) => answerBatch(batch, parser, directory);
  const size = poolSize();
  let pool: ParsePool | undefined;
  let seen = 0;
  // Outputs in input order; a batch answered here is done at once, a worker's when it replies.
  const queue: Pending[] = [];
  const pending = (done: Promise<string>): Pending => {
    const p: Pending = { done };
    void done.then((out) => (p.out = out));
    return p;
  };
  /** Writes the outputs at the head of the queue that are done; with `wait`, waits for the head first. */
  const flush = async (wait: boolean): Promise<void> => {
    if (wait && queue.length > 0) await queue[0]!.done;
    while (queue.length > 0 && queue[0]!.out !== undefined) await writeOut(queue.shift()!.out!);
  };
  try {
    // A chunk of input is answered with one write: a write per line cost more than reading it.
    for await (const batch of readRawBatches(input)) {
      seen += batch.lines.length;
      if (!pool && size > 0 && seen > POOL_AFTER_LINES) pool = new ParsePool(size, { configDir, models: parser.readerModels() }, local);
      if (pool?.hasRoom) {
        queue.push(pending(pool.run(batch)));
      } else {
        // The workers are starting or busy: this thread answers the batch meanwhile.
        const out = local(batch);
        queue.push({ out, done: Promise.resolve(out) });
      }
      await flush(false);
    }
    while (queue.length > 0) await flush(true);
  } finally {
    await pool?.close();
  }
  return 0;
}
