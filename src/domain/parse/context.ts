// Reading a post against the thread: does it only make sense as a reply, is it a standing offer,
// a delivery notice, or a counter-question.
import type { ForWhom, Intent } from '../types.ts';
import { CUES } from './cues.ts';

// Replies that lean on an earlier message: 也, +1, 我要了, 你 (but not 你们), 楼上, 楼主, 这就送, X也行 (another choice for an ask).
const REPLY_REQUEST =
  /^还有(吗|么|没有)|^(我|我家)(也|都|全)?要(了|啦|啊|呀)?[!！。~～\s]*$|也想要|给我(也)?留|楼主|你那|楼上(说|的)|^\+1|\+1$|同求|同问|也(需要|缺|要|求)|再给我|我也是|跟楼上|X(的)?也(行|可以|成)/;
// 美林泰诺林都行! answers a helper's question; 求X,哪个都行 does not.
const ANSWER_FIRST = /^[^,，。!！?？]{0,12}(都行|都可以)(?=[,，。!！]|$)/;
const ASKS_HELPER = /(哥|姐|叔|阿姨|老师|你|您).{0,4}(能|可以|帮|放|送)/;
// 需要灯泡吗? / 这个型号行吗?: a helper's question to the one who asked.
const REPLY_OFFER =
  /(^|[\s,，。!！?？])(你|您)?(还)?(需要|要)X(吗|么|不)|型号|规格|尺寸|还需要吗|还要吗|楼主|要不要我|也有|也能|也可以|我也|^\+1|(?<![谁哪])给(你|您|他|她)(?!们)|(?<!谁|谁家|有需要的|需要的)你(?!们)|跟楼上|和楼上|楼上说的|这就|马上.{0,6}送|(送|拿)(过去|上去|下去)(?!.{0,8}(谁|需要))/;
const REPLY_OTHER =
  /楼上说|的那位|(^|[\s,，。])那家|^我也是|^我也一样|^同上|后来|(送|借|拿)到了(吗|没)|有人去|没有了|也没有|也(早|早就)?没|爱莫能助|帮不了|帮不上|帮顶|顶一下|楼主|刚看到|有人送了|你(?!们)|她|他(?!们)/;
// 谢谢你帮我修了门锁 / 感谢您解决了我们的大难题: the thanks says what was done.
const HELP_TOLD = /帮(我|我们|忙)?[^,，。!！?？\s]{0,6}(修|送|买|拿|取|跑|搬|代|接|看了)|解决了/;
const THANKS_PARTY = /物业|网格员|社区|志愿者|居委|医生|\d+(楼|号|单元|栋)|[a-z]座/;
// 药取走了,谢谢您: opening on "received" and thanking "you" answers an earlier post, whatever it names.
const RECEIVED_FIRST = /^(X|药|东西)?(已经|都|也)?(取走|拿到|收到|领到|取到|借到)(了|啦|喽|咯)/;
const THANKED_YOU = /(谢|感谢|多谢)(你|您)(?!们)/;
const STANDING =
  /有需要|先到先得|(一|每)(家|户|人)(拿|限|一|领)|自己(去)?(拿|取)|有人(要|需要)|私信|要的(邻居|话|可以|来)|谁家.{0,10}的|需要的|谁(家|还)?.{0,8}(要|需要)|自取|来拿|来取|自己来|大家|各位|邻居们|私我|私聊|找我|@我|喊我|说一声|登记|送给|转给|分给|联系我|跟我说|用得上|用得着|需要.{0,10}的(邻居|人|老人)/;
// Speaks to one person (你), not to the group (你们).
const ADDRESSED = /(?<!谁|有需要的|需要的)(你|您)(?!们)|\d{3,4}(室)?的(邻居|那位|大爷|阿姨|奶奶)/;
// Offering oneself rather than a thing: 我可以陪诊, 我是护士, 有车.
const SERVICE =
  /(我|本人)[^,，。?？\s]{0,4}(可以|能)(帮|陪|送|开车|跑|代|捎|载)|(我|本人)(是)?(退休)?(的)?(医生|护士|药师|药剂师|大夫)|(要|需要)[^,，。]{0,2}(捎|带)|有车|(会|能|可以)开车|(谁|有人)(要|需要)(我)?带|帮(忙|大家|邻居)?带/;
