// `linli ask`: union-service answers through the same FAQ engine the bot uses.
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { errorLine, openInputFor, readInputBatches, writeJsonLines, type InputLine } from './input.ts';
import { loadFaqEngine } from './engines.ts';
import type { FaqEngine } from '../domain/faq/index.ts';

export async function runAsk(file: string | undefined, args: ParsedArgs): Promise<number> {
  const { faq } = await loadFaqEngine(flagString(args, 'config'));
  const input = openInputFor('ask', file);
  if (!input) return 2;
  for await (const batch of readInputBatches(input)) await writeJsonLines(batch.map((item) => answer(item, faq)));
  return 0;
}

function answer(item: InputLine, faq: FaqEngine): unknown {
  if (item.kind === 'error') return errorLine(item.line, item.error);
  let question: string;
  if (item.kind === 'text') question = item.text;
  else if (typeof item.value.question === 'string') question = item.value.question;
  else return errorLine(item.line, '"question" must be a string');
  try {
    const a = faq.ask(question);
    return { question, topic: a.topic, answerId: a.answerId, confidence: round(a.confidence), reply: a.reply };
  } catch (err) {
    return errorLine(item.line, `could not answer: ${(err as Error).message}`);
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
