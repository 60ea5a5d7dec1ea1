// Generalisation cases: posts written for this project (not from the dev set), in the many shapes
// residents use. Columns: text, intent, item names ('|'-joined), forWhom ('*' = not checked), contextDependent.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { createParser, type Parser } from '../../src/domain/parse/index.ts';
import type { ForWhom, Intent } from '../../src/domain/types.ts';

type Case = [string, Intent, string, ForWhom | '*', boolean];

const CASES: Case[] = [
  ['谁家有布诺芬？老人发烧两天了', 'request', '布诺芬', 'elderly', false],
  ['有没有莲花清瘟，想买两盒', 'request', '莲花清瘟', 'unknown', false],
  ['求连花清温胶囊，家里老人咳嗽发烧', 'request', '连花清温胶囊', 'elderly', false],
  ['宝宝38度5，家里美林没了，谁能匀一点', 'request', '美林', 'child', false],
  ['有小儿退烧药吗，孩子两岁，烧到39度了', 'request', '小儿退烧药', 'child', false],
  ['5栋1单元有没有人有散利痛，我头疼得厉害', 'request', '散利痛', 'self', false],
  ['谁家有快克或者氨酚烷胺，感冒了鼻塞', 'request', '快克|氨酚烷胺', 'self', false],
  ['想借个血氧仪，家里老人有点喘', 'request', '血氧仪', 'elderly', false],
  ['急！！谁家有制氧机，老爷子血氧掉到88了', 'request', '制氧机', 'elderly', false],
  ['谁家有藿香正气水？拉肚子了', 'request', '藿香正气水', 'self', false],
  ['有没有多余的电解质水，老人吃不下饭', 'request', '电解质水', 'elderly', false],
  ['哪位邻居有安宫牛黄丸，急用', 'request', '安宫牛黄丸', 'unknown', false],
  ['住在四楼，谁家有退烧贴', 'request', '退烧贴', 'unknown', false],
  ['3-2-301，有没有止咳药水，孩子咳嗽', 'request', '止咳药水', 'child', false],
  ['5号楼1102 求抗原试剂两个', 'request', '抗原试剂', 'unknown', false],
  ['2幢3单元601独居大爷家里没吃的了，谁能帮忙买点菜送过去', 'request', '菜', 'elderly', false],
  ['有人能帮忙送医吗？我婆婆摔倒了起不来', 'request', '送医', 'elderly', false],
  ['谁能帮我去菜鸟驿站取个快递，我阳了', 'request', '取个快递', 'self', false],
  ['家里对乙酰氨基芬吃完了，谁家有多的', 'request', '对乙酰氨基芬', 'unknown', false],
  ['谁家有布洛芬缓释胶囊，一粒就行', 'request', '布洛芬缓释胶囊', 'unknown', false],
  ['泰诺林或者美林都可以，孩子一岁多，高烧39.5', 'request', '泰诺林|美林', 'child', false],
  ['我家有两盒布洛芬，有需要的来3号楼2单元拿', 'offer', '布洛芬', 'unknown', false],
  ['放门口了，你下来拿一下', 'offer', '', 'unknown', true],
  ['药挂你家门把手上了', 'offer', '', 'unknown', true],
  ['我这还有几个N95，谁要', 'offer', 'N95', 'unknown', false],
  ['我家有制氧机，谁家老人需要可以借', 'offer', '制氧机', 'elderly', false],
  ['有需要退烧药的邻居私我，我家囤了不少', 'offer', '退烧药', 'unknown', false],
  ['我是护士，有需要的可以问我', 'offer', '', 'unknown', false],
  ['已经送到了，放在门口鞋柜上', 'offer', '', 'unknown', true],
  // In an exchange the item asked for comes first: the contract's category is what is needed.
  ['我家有板蓝根，换两片布洛芬行吗', 'both', '布洛芬|板蓝根', 'unknown', false],
  ['我有多的鸡蛋，想换点退烧药', 'both', '退烧药|鸡蛋', 'unknown', false],
  ['谢谢邻居送来的抗原，已经测了', 'thanks', '抗原', 'unknown', false],
  ['药收到了，感谢5号楼的大姐', 'thanks', '', 'unknown', false],
  ['谢谢大家，孩子退烧了', 'thanks', '', 'child', false],
  ['拿到了，太感谢了🙏', 'thanks', '', 'unknown', true],
  ['不用了不用了，老公买回来了', 'cancel', '', 'unknown', true],
  ['已经借到了，不需要了，谢谢', 'cancel', '', 'unknown', true],
  ['不好意思，刚才那条撤回，家里找到了', 'cancel', '', 'unknown', true],
  ['社区卫生服务中心明天上午发放退烧药', 'info', '', 'unknown', false],
  ['提醒大家，布洛芬一天不要超过四次', 'info', '', 'unknown', false],
  ['物业通知：明天上午9点全楼消杀', 'info', '', 'unknown', false],
  ['各位邻居，楼下益丰到了一批抗原', 'info', '', 'unknown', false],
  ['有人知道哪里能买到布洛芬吗', 'other', '', 'unknown', false],
  ['这药是饭前吃还是饭后吃？', 'other', '', 'unknown', false],
  ['晚安，大家都保重身体', 'other', '', 'unknown', false],
  // 也: said after someone else's post, it leans on the thread.
  ['我们家也全阳了，哎', 'other', '', 'self', true],
  ['群里好热闹', 'other', '', 'unknown', false],
  ['几栋？', 'other', '', 'unknown', true],
  // A counter-question only makes sense as a reply.
  ['大人吃的还是孩子吃的？', 'other', '', 'child', true],
  ['你家几楼？我给你送', 'offer', '', 'unknown', true],
  // A counter-question only makes sense as a reply.
  ['需要几个？', 'other', '', 'unknown', true],
  ['+1 我也想要一个抗原', 'request', '抗原', 'unknown', true],
  ['我也缺退烧药，楼主有多的吗', 'request', '退烧药', 'unknown', true],
  ['我家也没有，帮不了', 'other', '', 'unknown', true],
  ['谁家有5号电池，体温计没电了', 'request', '5号电池', 'unknown', false],
  ['求购84消毒液，一瓶就够', 'request', '84消毒液', 'unknown', false],
  ['有没有人有对乙酰氨基酚片，孕妇能吃的那种，我怀孕了', 'request', '对乙酰氨基酚片', 'pregnant', false],
  ['12栋2单元1203的王阿姨发烧了，谁家有退烧药', 'request', '退烧药', 'unknown', false],
  ['孩子8个月，烧到38度8，谁家有对乙酰氨基酚滴剂', 'request', '对乙酰氨基酚滴剂', 'child', false],
  ['我可以陪老人去医院，有车', 'offer', '', 'elderly', false],
  ['今天谁去超市？帮我带点菜，钱我转你', 'request', '菜', 'unknown', false],
  // The product named beside its class is the thing to match (硝苯地平 over 降压药).
  ['谁家有降压药，硝苯地平那种，老人忘买了', 'request', '硝苯地平', 'elderly', false],
  ['楼上邻居能借点米吗，家里米吃完了', 'request', '米', 'unknown', false],
  ['家里煤气没了，谁家有多的煤气罐可以借一下', 'request', '煤气罐', 'unknown', false],
  ['老人烧了三天了，一直不退，谁能帮帮忙', 'request', '', 'elderly', false],
  ['在线等，孩子抽搐了怎么办', 'request', '', 'child', false],
  ['有没有会打针的，老人需要打胰岛素', 'request', '胰岛素', 'elderly', false],
  ['刚从医院回来，布洛芬已经拿到了，谢谢关心', 'thanks', '布洛芬', 'unknown', false],
  ['【求助】7号楼2单元502，老人发烧39度，家里没有任何药，求好心邻居帮忙！', 'request', '', 'elderly', false],
  ['有多余的退烧药吗？可以高价买', 'request', '退烧药', 'unknown', false],
  ['家里有人阳了，求个抗原测一下', 'request', '抗原', '*', false],
  ['我家小孩咳嗽，谁有小儿止咳糖浆啊', 'request', '小儿止咳糖浆', 'child', false],
  ['谁有体温枪借用一下 用完消毒还回去', 'request', '体温枪', 'unknown', false],
  ['邻居们，谁家有多的纸尿裤L码，宝宝一岁', 'request', '纸尿裤', 'child', false],
  ['我老婆怀孕了发烧，谁家有对乙酰氨基酚，急急急！！！', 'request', '对乙酰氨基酚', 'pregnant', false],
  ['哪位邻居能帮忙去药店排个队买药，我给跑腿费', 'request', '', 'unknown', false],
  ['我可以帮大家去药店排队买药，需要的私信', 'offer', '', 'unknown', false],
  ['家里囤了好多连花清瘟，要的邻居自取，放在8号楼大堂', 'offer', '连花清瘟', 'unknown', false],
  ['布洛芬我这儿有一整盒，可以分给有需要的老人', 'offer', '布洛芬', 'elderly', false],
  ['我们家有两个额温枪，谁家需要可以借用', 'offer', '额温枪', 'unknown', false],
  ['放物业了，写了你家门牌号', 'offer', '', 'unknown', true],
  ['已经放你家门口了，注意查收哈', 'offer', '', 'unknown', true],
  ['我去药店顺便帮你带了两盒，放你门口了', 'offer', '', 'unknown', true],
  ['我刚好买多了，给你匀两片', 'offer', '', 'unknown', true],
  ['我有退烧药可以给你，你在几栋？', 'offer', '退烧药', 'unknown', true],
  ['我也有美林，需要的话说', 'offer', '美林', 'unknown', true],
  ['刚买了布洛芬，不用再找了，谢谢大家', 'cancel', '布洛芬', 'unknown', false],
  ['药已经有了，大家别忙了', 'cancel', '', 'unknown', true],
  ['感谢8号楼李姐送的美林，宝宝已经退烧了', 'thanks', '美林', 'child', false],
  ['谢谢邻居们，我家老人已经好多了', 'thanks', '', 'elderly', false],
  ['谢谢，收到了，好人一生平安', 'thanks', '', 'unknown', true],
  ['收到收到，感谢', 'thanks', '', 'unknown', true],
  ['社区通知：明天下午3点在小区广场发放抗原，每户两个', 'info', '', 'unknown', false],
  ['友情提醒：家里有老人的，血氧仪可以备一个', 'info', '', 'elderly', false],
  ['大家记得开窗通风', 'info', '', 'unknown', false],
  ['布洛芬和泰诺别一起吃，成分会重复', 'info', '', 'unknown', false],
  ['药店说明天才有货', 'info', '', 'unknown', false],
  ['今天楼下核酸排队的人好多', 'other', '', 'unknown', false],
  ['你们都吃的啥药？', 'other', '', 'unknown', false],
  ['阳了第三天，嗓子像刀割', 'other', '', 'self', false], // the writer is the patient (contract: self)
  // 也: said after someone else's post.
  ['我家宝宝也发烧了，好担心', 'other', '', 'child', true],
  ['哪里能买到退烧药啊，跑了三家都没有', 'other', '', 'unknown', false],
  ['谁知道发热门诊在哪', 'other', '', 'unknown', false],
  ['楼主，你家孩子好点了吗', 'other', '', 'child', true],
  ['好的，谢谢', 'thanks', '', 'unknown', true],
  ['[捂脸][捂脸]', 'other', '', 'unknown', false],
  ['早点休息吧大家', 'other', '', 'unknown', true],
  // 这个: points at something posted before.
  ['这个小程序怎么登记啊', 'other', '', 'unknown', true],
  ['3号楼1单元有没有会看病的，孩子一直吐', 'request', '', 'child', false],
  ['在线等！！宝宝烧到40度了，美林吃了还不退，怎么办', 'request', '美林', 'child', false],
  ['需要退烧药的老人请联系网格员', 'info', '', 'elderly', false],
  ['我住11楼，谁家有多余的口罩放我门口就行', 'request', '口罩', 'unknown', false],
  ['有没有人愿意帮忙代购一点蔬菜，我们全家隔离', 'request', '代购|蔬菜', 'unknown', false],
  ['谁有多的鸡蛋和牛奶，孩子想吃', 'request', '鸡蛋|牛奶', 'child', false],
  ['求一包卫生巾，急', 'request', '卫生巾', 'unknown', false],
  ['能不能匀我一个抗原，我拿口罩换', 'both', '抗原|口罩', 'unknown', false],
  ['用两盒连花清瘟换一瓶美林，有人愿意吗', 'both', '美林|连花清瘟', 'unknown', false],
  ['我家有酒精和84，需要的来拿', 'offer', '酒精|84', 'unknown', false],
  ['有人需要血压计吗？我家有个闲置的', 'offer', '血压计', 'unknown', false],
  ['我也是，楼主有多余的分我一个呗', 'request', '', 'unknown', true],
  ['同求布洛芬，老人也烧起来了', 'request', '布洛芬', 'elderly', true],
  ['我家也有一个，一会给你送过去', 'offer', '', 'unknown', true],
  // A would-be helper's maybe answers an ask: nothing offered yet, but a reply.
  ['我去看看家里还有没有', 'other', '', 'unknown', true],
  ['等我下班回去找找', 'other', '', 'unknown', true],
];

