// Words grid workers use in callback reports, in one place: how a call went (and why not),
// who else answered, symptoms, needs, deliveries, good news, corrections.
import type { Category, ParsedItem } from '../types.ts';
import type { HealthFlag, UnreachedReason } from './types.ts';

// ---- how the call went

/**
 * A call that reached nobody, most specific reason first. Each is checked for a negation
 * just before it (不是没人接, 没关机) by NEGATED_FAIL_BEFORE.
 */
export const UNREACHED_RULES: { reason: UnreachedReason; re: RegExp }[] = [
  { reason: 'out_of_service', re: /停机|空号|欠费|号码(?:不对|错了|有误|不存在|作废|是错的)|换了?号|销号/g },
  { reason: 'switched_off', re: /关机|没开机|不开机|(?:手机|电话)没电/g },
  { reason: 'busy', re: /占线|通话中|忙音|一直在打电话/g },
  // 没听见 (the phone): not 没听清 / 没听见我说的 (they talked).
  { reason: 'not_heard', re: /没(?:有)?听(?:见|到|着)(?![^,，。;；!！?？\s]{0,2}(?:说|讲|清|懂|明白))|听不(?:见|到)(?:电话|铃声?|响)/g },
  // A visit nobody answered: 上门敲门没人应, 去家里没人.
  {
    reason: 'no_one_home',
    re: /(?:敲门|敲了门|叫门|按门铃|喊门|上门|去家里|到家里|去她家|去他家|过去)[^,，。;；!！?？]{0,6}?(?:没人|没有人|不在家|没应|没开门|没反应|没动静)|没人开门|没见(?:到|着)人/g,
  },
  {
    reason: 'no_answer',
    re: /没人接|没有人接|无人接|没人说话|没有?声音|没接(?!通)|不接|没人应|无人应答|没回电话?|没回复|未接(?!通)|一直响|响了[^,，。]{0,4}没人/g,
  },
  {
    reason: 'no_contact',
    re: /打不通|没打通|拨不通|接不通|电话不通|没通(?!知)|联系不上|没联系上|联系不到|没联系到|找不到人|未接通|没接通|无法接通|不在服务区|失联|打不同|没打同/g,
  },
];
/** 不是没人接 / 没关机: the failure word is denied. */
export const NEGATED_FAIL_BEFORE = /(?:不是|没有|并非|并没|没|未)$/;

/** Talked with the person: 打通了, 接通, 联系上, 回电话了 (checked for a negation before them). */
export const REACHED_RE = /打通|接通|通了|联系上|说上话|通上话|回电|回过来|回了电话|回了个电话|回电话/g;
/** The phone picked up: 接了, 接的, 接听, 接电话 — by the person unless someone else is named just before. */
export const PICKED_UP_RE = /接(?:了|的|听|电话|起来?)/g;
/** Not picked up / not reached: what may stand just before 接 or 打通. */
export const NEGATION_BEFORE_CALL = /(?:没|没有|没能|不|未|无法|不能|没法|没人|无人|没有人|不肯|不愿意?|还没|一直没)$/;
/** 接电话的是她女儿: the one who answered comes after. */
export const ANSWERED_BY_RE = /接(?:电话)?的是/;

