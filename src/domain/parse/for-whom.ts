// Who the help is for: pregnant, child, elderly from people words and ages; self from first-person symptoms.
import type { ForWhom, Intent } from '../types.ts';
import type { ItemLexicon } from './lexicon-types.ts';

const SYMPTOM =
  /发烧(?!门诊)|发热(?!门诊)|烧到|烧了|烧得|烧起来|在烧|低烧|高烧|烧退了|烧也退了|阳了|中了|全中|中招|咳|嗓子|喉咙|头疼|头痛|头晕|胃疼|胃痛|腰疼|牙疼|牙痛|肚子疼|浑身疼|全身疼|浑身酸|酸痛|拉肚子|拉稀|拉得|虚脱|腹泻|呕吐|吐了|鼻塞|流鼻涕|胸闷|喘|发冷|怕冷|没力气|迷糊|感冒了|不舒服|难受|起不来|下不了楼|出不去|出不了门|退烧了|来了?例假|来大姨妈/;
// Someone else is the patient: 老公烧到40度.
const OTHER_PATIENT =
  /老公|老婆|爱人|媳妇|丈夫|妻子|对象|爸|妈|父亲|母亲|家人|朋友|同事|室友|阿姨|叔叔|大姐|大哥|姐姐|哥哥|弟弟|妹妹|他|她|邻居|楼主|儿子|女儿/;
// The writer says they are ill themselves: 我发烧了, 我们全家都阳了, 我自己感冒了 (not 我妈发烧, 我们小区阳了).
const SELF_SICK = new RegExp(
  `(我|本人)(们家|们|家)?(自己)?(也|都|全家|一家)?(都)?[^妈爸公婆儿女哥姐弟妹区楼群]{0,2}(${SYMPTOM.source})|(^|[\\s,，。])(全家|一家人?)(都|全)?(阳了|中了|倒了|发烧)`,
);
// A parent as the patient: old when the post says so (老人家, 78了).
const PARENT = /爸|妈|父亲|母亲|公公|婆婆|岳父|岳母|丈人|丈母/;
const RECOVERED = /阳康|康复了|好了/;
const INFANT_MONTHS = /(?<!怀孕|孕)(\d{1,2}|[一二两三四五六七八九十]{1,2})个(多)?月|半岁/;
const CHILD_AGE = /(?<![\d.])(\d{1,2}|[一二两三四五六七八九十]{1,2})(岁|周岁)/;
// 七十多岁, 80岁, 八十好几: old age said as a number.
const OLD_AGE = /(?<![\d.])([6-9]\d|[六七八九]十[一二三四五六七八九]?)(多|几|好几)?(岁|了)/;
// Things only the writer asks for herself.
const PERSONAL_ITEM = /卫生巾|姨妈巾|卫生棉|安睡裤/;
const CLAUSE_END = /[,，。!！?？\s;；]/;

export class ForWhomReader {
  private readonly groups: [ForWhom, RegExp][];

  constructor(people: ItemLexicon['people']) {
    const re = (words: string[]) => new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)');
    this.groups = [
      ['pregnant', re(people.pregnant)],
      ['child', re(people.child)],
      ['elderly', re(people.elderly)],
    ];
  }

  /** `masked` has item names blanked, so 儿童退烧药 or 暖宝宝 do not speak of a child; `norm` is unmasked. */
  read(masked: string, intent: Intent, norm = masked): ForWhom {
    const text = masked.replace(/宝妈|宝爸/g, '  ');
    if (this.groups[0]![1].test(text)) return 'pregnant';
    let best: ForWhom = 'unknown';
    let at = Infinity;
    for (const [who, re] of this.groups.slice(1)) {
      const m = re.exec(text);
      if (m && m.index < at) {
        best = who;
        at = m.index;
      }
    }
    if (best === 'unknown') {
      const months = INFANT_MONTHS.exec(text);
      const age = CHILD_AGE.exec(text);
      if (months || (age && Number(age[1]) <= 14)) return 'child';
      if (OLD_AGE.test(text)) return 'elderly';
    }
    const sick = SYMPTOM.exec(text);
    // 老公高烧,孩子还小: the patient named before any people word is someone else.
    // 我爸发烧了,老人家78了: the patient named first is a parent, then said to be old.
    if (sick && best === 'elderly' && this.patientIs(PARENT, text, sick.index)) return 'elderly';
    if (sick && sick.index < at && this.otherPatient(text, sick.index) && !SELF_SICK.test(text)) return 'unknown';
    if (best !== 'unknown') return best;
    if (intent === 'info' || intent === 'offer') return 'unknown';
    if (intent === 'request' && PERSONAL_ITEM.test(norm) && /来了|突然/.test(text) && !OTHER_PATIENT.test(text)) return 'self';
    if (!sick || RECOVERED.test(text)) return 'unknown';
    if (SELF_SICK.test(text)) return 'self';
    if (intent === 'cancel') return 'unknown';
    // Chat about illness: self only when stated, not asked (这两天烧得迷迷糊糊的 vs 阳了还用上报吗).
    if (intent === 'other' && (/[?？吗么呢哪谁啥]|多少|几|怎么|什么/.test(text) || OTHER_PATIENT.test(text) || /大家|你们|都/.test(text)))
      return 'unknown';
    return this.otherPatient(text, sick.index) ? 'unknown' : 'self';
  }

  /** The clause holding the symptom names someone else before it: 老公烧到40度, 王阿姨发烧了. */
  private otherPatient(text: string, sickAt: number): boolean {
    return this.patientIs(OTHER_PATIENT, text, sickAt);
  }

  private patientIs(who: RegExp, text: string, sickAt: number): boolean {
    let start = sickAt;
    while (start > 0 && !CLAUSE_END.test(text[start - 1]!)) start--;
    return who.test(text.slice(Math.max(start, sickAt - 10), sickAt));
  }
}