// The replay transcripts' group messages, with what the replay README expects of them.
const REPLAY: [string, Intent, boolean][] = [
  ['急！！！2单元1102，孩子一岁半烧到39度5，家里美林用完了，谁家有先借一点🙏', 'request', false],
  ['我家有', 'offer', true],
  ['我也有，泰诺林行不行？', 'offer', true],
  ['给你放门口了，记得拿哈', 'offer', true],
  ['收到了，谢谢刘哥！孩子已经喂上了🙏', 'thanks', true],
  ['我有多余的抗原，10个，放一楼保安处了，需要的自取，一家一个哈', 'offer', false],
  ['我这儿有布洛芬，我住402，就在奶奶楼下，这就给送上去', 'offer', true],
  ['送到了，挂门把手上了，敲门奶奶应了', 'offer', true],
  ['我有N95，明早放你门口', 'offer', true],
  ['楼下大药房明早8点发抗原，每人限两个', 'info', false],
  ['不用了，家里柜子里翻出来一盒', 'cancel', true],
  ['我家没有了，帮顶一下', 'other', true],
  ['@林晓雯 我已经联系社区医生了，马上给你送对乙酰氨基酚过去，别着急', 'offer', true],
  ['口罩拿到了，谢谢赵老师', 'thanks', false],
  ['1号楼502刘大爷发烧了，家里没有退烧药，谁家有能放他门口？谢谢大家', 'request', false],
  ['我家有布洛芬，我和刘大爷是邻居，这就送过去', 'offer', true],
  ['枇杷膏给孙奶奶放门口了', 'offer', true],
];

