// Logs go to stderr (pino), so that stdout stays clean JSON Lines for the CLI contracts.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level = process.env.LINLI_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
