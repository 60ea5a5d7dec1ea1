// Words grid workers use in callback reports: outcomes, symptoms, needs, danger, good news.
import type { Category, ParsedItem } from '../types.ts';
import type { HealthFlag } from './types.ts';

export const UNREACHABLE_RE = /没人接|无人接听?|没接|不接|打不通|没打通|没通|不通|联系不上|没联系上|联系不到|找不到人|关机|停机|占线|无人应答|没人应|没回电|未接通|没接通/g;
export const VISITED_RE = /上门|入户|家访|去家里|到家里|去他家|去她家|到他家|到她家|登门|走访|去看了|看望|当面/g;
/** A visit still to come: 明天上门, 准备上门, 一会儿去家里. */
export const PLANNED_BEFORE_RE = /(明天|明早|后天|等会儿?|待会儿?|一会儿?|晚点|下午|晚上|准备|打算|要|得|会|再|去)$/;
/** Not called yet: 李秀英今天还没打 (nothing to record). */
export const NOT_YET_RE = /还没打|没打呢|还没回访|还没联系|待会打|等会打|一会打|一会儿打|明天打|晚点打|还没来得及/;
/** A call still to make: 下午再打, 等会儿联系, 明天上门看看. */
export const PLANNED_CALL_RE = /(?:我|那边)?(?:下午|晚上|晚点|等会儿?|待会儿?|一会儿?|过会儿?|回头|稍后|明天|明早|后天)(?:再|就|去|会)?(?:打|联系|回访|上门|去看)/;
/** Got through after all, checked after the unreachable phrases are removed: 第一次没接,后来打通了. */
export const REACHED_EXPLICIT_RE = /打通|接通|接了|通了|联系上|回电了|回过来了/;
/** Any sign the message reports a call. */
export const CALLED_RE = /打通|接通|接了|通了|聊了|说了|问了|回访|打过|打了|联系上|联系了|电话/;
export const GOOD_RE = /正常|挺好|很好|都好|还好|还行|不错|没事|没啥事|没什么事|没问题|好了|好多了|好转|精神好|平安|放心/;
/** A need met: 药够吃, 给买了, 送过去了, 有了. */
export const NEED_MET_RE = /够吃|够用|药够|不缺|买了|买到了|送过去了|送到了|送去了|拿到了|已经有了|有药了|备着|给送了|送了/;
export const NEED_RE = /没有|没了|没药|缺|不够|快吃完|吃完了|快没了|用完了|断药|买不到|需要|要买|想要|想买|帮忙买|帮买/;
export const MEDICINE_RE = /药|片|胶囊|颗粒|糖浆|口服液|喷剂|膏|布洛芬|对乙酰氨基酚|泰诺林|美林|连花清瘟|抗原|体温计/;
/** Medicine names that contain a symptom word, removed before looking for symptoms. */
export const MEDICINE_NAME_RE = /(退烧|退热|发烧|发热|止咳|咳嗽|化痰|感冒|止痛|镇痛|胸痛|降压|降糖)(药品?|药物|片|贴|糖浆|颗粒|胶囊|口服液)/g;
export const FEVER_RESOLVED_RE = /(已经|已)?退烧了?|烧(已经|也|都)?退了?|不烧了|不发烧了|烧下去了|体温正常|不热了/g;
export const COUGH_RESOLVED_RE = /不咳了|咳嗽好了|不咳嗽了/g;
export const HOUSEHOLD_RE = /老伴儿?|家老头子?|爱人|丈夫|老公|妻子|媳妇|儿子|女儿|闺女|孙子|孙女|外孙女?|儿媳|女婿|保姆|家人|家里人|一家人|全家/;
export const SELF_RE = /自己|本人|她也|他也|老人也/;
/** Negation just before a symptom: 没发烧, 不咳嗽, 未见. */
export const NEGATION_BEFORE_RE = /(没有?|不|未|无|不用|不需要)$/;

export interface SymptomRule {
  flag: HealthFlag;
  re: RegExp;
  /** Alerts the admin at once. */
  danger: boolean;
}

export const SYMPTOMS: SymptomRule[] = [
  { flag: 'fever', re: /发烧|发热|高烧|低烧|烧到|有点烧|在烧|还烧|还在烧|烧得|烧着/g, danger: false },
  { flag: 'cough', re: /咳|嗓子疼|嗓子痛|喉咙疼|喉咙痛/g, danger: false },
  { flag: 'needs_doctor', re: /看医生|看病|去医院|上医院|就医|就诊|请医生|叫医生|医生上门|找大夫|看大夫|住院|送医/g, danger: false },
  { flag: 'low_mood', re: /情绪低落|情绪不好|心情不好|心情差|不开心|闷闷不乐|想不开|哭了|在哭|老哭|孤单|孤独|没意思|不想活/g, danger: false },
  { flag: 'fall', re: /摔倒|摔了|跌倒|摔伤|滑倒|跌了一跤|绊倒/g, danger: true },
  { flag: 'breathing', re: /呼吸困难|喘不上气|喘不过气|憋气|憋得慌|气短|气喘/g, danger: true },
  { flag: 'chest_pain', re: /胸痛|胸口疼|胸口痛|胸闷|心口疼|心口痛|心绞痛/g, danger: true },
  { flag: 'unconscious', re: /昏迷|叫不醒|意识不清|神志不清|晕倒|昏倒|晕过去|不省人事/g, danger: true },
];

/** Words that alert the admin at once beyond the symptom rules. */
export const EXTRA_DANGER_RE = /不想活|打了?120|叫了?120|急救|救护车/g;

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
  { re: /买菜|没菜|缺菜|蔬菜|青菜/, name: '蔬菜', category: 'food' },
];

export function fallbackItems(clause: string): ParsedItem[] {
  return FALLBACK_ITEMS.filter((f) => f.re.test(clause)).map((f) => ({ name: f.name, category: f.category }));
}