// A standing offer that names what it gives in plain words (剩下的药, 两个空位), not a bare 有需要的来拿.
const NAMED_THING = /药|车|空位|东西|吃的|喝的|用的|物资|防疫包|疑问|跑一趟/;
const COUNTER_QUESTION =
  /需要几|要几|几(个|盒|片|瓶|包|支)|几(栋|号楼|楼|单元|号|层|室)|住(哪|几)|哪(栋|个楼|个单元|里)|多大|几岁|多少度|大人.{0,6}还是.{0,6}(孩子|小孩|宝宝)|还是|行不行|行吗|可以吗|要不要|要吗|用不用|够不够|什么(药|牌子|码)|哪种|过期/;

export interface ContextReading {
  contextDependent: boolean;
  standing: boolean;
  delivered: boolean;
  question: boolean;
}

export function readContext(masked: string, intent: Intent, itemCount: number, forWhom: ForWhom): ContextReading {
  const deliveredCue = CUES.delivered.test(masked);
  const standing = intent === 'offer' && STANDING.test(masked) && !ADDRESSED.test(masked);
  let contextDependent = false;
  switch (intent) {
    case 'request':
      contextDependent = REPLY_REQUEST.test(masked) || (ANSWER_FIRST.test(masked) && ASKS_HELPER.test(masked));
      break;
    case 'offer':
      contextDependent =
        (itemCount === 0 && !SERVICE.test(masked)) ||
        REPLY_OFFER.test(masked) ||
        CUES.thingCount.test(masked.trim()) ||
        (deliveredCue && !standing) ||
        CUES.choiceQuestion.test(masked);
      // A standing offer to the group stands alone, with or without a named item.
      if (
        standing &&
        (itemCount > 0 || SERVICE.test(masked) || NAMED_THING.test(masked)) &&
        !/也有|也能|给(你|您|他|她)(?!们)|还需要吗|还要吗|楼主|要不要我/.test(masked)
      )
        contextDependent = false;
      break;
    case 'thanks':
      // 多谢王师傅帮我修了门锁 says what was done and stands alone; 谢谢王哥 leans on the thread.
      contextDependent =
        (RECEIVED_FIRST.test(masked) && THANKED_YOU.test(masked) && !THANKS_PARTY.test(masked)) ||
        (itemCount === 0 &&
          (/^(收到|已收到|拿到|好的)/.test(masked) ||
            ((forWhom === 'unknown' || forWhom === 'self') && !THANKS_PARTY.test(masked) && !HELP_TOLD.test(masked))));
      break;
    case 'cancel':
      contextDependent = itemCount === 0;
      break;
    case 'other':
      contextDependent = REPLY_OTHER.test(masked);
      break;
    default:
      contextDependent = false;
  }
  const question =
    (intent === 'offer' || intent === 'other' || (intent === 'request' && contextDependent)) &&
    /[?？吗么]/.test(masked) &&
    COUNTER_QUESTION.test(masked);
  return { contextDependent, standing, delivered: intent === 'offer' && deliveredCue && !standing, question };
}

// News and remarks are read by the thread model (readers.ts); a few shapes settle them first.
// 曾在3栋见过这位老人 / 她往北门走了: an update about someone the thread already named, not one the
// post introduces itself (有个大爷…问他住哪 / 13栋的刘奶奶…她一个人住).
const NEWS_POINTER = /(这|那)(位|个人|个老人|个孩子)|(?<!其)[他她](?!们)/;
const PERSON_NAMED =
  /大爷|老爷子|爷爷|奶奶|阿姨|叔叔|大妈|大姐|大哥|老人|老太|老头|孩子|小孩|姑娘|小伙|主任|书记|师傅|医生|保安|网格员|[爸妈]|老伴|老公|老婆|儿子|女儿|孙|朋友|同事|有(个|位|一位|一个)/;
