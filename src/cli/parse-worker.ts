// A `linli parse` pool worker: its own parser, built from the reader models the main thread
// loaded (no second training or model-file check), answering raw line batches with output text.
import { parentPort, workerData } from 'node:worker_threads';
import { loadMainConfig } from '../config/load.ts';
import { loadItemLexicon } from '../config/load-items.ts';
import { Directory } from '../bot/directory.ts';
import { createParser } from '../domain/parse/index.ts';
import type { ReaderModels } from '../domain/parse/readers.ts';
import { answerBatch } from './parse-answer.ts';
import type { PoolRequest, PoolReply, PoolSetup } from './parse-pool.ts';

const port = parentPort!;
try {
  const { configDir, models } = workerData as PoolSetup;
  const config = loadMainConfig(configDir);
  const directory = new Directory(config.rooms, config.people);
  const parser = createParser(loadItemLexicon(configDir), models as ReaderModels);
  port.on('message', (req: PoolRequest) => {
    port.postMessage({ id: req.id, out: answerBatch(req.batch, parser, directory) } satisfies PoolReply);
  });
  port.postMessage({ ready: true } satisfies PoolReply);
} catch (err) {
  // The main thread answers every batch itself when no worker starts.
  port.postMessage({ failed: (err as Error).message } satisfies PoolReply);
}
