// Dates and times as staff write them: 2023-03-18 14:00 · 3月18日下午2点 · 明天晚上7点半 · 3/18 9:30.
import { toHalfWidth } from '../text/normalize.ts';
import { atLocal, localDate } from '../time.ts';

const pad = (n: number) => String(n).padStart(2, '0');

function dateOf(text: string, now: Date): string | null {
  const today = localDate(now);
  const full = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
  if (full) return `${full[1]}-${pad(+full[2])}-${pad(+full[3])}`;
  const md = /(\d{1,2})\s*(?:月|\/)\s*(\d{1,2})\s*[日号]?/.exec(text);
  if (md) {
    const year = Number(today.slice(0, 4));
    let d = `${year}-${pad(+md[1])}-${pad(+md[2])}`;
    if (d < today) d = `${year + 1}-${pad(+md[1])}-${pad(+md[2])}`;
    return d;
  }
  const rel = /(今天|明天|后天)/.exec(text);
  if (rel) return localDate(new Date(now.getTime() + { 今天: 0, 明天: 1, 后天: 2 }[rel[1] as '今天'] * 86_400_000));
  return null;
}

function timeOf(text: string): string | null {
  const m = /(上午|早上|中午|下午|晚上|傍晚)?\s*(\d{1,2})\s*(?:[:：]\s*(\d{2})|点\s*(半|(\d{1,2})\s*分?)?)/.exec(text);
  if (!m) return null;
  let h = Number(m[2]);
  const min = m[3] ? Number(m[3]) : m[4] === '半' ? 30 : m[5] ? Number(m[5]) : 0;
  if (m[1] && /下午|晚上|傍晚/.test(m[1]) && h < 12) h += 12;
  if (m[1] === '中午' && h < 6) h += 12;
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

/** The instant written in the text, or null; `defaultTime` when only a date is given. */
export function parseWhen(raw: string, now: Date, defaultTime = '09:00'): Date | null {
  const text = toHalfWidth(raw);
  const date = dateOf(text, now);
  if (!date) return null;
  const rest = text.replace(/(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{1,2})\s*(?:月|\/)\s*(\d{1,2})\s*[日号]?/, ' ');
  return atLocal(date, timeOf(rest) ?? defaultTime);
}

/** 3月18日(周六)14:00 */
export function formatWhen(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const wd = '日一二三四五六'[local.getUTCDay()];
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日(周${wd})${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
