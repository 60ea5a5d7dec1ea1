// `linli ask`: union-service answers through the same FAQ engine the bot uses.
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { errorLine, openInputFor, readInputLines, writeJsonLine } from './input.ts';
import { loadEngines } from './engines.ts';

export async function runAsk(file: string | undefined, args: ParsedArgs): Promise<number> {
  const { faq } = loadEngines(flagString(args, 'config'), { faq: true });
  const input = openInputFor('ask', file);
  if (!input) return 2;
  for await (const item of readInputLines(input)) {
    if (item.kind === 'error') {
      await writeJsonLine(errorLine(item.line, item.error));
      continue;
    }
    let question: string;
    if (item.kind === 'text') question = item.text;
    else if (typeof item.value.question === 'string') question = item.value.question;
    else {
      await writeJsonLine(errorLine(item.line, '"question" must be a string'));
      continue;
    }
    try {
      const a = faq!.ask(question);
      await writeJsonLine({ question, topic: a.topic, answerId: a.answerId, confidence: round(a.confidence), reply: a.reply });
    } catch (err) {
      await writeJsonLine(errorLine(item.line, `could not answer: ${(err as Error).message}`));
    }
  }
  return 0;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