let p: Parser;
beforeAll(() => {
  p = createParser(loadItemLexicon(resolve(import.meta.dirname, '../../config')));
});

describe('posts the dev set does not have', () => {
  it.each(CASES)('%s', (text, intent, items, forWhom, dependent) => {
    const a = p.parse(text);
    expect(a.intent).toBe(intent);
    expect(a.items.map((i) => i.name).join('|')).toBe(items);
    if (forWhom !== '*') expect(a.forWhom).toBe(forWhom);
    expect(a.contextDependent).toBe(dependent);
  });

  it('has a hundred or more of them', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
  });
});

describe('replay transcripts', () => {
  it.each(REPLAY)('%s', (text, intent, dependent) => {
    const a = p.parse(text);
    expect(a.intent).toBe(intent);
    expect(a.contextDependent).toBe(dependent);
  });

  it('reads the urgent pregnant request with its temperature, and 不急 as not urgent', () => {
    const a = p.parse('深夜打扰，我怀孕6个月，发烧38度8，谁家有对乙酰氨基酚？急');
    expect([a.intent, a.forWhom, a.urgent, a.temperature]).toEqual(['request', 'pregnant', true, 38.8]);
    expect(p.parse('谁家有黄桃罐头😂孩子发烧非要吃，不急，明天有也行').urgent).toBe(false);
  });
});
