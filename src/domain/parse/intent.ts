// Intent by phrase-shape rules read clause by clause; the classifier only decides posts no rule speaks for.
import type { Intent } from '../types.ts';
import type { RuleReading } from './features.ts';
import { asksAboutThread, asksInClause, pastHelp, splitClauses, thanksLed, withoutAskerPointers } from './clauses.ts';
import { CUES, has, hasAny } from './cues.ts';
import { SEARCH } from './services.ts';

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

const ruled = (intent: Intent): RuleReading => ({ intent, decided: true });

// 感谢您解决了我的燃眉之急: thanks for a problem solved is thanks, not a withdrawal.
const THANKED_FOR = /(谢谢|感谢|多谢|感恩)[^,，。!！?？\s]{0,4}(帮我|帮忙|给我)?(解决|搞定)了/g;
// 请问我能出去买东西吗: the writer asks whether they may do something; their 我能 offers nothing.
const ASKS_PERMISSION = /^(请问|问一下|想问|问下)|(我|我们)(能|可以)[^,，。!！?？\s]{0,8}(吗|么|不)[?？]?$/;
// 孩子找到了 / 老人在超市找到了: a search that ended, news for the group (not a withdrawn ask).
const PERSON_FOUND =
  /(孩子|小孩|女孩|男孩|老人|大爷|奶奶|爷爷|老爷子|老太太|狗|猫)(?!的)[^,，。!！?？\s]{0,8}(?<![送买拿带取寄])(找到|回来|到家)(了|啦)?(?![^,，。!！?？\s]{0,2}(吗|么|没))/;
const WILL_CHECK =
  /^(等|稍等|我|等我)?[^,，。!！?？\s]{0,6}(去|回去|回家|下班)?(看看|找找|翻翻|翻一下|找一下|看一下|问问)(家里|屋里|柜子|药箱)?(还)?(有没有|有没|剩没剩)?[!！。~～\s]*$/;
const COLLECTING =
  /(^|[,，。!！\s])(我|我们)?(这就|马上|现在|等会|一会儿?)?(去|过去|下去|下楼|来)(找|到)[^,，。!！?？\s]{0,6}(拿|取|领)(一下|了|吧)?[!！。~～\s]*$/;
// A lost person named (the item 寻人) is a plea for help finding them.
// Who gives besides the writer, named near a clause's start: institutions, shops, delivery apps (not 志愿者/网格员: they speak of themselves so).
const THIRD_PARTY =
  /(^|[\s,，。!！])[^,，。!！?？\s]{0,3}(社区|物业|居委|街道|药店|药房|医院|卫生院|卫生站|服务站|超市|美团|京东|拼多多|饿了么|叮咚|盒马|热线|小程序)/;

