// `linli parse`: message understanding through the same parser the bot uses.
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { errorLine, openInputFor, readInputBatches, writeJsonLines, type InputLine } from './input.ts';
import { loadEngines } from './engines.ts';
import { toContract, type Parser } from '../domain/parse/index.ts';
import type { Directory } from '../bot/directory.ts';

export async function runParse(file: string | undefined, args: ParsedArgs): Promise<number> {
  const { parser, directory } = await loadEngines(flagString(args, 'config'), { parser: true, faq: false });
  const input = openInputFor('parse', file);
  if (!input) return 2;
  // A chunk of input is answered with one write: a write per line cost more than reading it.
  for await (const batch of readInputBatches(input)) await writeJsonLines(batch.map((item) => answer(item, parser, directory)));
  return 0;
}

function answer(item: InputLine, parser: Parser, directory: Directory): unknown {
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
