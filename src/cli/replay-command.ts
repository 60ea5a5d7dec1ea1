// `linli replay`: reads the whole transcript, then plays it through the bot.
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { openInputFor, readInputLines, writeJsonLine, type InputLine } from './input.ts';
import { resolveConfigDir } from '../config/load.ts';
import { createLogger } from '../log.ts';

export async function runReplay(file: string | undefined, args: ParsedArgs): Promise<number> {
  const input = openInputFor('replay', file);
  if (!input) return 2;
  const lines: InputLine[] = [];
  for await (const item of readInputLines(input)) lines.push(item);
  // Loaded only now: Wechaty takes seconds to import.
  const [{ runReplay: play }, { loadReaderModels }] = await Promise.all([
    import('../adapters/replay/run-replay.ts'),
    import('./reader-model.ts'),
  ]);
  await play(lines, {
    configDir: resolveConfigDir(flagString(args, 'config')),
    dataDir: flagString(args, 'data') ?? null,
    log: createLogger(process.env.LINLI_LOG_LEVEL ?? 'warn'),
    emit: writeJsonLine,
    pace: args.flags.pace === true,
    // The readers the build trained, as \`linli parse\` uses them: no training at every start.
    readers: loadReaderModels,
  });
  return 0;
}
