// Clause-level reading of a post: which clauses thank, which recount past help, which ask about a thread.
// Clauses split on punctuation and spaces; every pattern here is linear (no nested quantifiers).

/** Clauses of the masked text, empty ones dropped. */
export const splitClauses = (t: string): string[] =>
  t
    .split(/[,，。!！?？;；~～\s]+/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);

// 谢谢2单元的小伙子帮我取快递: a clause led by thanks speaks of help already given.
const THANKS_LED = /^(谢谢|感谢|多谢|多亏|感恩|谢了|太谢谢|非常感谢|万分感谢)/;
export const thanksLed = (c: string): boolean => THANKS_LED.test(c);

// 昨晚帮我看了一晚上孩子: help recounted in the past, not asked for.
const PAST_HELP = /(昨|刚才|刚刚|已经|之前|上午|下午|晚上).{0,6}帮(我|忙|着)|帮(我|忙|着).{0,10}(了|过)$/;
const ASKING = /[吗么?？]|谁|哪位|能不能|可不可以|能否|(能|可以).{0,4}帮/;
export const pastHelp = (c: string): boolean => PAST_HELP.test(c) && !ASKING.test(c);
/** The clause asks something of someone (a question, 谁, 能不能, 求, 急需). */
export const asksInClause = (c: string): boolean => ASKING.test(c) || /求|急需|需要|缺|借/.test(c);

// 楼主的药送到了吗 / 借到了吗 / 后来怎么样了: asking how an earlier thread went.
const STATUS =
  /(送到|拿到|借到|买到|收到|找到|好点|好些|好了|退烧|退了|解决|看过|去看|去过|怎么样|咋样|如何)(了)?(吗|么|没|没有|了没|没呢|呢|吧)?$/;
const STATUS_ASKED = /(吗|么|没|没有|了没|呢)$|怎么样|咋样|如何/;
// A bare pointer at someone in the thread: 楼主 / 刚才要血氧仪的那位.
const REFERENCE = /^(楼主|楼上|楼下|上面|刚才|那位|那家|请问)|(的|那)(那位|那家|邻居|大爷|老人|宝妈)$/;
export const statusQuestion = (c: string): boolean => STATUS.test(c) && STATUS_ASKED.test(c);
export const threadReference = (c: string): boolean => c.length <= 14 && REFERENCE.test(c) && !/我/.test(c);

/** Every clause asks how a thread went, or only points at it (刚才要血氧仪的那位 借到了吗). */
export function asksAboutThread(clauses: string[]): boolean {
  if (!clauses.some(statusQuestion)) return false;
  if (clauses.some((c) => /我|你/.test(c) && !statusQuestion(c))) return false;
  return clauses.every((c) => statusQuestion(c) || threadReference(c));
}

// 求体温计的邻居 / 上面问降压药的大爷: someone else's ask, named as a pointer, not the writer's own.
// 想找个懂行的邻居: the writer seeking someone is their own ask.
const ASKER = /(?<!想|要|得|帮我)(求|问|找)[^,，。!！?？\s的]{0,6}的(那位|那个|那家|邻居|人|大爷|老人|宝妈|朋友|阿姨)/g;
export const withoutAskerPointers = (t: string): string => t.replace(ASKER, '那位');
