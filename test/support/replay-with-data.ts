// Runs a transcript on a data folder prepared beforehand (a campaign imported with the CLI, as
// staff would before the bot starts), and returns the output lines and the saved state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyLine, type InputLine } from '../../src/cli/input.ts';
import { runReplay } from '../../src/adapters/replay/run-replay.ts';
import { silentLogger } from '../../src/log.ts';
import { FileStore } from '../../src/store/file-store.ts';
import type { ReplayOutput } from './replay.ts';

export async function replayOnData(path: string, dataDir: string) {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .map((l, i) => classifyLine(l, i + 1))
    .filter((l): l is InputLine => l !== null);
  const out: ReplayOutput[] = [];
  await runReplay(lines, { configDir: 'config', dataDir, log: silentLogger, emit: (l) => void out.push(l as ReplayOutput) });
  const state = await new FileStore(join(dataDir, 'linli.json'), { readOnly: true }).load();
  const input = lines.flatMap((l) => (l.kind === 'json' ? [l.value] : []));
  return { out, state, input };
}
