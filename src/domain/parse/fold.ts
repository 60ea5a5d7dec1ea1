// One-character folds used before matching; each keeps string length so offsets stay aligned.

// Traditional -> simplified for the words group posts use (people, places, items, asks, urgency).
const TRAD =
  '燒藥試劑誰裡裏鄰謝請問沒們這來門樓號單經還幫給買賣為發熱體溫計測錢過麼嗎個後醫開關見時當種應與幾兒媽寶婦貼瀉腸漿顆滅衛紙電氣緊務業區點頭傷護陽隨餘夠讓說話囉膠預棟層親愛邊歲幣無難東處櫃廳罐蔔麵雞讀網員協調獨極齊檢燙戶萬嚴喉嚨兩則雙從對舊擔樣嗽' +
  '連藍蘭靈貝爺孫帶馬聽據轉賬費閒閑換續濕線煩車診購遞驛額槍維針儀壓褲頂決別現貨約報記風離陰確傳嬰產該須盡準滿總飯餓飲蔥薑檸餅乾鹽蘋鬆腦覺錯啞撐塊張頓罷嗚囑訴識鬧劑療藝術紅綠領養廁燈脫鏡營師統處雜';
const SIMP =
  '烧药试剂谁里里邻谢请问没们这来门楼号单经还帮给买卖为发热体温计测钱过么吗个后医开关见时当种应与几儿妈宝妇贴泻肠浆颗灭卫纸电气紧务业区点头伤护阳随余够让说话啰胶预栋层亲爱边岁币无难东处柜厅罐卜面鸡读网员协调独极齐检烫户万严喉咙两则双从对旧担样嗽' +
  '连蓝兰灵贝爷孙带马听据转账费闲闲换续湿线烦车诊购递驿额枪维针仪压裤顶决别现货约报记风离阴确传婴产该须尽准满总饭饿饮葱姜柠饼干盐苹松脑觉错哑撑块张顿罢呜嘱诉识闹剂疗艺术红绿领养厕灯脱镜营师统处杂';

// Chat and dialect spellings folded to the standard word, each of the same length:
// 俺/咱 (I, we), 木有 (没有); Sichuan 有没得 / 一哈; Cantonese 屋企 (家里), 边个 (谁), 嘅 (的), 搵 (找), 冇 (没), 个仔/个女 (孩子).
const SLANG: [RegExp, string][] = [
  [/木有/g, '没有'],
  [/[俺咱]/g, '我'],
  [/有没得/g, '有没有'],
  [/一哈(?![哈])/g, '一下'],
  [/屋企/g, '家里'],
  [/边个/g, '哪个'],
  [/个仔|个女(?![人孩生])/g, '孩子'],
  [/嘅/g, '的'],
  [/搵/g, '找'],
  [/冇/g, '没'],
];

const FOLD = new Map<string, string>();
for (let i = 0; i < TRAD.length; i++) if (TRAD[i] !== SIMP[i]) FOLD.set(TRAD[i]!, SIMP[i]!);

// Most posts have nothing to fold: one scan finds that out, and the text is returned as it is.
const charClass = (chars: Iterable<string>) => new RegExp(`[${[...chars].join('')}]`);
const FOLDABLE = charClass(FOLD.keys());
// A character every slang pattern contains (木有, 有没得, 一哈, 屋企, 边个, 个仔, 个女…).
const SLANG_CHARS = charClass('木俺咱得哈企边仔女嘅搵冇');

/** Simplified, with chat spellings folded; same length as the input. */
export function foldText(lower: string): string {
  let out = '';
  if (FOLDABLE.test(lower)) for (const ch of lower) out += FOLD.get(ch) ?? ch;
  else out = lower;
  if (SLANG_CHARS.test(out)) for (const [re, to] of SLANG) out = out.replace(re, to);
  return out;
}

// Sound-alike characters residents type by pinyin (布诺芬, 连花清温, 对乙酰安基酚, 板兰根, 抗元).
// Only item matching reads this fold, on both the lexicon words and the text.
const SOUND_ALIKE: Record<string, string> = {
  洛: '诺落络罗',
  芬: '酚分粉',
  氨: '安胺铵按',
  乙: '已以',
  酰: '先鲜',
  瘟: '温稳文',
  连: '莲联',
  清: '青轻',
  蓝: '兰篮',
  林: '琳淋霖',
  枇: '琵',
  杷: '琶爬',
  浆: '桨将',
  原: '元源',
  脱: '托',
  泰: '太',
  膏: '糕',
  糖: '塘',
  咳: '刻',
  胰: '姨',
  贴: '帖',
  额: '鹅',
  喷: '盆',
};
const SOUND = new Map<string, string>();
for (const [to, from] of Object.entries(SOUND_ALIKE)) for (const ch of from) SOUND.set(ch, to);

const SOUNDS = charClass(SOUND.keys());

export function foldSound(norm: string): string {
  if (!SOUNDS.test(norm)) return norm;
  let out = '';
  for (const ch of norm) out += SOUND.get(ch) ?? ch;
  return out;
}
