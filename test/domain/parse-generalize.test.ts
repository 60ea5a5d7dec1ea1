// Shapes of real group Chinese that the phrase rules now read as kinds, not lines. Every post here is
// written for this test (not from a dev set or the training corpus). Columns: text, intent, item names.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { createParser, type Parser } from '../../src/domain/parse/index.ts';
import type { Intent } from '../../src/domain/types.ts';

type Case = [string, Intent, string];

const CASES: Case[] = [
  // a household's people after a clause break do not undo an offer (我这里有X，孩子几岁)
  ['我这里有美林滴剂，孩子多大了', 'offer', '美林滴剂'],
  ['我家有退热贴，小朋友烧得厉害吗', 'offer', '退热贴'],
  // sharing to "you": 匀你 / 分您
  ['可以先匀你三片', 'offer', ''],
  ['分您一点吧 不够再说', 'offer', ''],
  // a count still at hand, offered as a question
  ['还剩五六粒，你看够吗', 'offer', ''],
  ['我这还有两包 要不要', 'offer', ''],
  // the bare "有" answer, then asking where the asker is
  ['有多的，你在几栋', 'offer', ''],
  // bought or grouped in quantity, whoever wants some tells me
  ['谁家缺菜了跟我说 我团了好多', 'offer', ''],
  ['给各位邻居分点苹果 放二号楼大堂了', 'offer', '苹果'],
  // paying by transfer is the giver's terms, not an ask
  ['我有一盒，微信转我就好', 'offer', ''],
  // 想要的: whoever wants it, not the writer wanting
  ['多买了几箱酸奶 想要的邻居说一声', 'offer', '酸奶'],
  ['谁要就自己来拿 不收钱', 'offer', ''],
  // a trade nurse or doctor offering advice, whatever the specialty
  ['我是社区医院的全科医生，老人有啥情况可以问我', 'offer', ''],
  // terse asks: 有无X / X 求
  ['有无蒙脱石散', 'request', '蒙脱石散'],
  ['止咳糖浆 求', 'request', '止咳糖浆'],
  // nothing left at home, what now
  ['一家三口都烧了 家里什么药都没有了 这可怎么办', 'request', ''],
  // an institution giving things out is news for the group, not the writer's offer
  ['卫生站说酒精明天到货，需要的可以去登记', 'info', ''],
  ['今天下午居委会在北门发口罩 先到先得', 'info', ''],
  // ...but what the writer got from it may still be given on
  ['居委会发的口罩我家用不完 谁要', 'offer', '口罩'],
  // a helper saying they have messaged the asker
  ['私您了 看下微信', 'offer', ''],
  ['已经加你好友了', 'offer', ''],
  // selling on: 出 + a description + the thing
  ['出两个九成新的电子体温计 十块一个', 'offer', '电子体温计'],
  // ...while 出入/出门 sell nothing
  ['进出小区记得戴口罩 出门少聚集', 'info', ''],
  // 有X没 / X有没: the terse ask at the end
  ['有酒精没', 'request', '酒精'],
  ['退热贴有没', 'request', '退热贴'],
  // a need with a count before the thing
  ['需要两盒感冒灵', 'request', '感冒灵'],
  // a shop sold out is news; advice with 最好
  ['楼下药店的退烧药全被抢光了', 'info', ''],
  ['老人退烧最好先物理降温 多喝温水', 'info', ''],
  // the writer seeking someone who knows is their own ask (not a pointer at another asker)
  ['我爸咳了一礼拜 想找个学医的邻居问问严不严重', 'request', ''],
  // a thing brought back by family withdraws the ask; a person come home is news
  ['孩子的药他爸已经买回来了 大家不用送了', 'cancel', ''],
  ['走丢的那个大爷自己回来了', 'info', ''],
  // 谁知道哪能换X asks where, not for the thing
  ['桶装水喝完了 谁知道附近哪能换水', 'other', ''],
  // the giver's place before the verb: 在门口放了
  ['说一下 我在三单元门口放了两瓶酒精 需要的自取', 'offer', '酒精'],
  // volunteers offering, even in a notice
  ['通知一下 我们几个党员这周帮独居老人送菜 有需要的报名', 'offer', ''],
  // 急用的找我 / 有谁需要…的吗 / 有没有人要X: the giver's relative clauses and questions
  ['我家还有半瓶止咳糖浆 急用的找我', 'offer', '止咳糖浆'],
  ['有谁需要帮忙拿快递的吗 我正好下楼', 'offer', ''],
  ['有没有人要婴儿湿巾 买多了', 'offer', '婴儿湿巾'],
  // a helper's questions back to the asker
  ['还需要吗', 'offer', ''],
  ['你看还要不要 不要我问问别人', 'offer', ''],
  ['需要帮忙吗 我就住隔壁', 'offer', ''],
  ['是要宝宝用的还是大人用的', 'offer', ''],
  ['我明天去超市 帮你带一袋米？', 'offer', '米'],
  // the asker's story with the ask at the end, and asking for advice
  ['家里老人没药了 孩子也烧着 真不知道怎么办', 'request', ''],
  ['哪位热心的邻居手上有体温计 借用一下', 'request', '体温计'],
  ['求懂行的指点一下 老人血氧九十二要不要紧', 'request', ''],
  // a third party gives and the writer only points to it: news, not the writer's offer
  ['叮咚买菜能买到电解质水了 需要的自己下单', 'info', ''],
  ['街道服务站有轮椅可以借 去登记就行', 'info', ''],
  // ...but a giver who names a shop as where they go still offers
  ['可以帮忙跑腿 每天早上去药店 要带什么群里说', 'offer', '跑腿'],
  // the need said as running out, no ask verb
  ['老爷子烧到三十九度多 家里没药', 'request', ''],
  ['娃咳了两天 药都吃完了', 'request', ''],
  ['全家都阳了 连做饭的人都没有 有没有好心人', 'request', ''],
  // ...while the same words from a would-be helper give nothing
  ['我家也没药了', 'other', ''],
  // asking for someone who knows a trade
  ['有没有懂水电的邻居 卫生间漏水了', 'request', ''],
  // colloquial item names from the lexicon
  ['谁家有复方甘草片 咳得睡不着', 'request', '复方甘草片'],
  ['求借一个血氧夹 老人胸闷', 'request', '血氧夹'],
  // a greeting that says 好邻居 by accident is no thanks
  ['早上好邻居们 下雪了出门慢点', 'info', ''],
];