/** People who may answer or look in instead of the person. Longer words first. */
export const PROXY_WORDS = [
  '家里其他人',
  '家里人',
  '家属',
  '家人',
  '老伴儿',
  '老伴',
  '爱人',
  '丈夫',
  '老公',
  '妻子',
  '儿媳妇',
  '儿媳',
  '媳妇儿',
  '媳妇',
  '儿子',
  '女儿',
  '闺女',
  '姑娘',
  '女婿',
  '孙子',
  '孙女',
  '外孙女',
  '外孙',
  '侄子',
  '侄女',
  '外甥女',
  '外甥',
  '保姆',
  '护工',
  '邻居',
  '楼长',
  '单元长',
  '亲戚',
  '朋友',
  '物业',
  '保安',
  '志愿者',
  '子女',
  '孩子',
  '弟弟',
  '妹妹',
  '哥哥',
  '姐姐',
  '弟媳',
  '嫂子',
  '亲家',
  '同事',
  '别人',
  '其他人',
];
export const PROXY_SOURCE = PROXY_WORDS.join('|');
/** 打给她女儿, 问了邻居, 联系了家属: the worker reached someone else. */
export const ASKED_PROXY_RE = new RegExp(`(?:打给|打到|打电话给|问了?|联系了?|找了?)(?:她|他)?(?:的|家)?(${PROXY_SOURCE})`);
/** 闺女说, 家属讲: someone else tells how the person is. */
export const PROXY_SAID_RE = new RegExp(`(${PROXY_SOURCE})(?:那边)?(?:说|讲|告诉|反映|回话|回复)`);
/** 让邻居去敲门看看, 叫楼长上门看一下: someone sent to check. */
/** 楼上邻居, 隔壁的: where the neighbour lives, before the word. */
const NEAR = '(?:楼上|楼下|隔壁|对门|同楼|同单元)?的?';
export const DELEGATE_RE = new RegExp(
  `(?:让|叫|请|托|麻烦|喊|找|拜托)了?(?:她|他)?的?${NEAR}(${PROXY_SOURCE}|[\\u4e00-\\u9fa5]{1,3}?)(?:帮忙|帮着|帮我)?(?:去|过去|上门|上楼)?(?:敲门|敲敲门|看看|看一下|看一眼|瞧瞧|瞅瞅|去看|上门)`,
);
/** Not someone checking: a doctor sent for is a health need. */
export const NOT_A_DELEGATE = /医生|大夫|护士|120|救护车/;
/** 楼长去看了, 邻居敲了门: someone else looked in. */
export const OTHER_VISIT_RE = new RegExp(
  `(${PROXY_SOURCE})(?:已经|刚才?|也)?(?:上楼去|上去|过去|去|上门|上楼)?(?:敲门|敲了门|看了|看过|瞧了|瞅了|去看了|去了)`,
);
/** Nobody at home — a failed visit when the worker went there (上门了,家里没人). */
export const AWAY_RE = /家里没人(?!能|可以|会|帮|照顾|管)|没人在家|人不在家|不在家/;
/** What someone saw when they looked in, or the person's state. */
export const SEEN_WELL_RE = /在家|人在|开门了|开了门|见到(?:她|他|人|老人)|看到(?:她|他|人|老人)/;

/** A home visit by the worker: 上门, 入户, 去家里, 敲门. */
export const VISITED_RE =
  /上门|入户|家访|去家里|到家里|去他家|去她家|到他家|到她家|登门|走访|去看了|看望|当面|敲门|敲了门|见到(?:她|他|本人|老人)|见了面/g;
/** A visit still to come: 明天上门, 准备上门, 一会儿去家里. */
export const PLANNED_BEFORE_RE = /(明天|明早|后天|等会儿?|待会儿?|一会儿?|晚点|下午|晚上|准备|打算|要|得|会|再|去)$/;
/** Not called yet: 李秀英今天还没打 (nothing to record). */
export const NOT_YET_RE = /还没打|没打呢|还没回访|还没联系|待会打|等会打|一会打|一会儿打|明天打|晚点打|还没来得及/;
/** A call still to make: 下午再打, 等会儿联系, 明天上门看看, 晚点再打. */
export const PLANNED_CALL_RE =
  /(?:我|那边)?(?:下午|晚上|晚点|等会儿?|待会儿?|一会儿?|过会儿?|回头|稍后|明天|明早|后天)(?:再|就|去|会)?(?:打|联系|回访|上门|去看)/;
/** A retry still to come (not 下午打通了, which is past): 晚点再打, 下午再试, 明天上门. */
export const RETRY_PLAN_RE =
  /(?:晚点|晚些|等会儿?|待会儿?|一会儿?|过会儿?|回头|稍后|明天|明早|后天)(?:再|就|去|会)?(?:打|联系|回访|上门|去看|试)|(?:下午|晚上|中午|傍晚)(?:我)?再(?:打|联系|试|去)|再(?:打|试)(?:一下|一次|一遍)?$/;
