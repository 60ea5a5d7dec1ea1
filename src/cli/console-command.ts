// `linli console`: try the whole bot in a terminal, without WeChat (Hubot's shell adapter,
// Errbot's text backend). Time is a SimulatedClock that moves only with /time, so scheduled
// jobs can be watched firing. Wechaty is never imported here: start-up stays fast.
import { loadReaderModels } from './reader-model.ts';
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { createApp } from '../app.ts';
import { resolveConfigDir } from '../config/load.ts';
import { createLogger } from '../log.ts';
import { SimulatedClock } from '../schedule/simulated.ts';
import { FileStore } from '../store/file-store.ts';
import { MemoryStore } from '../store/memory-store.ts';
import type { StateStore } from '../store/types.ts';
import { createPrinter, type ConsolePrinter } from '../adapters/console/printer.ts';
import { runConsoleLoop } from '../adapters/console/repl.ts';
import { stateFile } from './state-file.ts';
import { startWebPage } from '../web/start.ts';

export async function runConsole(args: ParsedArgs): Promise<number> {
  const configDir = resolveConfigDir(flagString(args, 'config'));
  const dataDir = flagString(args, 'data');
  // Memory by default: trying things out leaves nothing behind. --data keeps state between runs.
  const store: StateStore = dataDir ? new FileStore(stateFile(dataDir, 'console')) : new MemoryStore();
  const log = createLogger(process.env.LINLI_LOG_LEVEL ?? 'warn');
  const clock = new SimulatedClock(new Date());
  const interactive = Boolean(process.stdin.isTTY);
  const color = interactive && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

  // The printer needs the bot's name from the config, which createApp loads; sends only
  // happen once the loop runs, after it is set.
  let printer: ConsolePrinter | null = null;
  const app = await createApp({
    // The readers the build trained: no training at every start.
    readers: loadReaderModels,
    configDir,
    store,
    clock,
    scheduler: clock,
    send: async (out) => printer!.botMessage(out),
    log,
    // The config's staff speak as console:NAME; `/as NAME#2` is another contact of the same name (a resident).
    contactIdOf: (name) => `console:${name}`,
  });
  printer = createPrinter(process.stdout, clock, { botName: app.config.bot.name, color });
  // The staff page comes along in a terminal session (or with --web); piped input runs without it.
  const wantWeb = app.config.web.enabled && !args.flags['no-web'] && (interactive || Boolean(args.flags.web));
  const web = wantWeb ? await startWebPage({ app, dataDir: dataDir ?? 'data', log }, (line) => printer!.info(line)) : null;
  try {
    await runConsoleLoop({
      input: process.stdin,
      output: process.stdout,
      printer,
      bot: app.bot,
      directory: app.bot.services.directory,
      clock,
      botName: app.config.bot.name,
      interactive,
      roster: {
        entries: () => app.bot.state.roster,
        // One unit of work, as a message's: saved before anything is said.
        replace: async (entries) => {
          if (!(await app.bot.change((s) => void (s.roster = entries)))) throw new Error(`the roster could not be saved to ${store.where}`);
        },
      },
    });
  } finally {
    await web?.close();
    app.close();
    await store.close();
    // A terminal's stdin stays referenced after readline closes and would keep the process up.
    if (interactive) process.stdin.destroy();
  }
  if (dataDir && interactive) printer.info(`状态已保存到 ${stateFile(dataDir, 'console')}`);
  return 0;
}
