// The console adapter: a terminal chat with the rooms and people of the config.
export { parseConsoleLine, parseTimeSpec, resolveTimeSpec, type ConsoleCommand, type TimeSpec } from './commands.ts';
export { ConsoleSession, matchRoom, type RoomMatch } from './session.ts';
export { formatBotMessage, formatPrompt } from './format.ts';
export { createPrinter, type ConsolePrinter } from './printer.ts';
export { runConsoleLoop, type ConsoleLoopOptions, type SteppingClock } from './repl.ts';
