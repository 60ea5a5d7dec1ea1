// `linli replay`: reads the whole transcript, then plays it through the bot.
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { InputUnreadable, openInput, readInputLines, writeJsonLine, type InputLine } from './input.ts';
import { resolveConfigDir } from '../config/load.ts';
import { createLogger } from '../log.ts';

export async function runReplay(file: string | undefined, args: ParsedArgs): Promise<number> {
  let input;
  try {
    input = openInput(file);
  } catch (err) {
    if (err instanceof InputUnreadable) {
      process.stderr.write(`linli replay: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const lines: InputLine[] = [];
  for await (const item of readInputLines(input)) lines.push(item);
  // Loaded only now: Wechaty takes seconds to import.
  const { runReplay: play } = await import('../adapters/replay/run-replay.ts');
  await play(lines, {
    configDir: resolveConfigDir(flagString(args, 'config')),
    dataDir: flagString(args, 'data') ?? null,
    log: createLogger(process.env.LINLI_LOG_LEVEL ?? 'warn'),
    emit: writeJsonLine,
  });
  return 0;
}
