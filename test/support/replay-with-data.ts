// Runs a transcript on a data folder prepared beforehand (a campaign imported with the CLI, as
// staff would before the bot starts), and returns the output lines and the saved state.
import { readFileSync } from 'node:fs';
import { classifyLine, type InputLine } from '../../src/cli/input.ts';
import { runReplay } from '../../src/adapters/replay/run-replay.ts';
import { silentLogger } from '../../src/log.ts';
import { testReplayStore } from './test-store.ts';
import type { ReplayOutput } from './replay.ts';

export async function replayOnData(path: string, dataDir: string) {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .map((l, i) => classifyLine(l, i + 1))
    .filter((l): l is InputLine => l !== null);
  const out: ReplayOutput[] = [];
  const store = await testReplayStore();
  await runReplay(lines, {
    configDir: 'config',
    dataDir,
    log: silentLogger,
    emit: (l) => void out.push(l as ReplayOutput),
    store: store.open,
  });
  const state = await store.read(dataDir);
  // Staff's CLI commands read the folder afterwards (they work on lowdb only).
  await store.handBack(dataDir);
  const input = lines.flatMap((l) => (l.kind === 'json' ? [l.value] : []));
  return { out, state, input };
}
