// Text preparation: a display form (names are cut from it) and a matching form of the same length.
import { toHalfWidth } from '../text/normalize.ts';

// Traditional -> simplified, one character for one so that offsets stay aligned.
const TRAD = '燒藥試劑誰裡鄰謝請問沒們這來門樓號單經還幫給買賣為發熱體溫計測錢過麼嗎個後醫開關見時當種應與幾兒媽寶婦貼瀉腸漿顆滅衛紙電氣難緊務業區點頭傷護陽隨餘夠讓說話囉膠預棟層室需親愛邊歲幣無難東處櫃廳廳門罐蔔麵雞蛋奶灣讀網員協調獨極齊劑盒檢測溫燒顆燙戶萬嚴喉嚨謝兩則雙從對舊號擔樣沒嗽糖';
const SIMP = '烧药试剂谁里邻谢请问没们这来门楼号单经还帮给买卖为发热体温计测钱过么吗个后医开关见时当种应与几儿妈宝妇贴泻肠浆颗灭卫纸电气难紧务业区点头伤护阳随余够让说话啰胶预栋层室需亲爱边岁币无难东处柜厅厅门罐卜面鸡蛋奶湾读网员协调独极齐剂盒检测温烧颗烫户万严喉咙谢两则双从对旧号担样没嗽糖';
const FOLD = new Map<string, string>();
for (let i = 0; i < TRAD.length; i++) if (TRAD[i] !== SIMP[i]) FOLD.set(TRAD[i]!, SIMP[i]!);

// WeChat mentions: "@name" followed by a (special) space, or the end of the message.
const MENTION = /@[^\s\u2005@]{1,20}[\s\u2005]+/g;

export interface PreparedText {
  /** Half-width text without @mentions: item names are cut from here. */
  display: string;
  /** Same length as `display`: simplified, lower-case; all matching runs on this. */
  norm: string;
}

export function prepareText(text: string): PreparedText {
  const display = toHalfWidth(text.replace(MENTION, ' ')).replace(/[\r\n\t]/g, ' ');
  let norm = '';
  for (const ch of display.toLowerCase()) norm += FOLD.get(ch) ?? ch;
  if (norm.length !== display.length) return { display: norm, norm }; // only if lower-casing changed length
  return { display, norm };
}
