// `linli parse`: message understanding through the same parser the bot uses.
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { errorLine, openInputFor, readInputLines, writeJsonLine } from './input.ts';
import { loadEngines } from './engines.ts';
import { toContract } from '../domain/parse/index.ts';

export async function runParse(file: string | undefined, args: ParsedArgs): Promise<number> {
  const { parser, directory } = loadEngines(flagString(args, 'config'), { faq: false });
  const input = openInputFor('parse', file);
  if (!input) return 2;
  for await (const item of readInputLines(input)) {
    if (item.kind === 'error') {
      await writeJsonLine(errorLine(item.line, item.error));
      continue;
    }
    let text: string;
    let sender: string | null = null;
    let room: string | null = null;
    if (item.kind === 'text') {
      text = item.text;
    } else {
      const v = item.value;
      if (typeof v.text !== 'string') {
        await writeJsonLine(errorLine(item.line, '"text" must be a string'));
        continue;
      }
      if (v.sender != null && typeof v.sender !== 'string') {
        await writeJsonLine(errorLine(item.line, '"sender" must be a string'));
        continue;
      }
      if (v.room != null && typeof v.room !== 'string') {
        await writeJsonLine(errorLine(item.line, '"room" must be a string'));
        continue;
      }
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
      await writeJsonLine(toContract(analysis));
    } catch (err) {
      await writeJsonLine(errorLine(item.line, `could not parse: ${(err as Error).message}`));
    }
  }
  return 0;
}
