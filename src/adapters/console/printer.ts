// Writes to the terminal: the bot's messages (in colour on a terminal, so they stand out
// from the prompt), notices about the console itself, and errors.
import type { Writable } from 'node:stream';
import type { OutgoingMessage } from '../../bot/messages.ts';
import type { Clock } from '../../schedule/types.ts';
import { formatBotMessage } from './format.ts';

export interface ConsolePrinter {
  /** The transport's send: every message the bot sends, replies and scheduled jobs alike. */
  botMessage(out: OutgoingMessage): void;
  info(text: string): void;
  error(text: string): void;
  /** Raw text (the echoed prompt and line when input is piped). */
  raw(text: string): void;
  /** How many bot messages were printed so far. */
  readonly printed: number;
}

const ANSI = { cyan: '\x1b[36m', boldCyan: '\x1b[1;36m', dim: '\x1b[2m', yellow: '\x1b[33m', reset: '\x1b[0m' };

export function createPrinter(output: Writable, clock: Clock, opts: { botName: string; color: boolean }): ConsolePrinter {
  const paint = (code: string, text: string): string => (opts.color ? `${code}${text}${ANSI.reset}` : text);
  const write = (text: string): void => {
    output.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  let printed = 0;
  return {
    botMessage(out) {
      const { header, body } = formatBotMessage(out, clock.now(), opts.botName);
      write(`${paint(ANSI.boldCyan, header)}\n${paint(ANSI.cyan, body)}`);
      printed += 1;
    },
    info(text) {
      write(paint(ANSI.dim, text));
    },
    error(text) {
      write(paint(ANSI.yellow, `! ${text}`));
    },
    raw(text) {
      write(text);
    },
    get printed() {
      return printed;
    },
  };
}