// 团的X已经买回来了,大家来取 / 20份X在门岗自提: what an earlier group order brought, to collect.
const ORDER_ARRIVED = /(已经|都|刚)?(买|运|拉|带|送)回来了|(团购?|订|拼)的[^,，。!！?？\s]{0,8}(到了|到货)|^\d+(份|箱|袋|盒|斤)/;
const COLLECT = /自提|自取|领取|(来|去|前往)[^,，。!！?？\s]{0,3}(取|拿|领)/;
// 大家先别去排了 / 温馨提示:…: advice said to the group stands alone unless it points at someone.
// A bare tip (别捂着, 多喝水) is often an answer in a thread: the model reads it.
const ADVICE = /(?<![^,，。!！?？\s先都也家位])(别|不要)(?![的人家处])|记得|建议|温馨提示|提醒|注意/;
const TO_GROUP = /大家|各位|邻居们|家人们|请|温馨提示|提醒/;
const POINTS_BACK = /(^|[^迎])你(?!们)|您|(?<!其)[他她](?!们)|这位|那位|楼上|楼主|^(不知道|不清楚|好像|应该|估计|可能|是的|对)/;

// 需要几个? / 几栋? / 孩子多大? / 大人吃的还是孩子吃的?: a bare question back about the ask (how many,
// where, for whom) answers nothing by itself.
const ASKED_BACK =
  /^(?!谁|有人|请问)[^,，。!！?？\s]{0,8}(需要几|要几|几(个|盒|片|瓶|包|支)|几(栋|号楼|楼|单元|号|层|室)|住(哪|几)|多大|几岁|多少度|大人.{0,6}还是.{0,6}(孩子|小孩|宝宝))[^,，。!！?？\s]{0,3}[?？吗呀啊呢]*$/;

// 其实… / 毕竟… / 所以… / 没办法…: opening on a connective continues what someone said.
const CONTINUES =
  /^(其实|反正|毕竟|本来|确实|难怪|怪不得|说的是|没办法|至少|起码|不过|但是|可是|而且|所以|那就|也是|也对|总之|关键是|问题是)/;
// 菜是物业从批发市场拉来的 / 肯定是放久了才坏的: a cleft that explains how or who takes the fact as
// known from the thread; it answers (a question in the same shape asks, and an opinion, 还是挺好的,
// opens a topic: both are left to the model).
const EXPLAINS = /^[^,，。!！?？\s]{1,10}(?<!还)是(?!挺|很|太|真|蛮|比较|非常|特别|最)[^,，。!！?？\s]{2,24}的[。!！~～]?$/;
const ASKS = /[?？吗么呢]|谁|哪|什么|啥|几|怎么|多少/;
// 总不能…吧 / 哪有这么… / 又不是… / 只要人没事就好: pushing back on, doubting or consoling what was said.
// …and 楼主 / 楼上说的 name the one who posted before (plain 楼上 is often the upstairs neighbour).
const REACTS =
  /楼主|楼上(说|讲)|哪有(这么|那么)|^(不至于|不可能|怎么可能|不会吧)|总不能|难道(?!是)|又不是|不然呢|何必呢|至于吗|只要[^,，。!！?？\s]{1,14}就(好|行)(?![吗么?？])/;

/** The shape's verdict on a chat or news post's context, or undefined where the thread model decides. */
export function chatContext(masked: string, intent: Intent): boolean | undefined {
  if (CONTINUES.test(masked) || REACTS.test(masked) || (EXPLAINS.test(masked) && !ASKS.test(masked))) return true;
  if (intent === 'other') return ASKED_BACK.test(masked) ? true : undefined;
  if (intent !== 'info') return undefined;
  const pointer = NEWS_POINTER.exec(masked);
  if (pointer && !PERSON_NAMED.test(masked.slice(0, pointer.index))) return true;
  if (ORDER_ARRIVED.test(masked) && COLLECT.test(masked)) return true;
  if (ADVICE.test(masked) && TO_GROUP.test(masked) && !POINTS_BACK.test(masked)) return false;
  return undefined;
}
