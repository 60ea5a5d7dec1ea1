// Intent by phrase-shape rules read clause by clause; the classifier only decides posts no rule speaks for.
import type { Intent } from '../types.ts';
import type { IntentClassifier } from './classifier.ts';
import { asksAboutThread, asksInClause, pastHelp, splitClauses, thanksLed, withoutAskerPointers } from './clauses.ts';
import { CUES, has, hasAny } from './cues.ts';

// 家里有的邻居请联系我: 'neighbours who have it', a relative clause, not the writer having it.
const RELATIVE_HAVE = /有的(邻居|人|朋友|家)/g;

/** An offer statement that is not itself inside a question (有没有宝妈家里有多余的) nor a relative clause (家里有的邻居). */
function statesHaving(text: string): boolean {
  const masked = text.replace(RELATIVE_HAVE, '的$1');
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

// A clause that asks who can help (谁能帮忙给他送点米): its 给他/送 belong to the ask, not to an offer.
const WHO_ASKS = /谁|哪位|哪家|哪个|有没有|有人|能不能|可不可以|能否|麻烦/;
const asksWho = (c: string): boolean => WHO_ASKS.test(c) && hasAny(CUES.requestStrong, c) && !has(CUES.offerAsk, c);

export function readIntent(masked: string, itemCount: number, classifier: IntentClassifier, raw: string): Intent {
  const t = withoutAskerPointers(masked.replace(/不用谢|不客气|不用客气/g, ''));
  // 用不着了,送有需要的: no longer needed by the writer, given away to the group.
  if (has(CUES.cancelStrong, withoutQuestions(t)) && !has(CUES.offerAsk, t)) return 'cancel';
  // A bare 有 / 有的 / 有有有 answers an ask.
  if (/^(有|有的|有啊|有呀|有哦)+[!！~～。.]*$/.test(t.trim())) return 'offer';

  const clauses = splitClauses(t);
  // 楼主的药送到了吗: a question about how a thread went, neither an ask nor an offer.
  if (asksAboutThread(clauses)) return 'other';
  // Request cues are read outside thanks clauses and recounted help; offer cues outside who-can-help asks.
  // A post led by thanks recounts the help in its other clauses unless they ask (谢谢张书记 半夜帮我们把老人送到医院).
  const ledByThanks = clauses.length > 0 && thanksLed(clauses[0]!);
  const asking = clauses.filter((c) => !thanksLed(c) && !pastHelp(c) && !(ledByThanks && !asksInClause(c))).join(' ');
  const offering = clauses.some(asksWho) ? clauses.filter((c) => !asksWho(c)).join(' ') : t;

  const strongRequest = hasAny(CUES.requestStrong, asking);
  const request = strongRequest || hasAny(CUES.requestWeak, asking);
  const offerAsk = has(CUES.offerAsk, offering);
  const having = statesHaving(offering);
  const giving = has(CUES.offerGive, offering) || has(CUES.delivered, offering);
  const offer = having || giving || offerAsk || has(CUES.offerCue, offering);

  if (has(CUES.noHave, t) && !strongRequest) return 'other';
  // 抗原已经被领完了: the giver's offer ran out; not in the contract table, so 'other' (MessageAnalysis.exhausted).
  if (has(CUES.givenOut, t) && !request) return 'other';
  // 帮顶: pushing someone else's ask up, unless the writer asks too (帮顶,我家也缺X)
  if (has(CUES.bump, t) && itemCount === 0 && !hasAny(CUES.requestWeak, t)) return 'other';
  // 哪里能买到X: asks the group where, not for the thing
  if (has(CUES.whereToBuy, t) && !/谁|哪位|哪家|能不能|借|匀/.test(t) && !having && !giving) return 'other';
  if (has(CUES.thanks, t) && !request && !offerAsk) return 'thanks';
  if (has(CUES.received, t) && !request && !having && !giving) return 'thanks';
  if (has(CUES.cancelWeak, t) && !request && !offer) return 'cancel';

  // 捡到钥匙放保安亭了,失主去认领: lost property handed in is a notice, not an offer.
  if (/失主|招领|认领/.test(t) && !strongRequest) return 'info';
  if (has(CUES.notice, t) && !having && !giving && !strongRequest) return 'info';
  if (itemCount > 0 && has(CUES.exchange, t)) {
    // 我有布洛芬,可以换: one thing held and open to a swap, nothing named as wanted, is an offer.
    return itemCount === 1 && !request && !/换[^,，。!！?？\s]{0,4}X/.test(t) ? 'offer' : 'both';
  }
  if (request && (having || giving) && itemCount >= 2 && strongRequest) return 'both';
  if (request && offer) return strongRequest && !(offerAsk && having) ? 'request' : 'offer';
  if (request) return 'request';
  if (offer) return 'offer';

  // 你要布洛芬还是对乙酰氨基酚? / 对乙酰氨基酚可以吗?: a helper's counter-question keeps what it offers.
  if (itemCount > 0 && has(CUES.choiceQuestion, t)) return 'offer';
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
