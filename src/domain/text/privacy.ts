// Masking of personal data before the bot repeats text anywhere.

const MOBILE = /(?<!\d)(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3})-?(\d{7,8})(?!\d)/g;

/** 13812345678 -> 138****5678; landlines keep only their area code. */
export function maskPhones(text: string): string {
  return text.replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`).replace(LANDLINE, (_m, a: string) => `${a}-****`);
}

export function containsPhone(text: string): boolean {
  MOBILE.lastIndex = 0;
  LANDLINE.lastIndex = 0;
  return MOBILE.test(text) || LANDLINE.test(text);
}
