// Text clean-up shared by parsing and FAQ matching: full-width forms, spacing, emoji noise.

/** Full-width ASCII (！？，０-９Ａ-Ｚ) to half-width, ideographic space to space, lower-case latin. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Normalised form for matching: half-width, lower case, collapsed spaces. Keeps Chinese punctuation. */
export function normalizeText(text: string): string {
  return toHalfWidth(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  幺: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 二 -> 2, 十二 -> 12, 二十 -> 20, 二十三 -> 23; digits pass through. Null when not a number. */
export function chineseNumberToInt(raw: string): number | null {
  const s = raw.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零〇一幺二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = CN_DIGITS[ch] ?? 0;
    }
  }
  return total + current;
}
