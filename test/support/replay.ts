// Runs a transcript through `linli replay`'s engine in-process (real Wechaty on the mock
// puppet, the file store in a temporary folder, or PostgreSQL: test-store.ts) and returns the output lines and the saved state
// (its requests joined by those that moved to history).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyLine, type InputLine } from '../../src/cli/input.ts';
import { runReplay } from '../../src/adapters/replay/run-replay.ts';
import { silentLogger } from '../../src/log.ts';
import type { BotState } from '../../src/store/state.ts';
import { testReplayStore } from './test-store.ts';
import { JsonlArchive } from '../../src/store/archive.ts';
import type { AidRequest } from '../../src/domain/aid/types.ts';

export interface ReplayOutput {
  at?: string;
  room?: string;
  to?: string;
  mentions?: string[];
  text?: string;
  error?: string;
  line?: number;
}

export interface ReplayWhere {
  /** A data folder prepared beforehand (a campaign imported with the CLI, as staff would before the bot starts). */
  dataDir?: string;
  /** Hand the state back to the folder's lowdb afterwards, for staff's CLI commands (they work on lowdb only). */
  handBack?: boolean;
}

export async function replayText(
  jsonl: string,
  where: ReplayWhere = {},
): Promise<{ out: ReplayOutput[]; state: BotState; input: Record<string, unknown>[] }> {
  const lines = jsonl
    .split('\n')
    .map((l, i) => classifyLine(l, i + 1))
    .filter((l): l is InputLine => l !== null);
  const dataDir = where.dataDir ?? mkdtempSync(join(tmpdir(), 'linli-replay-test-'));
  const out: ReplayOutput[] = [];
  const store = await testReplayStore();
  await runReplay(lines, {
    configDir: 'config',
    dataDir,
    log: silentLogger,
    emit: (l) => void out.push(l as ReplayOutput),
    store: store.open,
  });
  // Read back through the store, as a restarted bot would (snapshot and journal, or the database).
  const live = await store.read(dataDir);
  if (where.handBack) await store.handBack(dataDir);
  // A request closed more than a day ago has moved to history: every request the run made, in the order made.
  const history = await new JsonlArchive(join(dataDir, 'archive')).readAll<AidRequest>('requests');
  const made = (r: AidRequest): number => Number(r.id.slice(1));
  const state: BotState = { ...live, aid: { ...live.aid, requests: [...history, ...live.aid.requests].sort((a, b) => made(a) - made(b)) } };
  const input = lines.flatMap((l) => (l.kind === 'json' ? [l.value] : []));
  return { out, state, input };
}

export function replayFile(path: string, where: ReplayWhere = {}) {
  return replayText(readFileSync(path, 'utf8'), where);
}

/** Shanghai HH:MM of an output line, with the date when asked. */
export const hhmm = (o: ReplayOutput): string => (o.at ?? '').slice(11, 16);
export const day = (o: ReplayOutput): string => (o.at ?? '').slice(0, 10);