/** The phrase rules' reading; `decided: false` when no rule spoke (the learned reader decides those). */
export function readIntent(masked: string, itemNames: string[]): RuleReading {
  const itemCount = itemNames.length;
  const t = withoutAskerPointers(masked.replace(/不用谢|不客气|不用客气/g, '').replace(THANKED_FOR, '谢谢'));
  if (PERSON_FOUND.test(t)) return ruled('info');
  // 我去看看家里还有没有 / 等我下班回去找找: a maybe, nothing offered yet.
  if (WILL_CHECK.test(t) && itemCount === 0) return ruled('other');
  // 好的,我去找马姐拿: the one who asked goes to collect; nothing is offered.
  if (COLLECTING.test(t) && !/送|给(你|您|他|她)|帮/.test(t)) return ruled('other');
  if (itemNames.includes(SEARCH)) return ruled('request');
  // 用不着了,送有需要的: no longer needed by the writer, given away to the group.
  if (has(CUES.cancelStrong, withoutQuestions(t)) && !has(CUES.offerAsk, t)) return ruled('cancel');
  // A bare 有 / 有的 / 有有有 answers an ask.
  // 有多的,你在哪: the same answer, then asking where the asker is.
  if (
    /^(有|有的|有啊|有呀|有哦|有多的|有呢)+([!！~～。.,，\s]+((你|您)[^,，。!！?？]{0,8}|在哪|住哪|哪栋|几栋|几号楼))?[!！~～。.?？]*$/.test(
      t.trim(),
    )
  )
    return ruled('offer');
  if (CUES.thingCount.test(t.trim())) return ruled('offer');

  const clauses = splitClauses(t);
  // 楼主的药送到了吗: a question about how a thread went, neither an ask nor an offer.
  if (asksAboutThread(clauses)) return ruled('other');
  // Request cues are read outside thanks clauses and recounted help; offer cues outside who-can-help asks.
  // A post led by thanks recounts the help in its other clauses unless they ask (谢谢张书记 半夜帮我们把老人送到医院).
  const ledByThanks = clauses.length > 0 && thanksLed(clauses[0]!);
  const asking = clauses.filter((c) => !thanksLed(c) && !pastHelp(c) && !(ledByThanks && !asksInClause(c))).join(' ');
  const offering = clauses.filter((c) => !asksWho(c) && !ASKS_PERMISSION.test(c)).join(' ');

  const strongRequest = hasAny(CUES.requestStrong, asking);
  const request = strongRequest || hasAny(CUES.requestWeak, asking);
  const offerAsk = has(CUES.offerAsk, offering);
  const having = statesHaving(offering);
  const giving = has(CUES.offerGive, offering) || has(CUES.delivered, offering);
  const offer = having || giving || offerAsk || has(CUES.offerCue, offering);

  if (has(CUES.noHave, t) && !strongRequest) return ruled('other');
  // 抗原已经被领完了: the giver's offer ran out; not in the contract table, so 'other' (MessageAnalysis.exhausted).
  // 超市的菜被抢光了: a shop sold out, news for the group.
  if (has(CUES.givenOut, t) && !request && /超市|药店|药房|商店|菜店|菜场|菜市场|医院|卫生院|网上/.test(t)) return ruled('info');
  if (has(CUES.givenOut, t) && !request) return ruled('other');
  // 帮顶: pushing someone else's ask up, unless the writer asks too (帮顶,我家也缺X)
  if (has(CUES.bump, t) && itemCount === 0 && !hasAny(CUES.requestWeak, t)) return ruled('other');
  // 哪里能买到X: asks the group where, not for the thing
  // 谁知道哪能换X: asking who knows where, still a question to the group.
  if (has(CUES.whereToBuy, t) && !/谁(?!知道)|哪位|哪家|能不能|借|匀/.test(t) && !having && !giving) return ruled('other');
  if (has(CUES.thanks, t) && !request && !offerAsk) return ruled('thanks');
  if (has(CUES.received, t) && !request && !having && !giving) return ruled('thanks');
  // 捡到钥匙放保安亭了,失主去认领: lost property handed in is a notice, not an offer.
  if (/失主|招领|认领/.test(t) && !strongRequest) return ruled('info');
  if (has(CUES.notice, t) && !having && !giving && !strongRequest) return ruled('info');
  if (has(CUES.cancelWeak, t) && !request && !offer) return ruled('cancel');
  // 美团能买到X了 需要的自己下单 / 社区服务站有X可以借: a third party gives, the writer only points to it.
  if (offer && !request && !having && THIRD_PARTY.test(t) && !/[我俺咱]|放|挂|搁|留/.test(t)) return ruled('info');
  if (itemCount > 0 && has(CUES.exchange, t)) {
    // 我有布洛芬,可以换: one thing held and open to a swap, nothing named as wanted, is an offer.
    return ruled(itemCount === 1 && !request && !/换[^,，。!！?？\s]{0,4}X/.test(t) ? 'offer' : 'both');
  }
  if (request && (having || giving) && itemCount >= 2 && strongRequest) return ruled('both');
  if (request && offer) return ruled(strongRequest && !(offerAsk && having) ? 'request' : 'offer');
  if (request) return ruled('request');
  if (offer) return ruled('offer');

  // 你要布洛芬还是对乙酰氨基酚? / 对乙酰氨基酚可以吗?: a helper's counter-question keeps what it offers.
  if (itemCount > 0 && has(CUES.choiceQuestion, t)) return ruled('offer');
  if (has(CUES.infoStrong, t)) return ruled('info');
  if (has(CUES.question, t)) return ruled('other');
  if (has(CUES.infoWeak, t)) return ruled('info');
  // Items named beside a need, with no ask verb: 泰诺林或者美林都可以,孩子高烧39.5
  if (itemCount > 0 && /烧|咳|病|疼|阳了|拉肚子|没了|用完|吃完|缺|急/.test(t)) return ruled('request');
  return { intent: 'other', decided: false };
}