/** After a failure, a later try that got through: 后来, 再打, 第二次. */
export const RETRY_RE =
  /后来|再打|又打|重打|再拨|第[二三四五六两2-6]次|过了?一会儿?|(?:下午|晚上|中午|傍晚|后面|刚才|刚刚|现在|晚些)(?:又|再)?(?:打|问|联系|通)/;
/** The person said (so they were reached): 她说, 老人讲. */
export const PERSON_SAID_RE = /(?:她|他|老人|本人|大爷|大娘|奶奶|爷爷|阿姨|叔叔?)(?:自己)?(?:也|又)?(?:说|讲|表示|聊)/;
/** The person themself, not whoever answered: 她自己, 本人, 老人亲自. */
export const SELF_SPOKE_RE = /自己|本人|亲自/;
/** A guess, not news: 应该没事, 估计睡着了. */
export const HEDGE_RE = /应该|估计|可能|也许|大概|不知道|不清楚|怕是|是不是/;
/** Any sign the message reports a call. */
export const CALLED_RE = /打通|接通|接了|通了|聊了|说了|问了|回访|打过|打了|联系上|联系了|电话/;

// ---- how the person is

export const GOOD_RE =
  /正常|挺好|很好|都好|还好|还行|不错|没事|没啥事|没什么事|没问题|好了|好多了|好转|精神好|好着呢|好好的|平安|放心|(?<![a-z])ok(?![a-z])|👌|👍/i;
/** Good words denied: 不是很好, 不太好, 没那么好. */
export const GOOD_NEGATED_BEFORE = /(?:不是|不太|不怎么|不大|没那么|没有|不)$/;
/** 其他都挺好 / 剩下的都打了: everyone else still to call today. */
export const REST_RE =
  /(?:其他|其余|别的|剩下的?|另外几个|另外几位)(?:人|几位|几个|的)?(?:也)?(?:都|全)?(挺好|很好|正常|没事|还好|都好|打了|打过了|打完了|联系了|问了)/;
export const MEDICINE_RE = /药|片|胶囊|颗粒|糖浆|口服液|喷剂|膏|布洛芬|对乙酰氨基酚|泰诺林|美林|连花清瘟|抗原|体温计/;
/** Medicine names that contain a symptom word, removed before looking for symptoms. */
export const MEDICINE_NAME_RE =
  /(退烧|退热|发烧|发热|止咳|咳嗽|化痰|感冒|止痛|镇痛|胸痛|降压|降糖)(药品?|药物|片|贴|糖浆|颗粒|胶囊|口服液)/g;
export const FEVER_RESOLVED_RE = /(已经|已)?退烧了?|烧(已经|也|都)?退了?|不烧了|不发烧了|烧下去了|体温正常|不热了/g;
export const COUGH_RESOLVED_RE = /不咳了|咳嗽好了|不咳嗽了/g;
export const HOUSEHOLD_RE =
  /老伴儿?|家老头子?|爱人|丈夫|老公|妻子|媳妇|儿子|女儿|闺女|孙子|孙女|外孙女?|儿媳|女婿|保姆|家人|家里人|一家人|全家/;
export const SELF_RE = /自己|本人|她也|他也|老人也/;
/** Negation just before a symptom: 没发烧, 不咳嗽, 没再烧, 也没咳. */
export const NEGATION_BEFORE_RE = /(?:不是|没有?|不|未|无|不用|不需要)(?:再|太|怎么|啥|什么|有)?$/;

export interface SymptomRule {
  flag: HealthFlag;
  re: RegExp;
  /** Alerts the admin at once. */
  danger: boolean;
}

