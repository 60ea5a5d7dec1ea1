// One input line of `linli parse` answered: the same in the main thread and in a pool worker, so
// that the pool cannot change a byte of the output.
import type { Directory } from '../bot/directory.ts';
import { toContract, type Parser } from '../domain/parse/index.ts';
import { classifyBatch, errorLine, jsonLines, type InputLine, type RawBatch } from './input.ts';

export function answerLine(item: InputLine, parser: Parser, directory: Directory): unknown {
  if (item.kind === 'error') return errorLine(item.line, item.error);
  let text: string;
  let sender: string | null = null;
  let room: string | null = null;
  if (item.kind === 'text') {
    text = item.text;
  } else {
    const v = item.value;
    if (typeof v.text !== 'string') return errorLine(item.line, '"text" must be a string');
    if (v.sender != null && typeof v.sender !== 'string') return errorLine(item.line, '"sender" must be a string');
    if (v.room != null && typeof v.room !== 'string') return errorLine(item.line, '"room" must be a string');
    text = v.text;
    sender = (v.sender as string | undefined) ?? null;
    room = (v.room as string | undefined) ?? null;
  }
  try {
    const analysis = parser.parse(text, {
      senderAlias: sender,
      personLocation: sender ? directory.personLocation(sender) : null,
      roomBuilding: room ? directory.room(room).building : null,
    });
    return toContract(analysis);
  } catch (err) {
    return errorLine(item.line, `could not parse: ${(err as Error).message}`);
  }
}

/** The output lines for a batch of raw input lines, as one string. */
export function answerBatch(batch: RawBatch, parser: Parser, directory: Directory): string {
  return jsonLines(classifyBatch(batch).map((item) => answerLine(item, parser, directory)));
}
