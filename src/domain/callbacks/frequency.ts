// Reading and writing how often someone is phoned: 每天, 每周, 周一三五, 周一,周三, daily, weekly.
import type { Frequency } from './types.ts';

const WEEKDAY_CHARS: Record<string, number> = { 日: 0, 天: 0, 七: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'];

/** Null when the text is not a frequency we understand. */
export function parseFrequency(raw: unknown): Frequency | null {
  if (raw && typeof raw === 'object' && Array.isArray((raw as { weekdays?: unknown }).weekdays)) {
    const days = (raw as { weekdays: unknown[] }).weekdays;
    if (days.length === 0 || !days.every((d) => Number.isInteger(d) && (d as number) >= 0 && (d as number) <= 6)) return null;
    return { weekdays: normalizeWeekdays(days as number[]) };
  }
  if (typeof raw !== 'string') return null;
  const s = raw.trim().toLowerCase().replace(/\s+/g, '');
  if (['daily', '每天', '每日', '天天', '日'].includes(s)) return 'daily';
  if (['weekly', '每周', '每星期', '每礼拜', '周', '一周一次', '每周一次'].includes(s)) return 'weekly';
  return parseWeekdays(s);
}

/** 周一三五, 周一,周三, 星期二四, 每周一、四 -> weekdays. */
function parseWeekdays(s: string): Frequency | null {
  const body = s.replace(/^每/, '');
  if (!/^((周|星期|礼拜)?[一二三四五六日天七][,，、和及/]?)+$/.test(body)) return null;
  if (!/^(周|星期|礼拜)/.test(body)) return null;
  const days: number[] = [];
  for (const ch of body.replace(/周|星期|礼拜/g, '')) {
    const d = WEEKDAY_CHARS[ch];
    if (d !== undefined) days.push(d);
  }
  return days.length ? { weekdays: normalizeWeekdays(days) } : null;
}

function normalizeWeekdays(days: number[]): number[] {
  return [...new Set(days)].sort((a, b) => a - b);
}

/** 每天, 每周, 周一三五 (Sunday last, as people write it). */
export function formatFrequency(freq: Frequency): string {
  if (freq === 'daily') return '每天';
  if (freq === 'weekly') return '每周';
  const ordered = [...freq.weekdays].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  return '周' + ordered.map((d) => WEEKDAY_NAMES[d]).join('');
}
