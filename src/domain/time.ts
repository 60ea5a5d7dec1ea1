// Calendar arithmetic in the community's time zone. China has kept UTC+8 without daylight
// saving since 1991, so a fixed offset is exact and needs no time-zone database.

export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 2022-12-20 for any instant on that Shanghai calendar day. */
export function localDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 20:05 in Shanghai time. */
export function localTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}

/** 0 = Sunday ... 6 = Saturday, on the Shanghai calendar. */
export function localWeekday(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCDay();
}

/** The instant a Shanghai wall-clock date and time happen: ('2022-12-20', '08:30'). */
export function atLocal(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** ISO 8601 with the +08:00 offset, as the replay contract prints times. */
export function toLocalIso(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000);
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}
