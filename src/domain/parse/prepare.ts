// Text preparation: a display form (names are cut from it) and a matching form of the same length.
import { toHalfWidth } from '../text/normalize.ts';
import { foldText } from './fold.ts';

// WeChat mentions: "@name" followed by a (special) space, or the end of the message.
const MENTION = /@[^\s\u2005@]{1,20}[\s\u2005]+/g;

export interface PreparedText {
  /** Half-width text without @mentions: item names are cut from here. */
  display: string;
  /** Same length as `display`: simplified, lower-case, chat spellings folded; all matching runs on this. */
  norm: string;
}

export function prepareText(text: string): PreparedText {
  const display = toHalfWidth(text.replace(MENTION, ' ')).replace(/[\r\n\t]/g, ' ');
  const norm = foldText(display.toLowerCase());
  if (norm.length !== display.length) return { display: norm, norm }; // only if lower-casing changed length
  return { display, norm };
}
