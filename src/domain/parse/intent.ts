// Intent by phrase-shape rules; the classifier only decides posts no rule speaks for.
import type { Intent } from '../types.ts';
import type { IntentClassifier } from './classifier.ts';
import { CUES, has, hasAny } from './cues.ts';


/** An offer statement that is not itself inside a question (有没有宝妈家里有多余的). */
function statesHaving(masked: string): boolean {
  const re = new RegExp(CUES.offerHave.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(masked))) {
    const before = masked.slice(Math.max(0, m.index - 8), m.index);
    if (!/谁|有没有|哪|有人/.test(before)) return true;
  }
  return CUES.offerHaveAfter.test(masked);
}

// A clause asked as a question (已经解决了吗?) withdraws nothing. Split first: one scan, no backtracking.
const ASKED = /((吗|么|没|呢)?[?？]|(吗|么|了没|没有|呢)[,，。!！\s]?)$/;
const withoutQuestions = (t: string): string =>
  t
    .split(/(?<=[,，。!！?？\s])/)
    .filter((clause) => !ASKED.test(clause))
    .join(' ');

export function readIntent(masked: string, itemCount: number, classifier: IntentClassifier, raw: string): Intent {
  const t = masked.replace(/不用谢|不客气|不用客气/g, '');
  if (has(CUES.cancelStrong, withoutQuestions(t))) return 'cancel';

  const strongRequest = hasAny(CUES.requestStrong, t);
  const request = strongRequest || hasAny(CUES.requestWeak, t);
  const offerAsk = has(CUES.offerAsk, t);
  const having = statesHaving(t);
  const giving = has(CUES.offerGive, t) || has(CUES.delivered, t);
  const offer = having || giving || offerAsk || has(CUES.offerCue, t);

  if (has(CUES.noHave, t) && !strongRequest) return 'other';
  // 帮顶: pushing someone else's ask up, unless the writer asks too (帮顶,我家也缺X)
  if (has(CUES.bump, t) && itemCount === 0 && !hasAny(CUES.requestWeak, t)) return 'other';
  // 哪里能买到X: asks the group where, not for the thing
  if (has(CUES.whereToBuy, t) && !/谁|哪位|哪家|能不能|借|匀/.test(t) && !having && !giving) return 'other';
  if (has(CUES.thanks, t) && !request && !offerAsk) return 'thanks';
  if (has(CUES.received, t) && !request && !having && !giving) return 'thanks';
  if (has(CUES.cancelWeak, t) && !request && !offer) return 'cancel';

  if (has(CUES.notice, t) && !having && !giving && !strongRequest) return 'info';
  if (itemCount > 0 && has(CUES.exchange, t)) return 'both';
  if (request && (having || giving) && itemCount >= 2 && strongRequest) return 'both';
  if (request && offer) return strongRequest && !(offerAsk && having) ? 'request' : 'offer';
  if (request) return 'request';
  if (offer) return 'offer';

  if (has(CUES.infoStrong, t)) return 'info';
  if (has(CUES.question, t)) return 'other';
  if (has(CUES.infoWeak, t)) return 'info';
  // Items named beside a need, with no ask verb: 泰诺林或者美林都可以,孩子高烧39.5
  if (itemCount > 0 && /烧|咳|病|疼|阳了|拉肚子|没了|用完|吃完|缺|急/.test(t)) return 'request';
  const guess = classifier.classify(raw);
  if (guess.intent === 'info' && guess.margin > 0.5) return 'info';
  if ((guess.intent === 'request' || guess.intent === 'thanks') && guess.margin > 0.7) return guess.intent;
  return 'other';
}
