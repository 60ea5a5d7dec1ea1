// Who the help is for: pregnant, child, elderly from people words; self from first-person symptoms.
import type { ForWhom, Intent } from '../types.ts';
import type { ItemLexicon } from './lexicon-types.ts';

const SYMPTOM = /发烧|发热|烧到|烧了|烧得|阳了|中了|全中|咳|嗓子|头疼|头痛|胃疼|胃痛|腰疼|肚子疼|浑身疼|全身疼|拉肚子|腹泻|感冒了|不舒服|难受|起不来|下不了楼|出不去|出不了门|退烧了|来了?例假|来大姨妈/;
// Someone else is the patient: 老公烧到40度.
const OTHER_PATIENT = /老公|老婆|爱人|媳妇|丈夫|妻子|对象|爸|妈|父亲|母亲|家人|朋友|同事|室友|阿姨|叔叔|大姐|大哥|姐姐|哥哥|弟弟|妹妹|他|她|邻居|楼主/;
// The writer says they are ill themselves: 我发烧了, 我们全家都阳了, 我自己感冒了.
const SELF_SICK = new RegExp(`(我|本人)(们家|们|家)?(自己)?(也|都|全家|一家)?(都)?.{0,2}(${SYMPTOM.source})`);
const RECOVERED = /阳康|康复了|好了/;
const INFANT_MONTHS = /(?<!怀孕|孕)(\d{1,2}|[一二两三四五六七八九十]{1,2})个(多)?月/;
const CHILD_AGE = /(?<![\d.])(\d{1,2}|[一二两三四五六七八九十]{1,2})(岁|周岁)/;

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

  /** `masked` has item names blanked, so 儿童退烧药 or 暖宝宝 do not speak of a child. */
  read(masked: string, intent: Intent): ForWhom {
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
    }
    if (best !== 'unknown') return best;
    if (intent === 'info' || intent === 'offer') return 'unknown';
    if (!SYMPTOM.test(text) || RECOVERED.test(text)) return 'unknown';
    if (SELF_SICK.test(text)) return 'self';
    if (intent === 'other' || intent === 'cancel') return 'unknown'; // chat about illness in general
    // The patient is whoever is named just before the symptom: 老公烧到40度, 王阿姨发烧了.
    const sick = SYMPTOM.exec(text)!.index;
    return OTHER_PATIENT.test(text.slice(Math.max(0, sick - 6), sick)) ? 'unknown' : 'self';
  }
}