export const SYMPTOMS: SymptomRule[] = [
  { flag: 'fever', re: /发烧|发热|高烧|低烧|烧到|有点烧|在烧|还烧|还在烧|烧得|烧着/g, danger: false },
  { flag: 'cough', re: /咳|嗓子疼|嗓子痛|喉咙疼|喉咙痛/g, danger: false },
  {
    flag: 'needs_doctor',
    re: /看医生|看病|去医院|上医院|到医院|送到医院|送去医院|就医|就诊|请医生|叫医生|医生上门|找大夫|看大夫|住院|送医/g,
    danger: false,
  },
  {
    flag: 'low_mood',
    re: /情绪低落|情绪不好|心情不好|心情差|不开心|闷闷不乐|想不开|哭了|在哭|老哭|孤单|孤独|没意思|不想活/g,
    danger: false,
  },
  { flag: 'fall', re: /摔倒|摔了|跌倒|摔伤|滑倒|跌了一跤|绊倒/g, danger: true },
  { flag: 'breathing', re: /呼吸困难|喘不上气|喘不过气|憋气|憋得慌|气短|气喘/g, danger: true },
  { flag: 'chest_pain', re: /胸痛|胸口疼|胸口痛|胸闷|心口疼|心口痛|心绞痛/g, danger: true },
  { flag: 'unconscious', re: /昏迷|叫不醒|意识不清|神志不清|晕倒|昏倒|晕过去|不省人事/g, danger: true },
];

/** Words that alert the admin at once beyond the symptom rules. */
export const EXTRA_DANGER_RE = /不想活|打了?120|叫了?120|急救|救护车/g;

// ---- needs

/** A need met or not there: 药够吃, 给买了, 送过去了, 有了, 不缺. */
export const NEED_MET_RE = /够吃|够用|药够|不缺|买了|买到了|买好了|送过去了|送到了|送去了|拿到了|已经有了|有药了|备着|给送了|送了|放门口了/;
/** Nothing needed: 什么都不缺, 不需要, 不用买. */
export const NO_NEED_RE = /不缺|没缺|都不缺|啥也不缺|什么都不缺|不需要|不用买|不用送|不要|没要|都有|不想要/;
/** A clause that asks for something (needs read per item, see the two below). */
export const NEED_RE =
  /没有|没了|没药|缺|不够|(?:就|只|才)剩(?:下)?(?:一|两|几|\d|最后|没几|不多)|快吃完|吃完了|喝完了|快没了|用完了|用光了|断药|买不到|需要|要买|想要|想买|帮忙买|帮买|想吃/;
/** Just before an item: 缺X, 没有X, 想要个X, 需要点X. */
export const NEED_BEFORE_ITEM = /(?:缺|没有|需要|想要|要|想买|要买|买不到|买不着|借|想吃)(?:点儿?|些|个|一?[盒瓶包袋]|的|那个|那种)?$|没$/;
/** Just after an item: X没了, X也快吃完了, X不够. */
export const NEED_AFTER_ITEM =
  /^(?:也|都|又|已经|早就|快要?)?(?:(?:就|只|才)剩(?:下)?(?:一|两|几|\d|最后|没几|不多)|没了|没有了|没有|用完|吃完|喝完|用光|吃光|喝光|快没|快用完|快吃完|快喝完|不够|断了|缺|不多了|见底)/;
/** The same cues, anywhere in a clause (to find the word before them). */
export const NEED_AFTER_CUE = /(?:也|都|又|已经|早就)?(?:快没了|快吃完|快用完|快喝完|吃完了|喝完了|用完了|没了|不够了?|见底了?)/g;
/** Nobody to go out and buy X: a request for an errand, not a thing. */
export const ERRAND_RE =
  /(?:没人|没有人)(?:能|可以|帮忙|帮她|帮他)?(?:出门|下楼|出去)?(?:去)?买([\u4e00-\u9fa5]{1,3})|(?:需要|要|想|得)(?:找)?(?:有)?人(?:帮忙|帮着|帮她|帮他)?(?:出门|下楼|去)?(?:代)?买([\u4e00-\u9fa5]{1,3})|(?:出不了门|下不了楼|出不去|没法出门|不能出门)[^,，。]{0,6}?买([\u4e00-\u9fa5]{1,3})/;
/** What an errand may be for without naming a thing: 买药, 买菜, 买东西. */
export const ERRAND_GENERIC: Record<string, string> = {
  药: '帮忙买药',
  菜: '帮忙买菜',
  东西: '帮忙买东西',
  吃的: '帮忙买吃的',
  日用品: '帮忙买日用品',
  点东西: '帮忙买东西',
};

