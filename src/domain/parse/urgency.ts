// Urgency and body temperature.
import { chineseNumberToInt } from '../text/normalize.ts';

const NOT_URGENT = /马上(就)?还|(钱|红包|费用)马上(就)?(转|发|给|付)|不急|不着急|别着急|不用急|不太急|不是很急|没那么急|不紧急|急支糖浆/g;
const URGENT =
  /急|紧急|在线等|高烧|高热|深夜|半夜|凌晨|马上|赶紧|立刻|尽快|快点|(?<!\d)120(?!\d)|喘不上气|呼吸困难|喘不过气|昏迷|抽搐|惊厥|说胡话|晕倒|胸闷|胸痛|血氧.{0,4}(低|只有|掉|[89]\d)|烧.{0,6}(不退|退不下来|降不下来)|救命|快来人|晕倒|越快越好|火速|快(送|来|过来|过去|下来|上来|帮)|等着用|(摔|跌|滑)(倒|了一跤|跤|了).{0,8}(起不来|扶不起来|爬不起来|动不了)|突然说不出话|嘴.{0,2}歪|叫不醒|不省人事/;
const FEVER = /烧|发热|体温/;
const INFANT =
  /(?<!怀孕|孕)((\d{1,2}|[一二两三四五六七八九十]{1,2})个(多)?月|(?<![\d两三四五六七八九十])(1|一)(周)?岁|周岁以下|新生儿|婴儿|半岁)/;

const CN = '[一二两三四五六七八九十]';
const TEMP_PATTERNS: RegExp[] = [
  /(\d{2}(?:\.\d)?)\s*(?:度|℃|°c?)\s*(\d)?/, // 38.8度, 39度5
  new RegExp(`(${CN}{2,3})度(${CN})?`), // 三十九度五
  /(?:烧到|烧了|发烧|体温|高烧|低烧|烧)\s*(\d{2}(?:\.\d)?)(?![\d度])/, // 烧到39
];

/** Body temperature as stated: 38.8 from 38度8, 38.8度, 烧到38.8; null when none is plausible. */
export function readTemperature(norm: string): number | null {
  for (const re of TEMP_PATTERNS) {
    const m = re.exec(norm);
    if (!m) continue;
    const whole = /^\d/.test(m[1]!) ? Number(m[1]) : chineseNumberToInt(m[1]!);
    if (whole === null) continue;
    const tenth = m[2] ? (/^\d$/.test(m[2]) ? Number(m[2]) : (chineseNumberToInt(m[2]) ?? 0)) : 0;
    const t = m[1]!.includes('.') ? whole : whole + tenth / 10;
    if (t >= 35 && t <= 43) return Math.round(t * 10) / 10;
  }
  return null;
}

/** Urgency signalled by the words, a high fever, or a feverish infant. `masked` has item names blanked. */
export function isUrgentText(masked: string, temperature: number | null): boolean {
  const text = masked.replace(NOT_URGENT, '  ');
  if (URGENT.test(text)) return true;
  if (temperature !== null && temperature >= 39) return true;
  // A feverish infant: said in words (发烧) or as a temperature (宝宝11个月38度).
  return (FEVER.test(text) || (temperature !== null && temperature >= 37.5)) && INFANT.test(text);
}