describe('parser on generalised phrasings', () => {
  let parser: Parser;
  beforeAll(() => {
    parser = createParser(loadItemLexicon(resolve('config')));
  });

  it.each(CASES)('%s -> %s', (text, intent, names) => {
    const a = parser.parse(text);
    expect(a.intent).toBe(intent);
    if (names) expect(a.items.map((i) => i.name).join('|')).toBe(names);
  });

  it('still reads a relative "给大家带来不便" as no offer', () => {
    expect(parser.parse('各位业主 明天上午管道检修 停水半天 给大家带来不便请谅解').intent).not.toBe('offer');
  });
});

describe('context of chat and news posts', () => {
  let parser: Parser;
  beforeAll(() => {
    parser = createParser(loadItemLexicon(resolve('config')));
  });

  it.each([
    // greetings and wishes answer no one
    ['晚上好 各位早点睡', false],
    ['祝邻居们都平平安安', false],
    // news with an institution as its subject is told, not answered
    ['物业说电梯后天才能修好', false],
    ['卫生院下周开始打第四针', false],
    // "me too" with a household member between still leans on the thread
    ['我家老头也咳了好几天了', true],
    ['我们单元也停电了', true],
  ] as [string, boolean][])('%s -> contextDependent %s', (text, dependent) => {
    expect(parser.parse(text).contextDependent).toBe(dependent);
  });
});