/** Fallback when the injected item extractor finds nothing in a need clause. */
export const FALLBACK_ITEMS: { re: RegExp; name: string; category: Category }[] = [
  { re: /退烧药|退热药|发烧药/, name: '退烧药', category: 'fever_medicine' },
  { re: /布洛芬/, name: '布洛芬', category: 'fever_medicine' },
  { re: /对乙酰氨基酚|泰诺林/, name: '对乙酰氨基酚', category: 'fever_medicine' },
  { re: /止咳药|咳嗽药|止咳糖浆|枇杷膏/, name: '止咳药', category: 'cough_medicine' },
  { re: /感冒药/, name: '感冒药', category: 'cold_medicine' },
  { re: /降压药/, name: '降压药', category: 'other_medicine' },
  { re: /降糖药|胰岛素/, name: '降糖药', category: 'other_medicine' },
  { re: /速效救心丸|救心丸/, name: '速效救心丸', category: 'other_medicine' },
  { re: /胃药/, name: '胃药', category: 'stomach_medicine' },
  { re: /抗原/, name: '抗原', category: 'antigen_test' },
  { re: /体温计/, name: '体温计', category: 'thermometer' },
  { re: /买菜|没菜|缺菜|蔬菜|青菜|菜(?:吃完|吃光|没了|没有了|不多|快没)/, name: '蔬菜', category: 'food' },
];

export function fallbackItems(clause: string): ParsedItem[] {
  return FALLBACK_ITEMS.filter((f) => f.re.test(clause)).map((f) => ({ name: f.name, category: f.category }));
}

// ---- deliveries

/** Brought to the person: 送过去了, 放门口了, 给买了, 拿过去了. */
export const DELIVERED_RE =
  /送过去|送去|送到|送了|送上门|送上去|拿过去|拿去|带过去|捎过去|放(?:在)?(?:她|他)?(?:家)?门口|给(?:她|他)?(?:送|拿|带|买)|买了|买好了|买回来|代买/g;
/** Done, not planned: 了 or 过 right after the verb (送过去了), or 已经 before it. */
export const DONE_AFTER = /^[^,，。;；!！?？]{0,3}?(?:了|过(?![去来]))/;
export const DONE_BEFORE = /已经|已|刚|刚刚|都/;
/** The worker speaking of themself. */
export const WORKER_SELF_RE = /我们|我|俺|咱/g;
/** The 爱心药 pickup point (besides its configured name). */
export const PICKUP_RE = /领取处|爱心药|药点|爱心站|爱心点|社区(?:的)?药房?|居委会(?:的|拿的?)药/;
/** 两盒, 3瓶: how many were taken. */
export const COUNT_RE = /(\d+|[一两二三四五六七八九十])\s*(?:盒|瓶|包|袋|份|支|板)/;

// ---- corrections

/** 不对 / 记错了 / 撤回刚才那条 at the start: the last record is wrong. */
export const CORRECTION_START_RE =
  /^(?:不对|不是的?(?=$|[,，。.!！\s])|错了|记错了?(?!人)|搞错了?(?!人)|弄错了?(?!人)|说错了?(?!人)|写错了?|打错了?|发错了?|更正|纠正|订正|撤回|删掉|作废)(?:了|一下)?(?:刚才|刚刚|上一?条|那条|的)?(?:那条|的|说的|记的)?(?:不对|错了)?[,，。.!！\s:：]*/;
/** 刚才那条不对 / 记错人了 anywhere. */
export const CORRECTION_ANY_RE =
  /(?:刚才|刚刚|上一?条|那条)(?:那条|的|说的|记的)?(?:不对|错了|记错了?|说错了?)|记错人了?|搞错人了?|说错人了?/;
/** 改成没接通 / 应该是关机: what it should be. */
export const CORRECTED_TO_RE = /(?:改成|改为|更正为|应该是|其实是|实际上?是|换成)[:：]?/;
/** 不是正常,是没人接. */
export const NOT_BUT_RE = /不是([^,，。]{1,12})[,，\s]*(?:而)?是/;
