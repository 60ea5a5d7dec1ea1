// `linli parse`: message understanding through the same parser the bot uses.
import { availableParallelism, loadavg } from 'node:os';
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { openInputFor, readRawBatches, writeOut, type RawBatch } from './input.ts';
import { loadMainConfig, resolveConfigDir } from '../config/load.ts';
import { loadItemLexicon } from '../config/load-items.ts';
import { Directory } from '../bot/directory.ts';
import { createParser } from '../domain/parse/index.ts';
import { loadReaderModels } from './reader-model.ts';
import { answerBatch } from './parse-answer.ts';
import { ParsePool } from './parse-pool.ts';

/** A pool of worker threads starts once this many lines have come in: a small input never waits for one. */
const POOL_AFTER_LINES = 2000;

/**
 * Worker threads for a large input: LINLI_PARSE_WORKERS, else one a spare core besides this
 * thread's. A worker costs about half a second of CPU to start and warm up, which only a core
 * that would otherwise idle pays back: on a machine already busy (load average about the core
 * count) the pool made `linli parse` slower, so it is used only where the load leaves a core spare.
 */
function poolSize(): number {
  const cores = availableParallelism();
  return numberFromEnv('LINLI_PARSE_WORKERS') ?? Math.max(0, Math.min(cores - 1, cores - Math.round(loadavg()[0] ?? 0)));
}

function numberFromEnv(name: string): number | undefined {
  const v = process.env[name];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

interface Pending {
  out?: string;
  done: Promise<string>;
}

export async function runParse(file: string | undefined, args: ParsedArgs): Promise<number> {
  // Loaded here rather than in engines.ts: the workers are given the same config, lexicon and models.
  const configDir = resolveConfigDir(flagString(args, 'config'));
  const { rooms, people } = loadMainConfig(configDir);
  const directory = new Directory(rooms, people);
  const lexicon = loadItemLexicon(configDir);
  // The readers the build step trained for these sources and this lexicon, else train now.
  const parser = createParser(lexicon, loadReaderModels(lexicon));
  const input = openInputFor('parse', file);
  if (!input) return 2;
  const local = (batch: RawBatch) => answerBatch(batch, parser, directory);
  const size = poolSize();
  const poolAfter = numberFromEnv('LINLI_PARSE_POOL_AFTER') ?? POOL_AFTER_LINES;
  // Diagnostics on stderr: when the workers are ready, and how many lines they answered.
  const stats = process.env.LINLI_PARSE_STATS === '1';
  let pool: ParsePool | undefined;
  let seen = 0;
  // Outputs in input order; a batch answered here is done at once, a worker's when it replies.
  // Writes go one after another on `written`; a worker's reply writes what it completes at once,
  // so a slow input (typed, or a pipe that pauses) is never held back waiting for the next line.
  const queue: Pending[] = [];
  let written = Promise.resolve();
  const drain = (): Promise<void> =>
    (written = written.then(async () => {
      while (queue.length > 0 && queue[0]!.out !== undefined) await writeOut(queue.shift()!.out!);
    }));
  const pending = (done: Promise<string>): Pending => {
    const p: Pending = { done };
    void done.then((out) => {
      p.out = out;
      void drain();
    });
    return p;
  };
  try {
    // A chunk of input is answered with one write: a write per line cost more than reading it.
    for await (const batch of readRawBatches(input)) {
      seen += batch.lines.length;
      if (!pool && size > 0 && seen > poolAfter) {
        pool = new ParsePool(size, { rooms, people, lexicon, models: parser.readerModels() }, local);
        if (stats) void pool.ready.then(() => process.stderr.write('linli parse: worker threads ready\n'));
      }
      if (pool?.hasRoom) {
        queue.push(pending(pool.run(batch)));
      } else {
        // The workers are starting or busy: this thread answers the batch meanwhile.
        const out = local(batch);
        queue.push({ out, done: Promise.resolve(out) });
      }
      await drain();
    }
    await Promise.all(queue.map((p) => p.done));
    await drain();
  } finally {
    await pool?.close();
  }
  if (stats) process.stderr.write(`linli parse: ${seen} lines read, ${pool?.linesSent ?? 0} answered by worker threads\n`);
  return 0;
}
