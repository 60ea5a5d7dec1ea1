// A `linli parse` pool worker: its own parser, built from the config, lexicon and reader models the
// main thread loaded (no second read, training or model-file check), answering raw line batches
// with output text.
import { parentPort, workerData } from 'node:worker_threads';
import { Directory } from '../bot/directory.ts';
import { createParser } from '../domain/parse/index.ts';
import { answerBatch } from './parse-answer.ts';
import type { PoolRequest, PoolReply, PoolSetup } from './parse-pool.ts';

const port = parentPort!;
try {
  const { rooms, people, lexicon, models } = workerData as PoolSetup;
  const directory = new Directory(rooms, people);
  const parser = createParser(lexicon, models);
  port.on('message', (req: PoolRequest) => {
    port.postMessage({ id: req.id, out: answerBatch(req.batch, parser, directory) } satisfies PoolReply);
  });
  port.postMessage({ ready: true } satisfies PoolReply);
} catch (err) {
  // The main thread answers every batch itself when no worker starts.
  port.postMessage({ failed: (err as Error).message } satisfies PoolReply);
}
