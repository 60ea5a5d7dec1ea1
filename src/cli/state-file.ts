// Where each command keeps the bot's state in a data folder. The console has a file of its
// own, so trying things out never writes over the live bot's state.
import { join, resolve } from 'node:path';

export const LIVE_STATE_FILE = 'linli.json';
export const CONSOLE_STATE_FILE = 'console.json';

export function stateFile(dataDir: string, which: 'live' | 'console'): string {
  return join(resolve(dataDir), which === 'console' ? CONSOLE_STATE_FILE : LIVE_STATE_FILE);
}
