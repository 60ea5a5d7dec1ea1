// The console's slash commands, parsed from one input line by a pure function (as Errbot's
// text backend: !asuser / !inroom / !inperson become /as, /in, /dm here).
import { SHANGHAI_OFFSET_MS } from '../../domain/time.ts';

/** When /time should move the simulated clock to. */
export type TimeSpec =
  | { kind: 'at'; at: Date }
  /** A wall-clock time on the simulated clock's current Shanghai day ("21:30"). */
  | { kind: 'clock'; hour: number; minute: number }
  | { kind: 'plus'; minutes: number };

export type ConsoleCommand =
  | { kind: 'say'; text: string; mentionsBot: boolean }
  | { kind: 'as'; name: string }
  | { kind: 'in'; room: string }
  | { kind: 'dm' }
  | { kind: 'rooms' }
  | { kind: 'people' }
  | { kind: 'time'; spec: TimeSpec }
  | { kind: 'mention' }
  /** null clears a pending quote. */
  | { kind: 'quote'; text: string | null }
  | { kind: 'roster'; action: RosterAction }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

/** /roster: show the callback roster, load the fictional sample, or import a spreadsheet. */
export type RosterAction = { kind: 'show' } | { kind: 'sample' } | { kind: 'import'; file: string };

export const ROSTER_USAGE = '用法:/roster(查看回访名单)、/roster sample(载入虚构的示例名单)、/roster import 文件.csv 或 .xlsx';

/** Every due job runs on the way (the aid check runs each minute): keep one jump bounded. */
export const MAX_JUMP_DAYS = 7;

export const TIME_USAGE = '用法:/time 21:30(当天)、/time +30m / +2h / +1d 或 /time YYYY-MM-DDTHH:MM(上海时间,可带 +08:00 这样的时区)';

const COMMAND = /^[/／]([^\s/／]+)(?:\s+([\s\S]*))?$/;
const MENTION_END = /^[\s\u2005\u2004\u00a0]/;

/**
 * Parses one console line. `botNames` are the names that count as "@ the bot" at the start of
 * a line (the configured name and 邻里小助手). A line starting with "//" is sent as text that
 * begins with "/".
 */
export function parseConsoleLine(raw: string, botNames: readonly string[] = []): ConsoleCommand {
  const line = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .trim();
  if (line === '') return { kind: 'empty' };
  if (line.startsWith('//')) return say(line.slice(1), botNames);
  const m = COMMAND.exec(line);
  if (!m) return say(line, botNames);
  const name = m[1]!.toLowerCase();
  const arg = (m[2] ?? '').trim();
  switch (name) {
    case 'as':
      return arg ? { kind: 'as', name: arg } : usage('/as 名字 —— 以这个人的身份发言');
    case 'in':
      return arg ? { kind: 'in', room: arg } : usage('/in 群名 —— 进入这个群(可写群名的一部分)');
    case 'dm':
      return { kind: 'dm' };
    case 'rooms':
      return { kind: 'rooms' };
    case 'people':
      return { kind: 'people' };
    case 'time': {
      if (!arg) return usage(TIME_USAGE);
      const spec = parseTimeSpec(arg);
      return spec ? { kind: 'time', spec } : { kind: 'error', message: `无法识别的时间"${arg}"。${TIME_USAGE}` };
    }
    case 'at':
    case '@':
      return { kind: 'mention' };
    case 'quote':
      return { kind: 'quote', text: arg || null };
    case 'roster':
      return parseRosterArg(arg);
    case 'help':
    case 'h':
    case '?':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
    case 'q':
      return { kind: 'quit' };
    default:
      return { kind: 'error', message: `未知命令 /${m[1]}。输入 /help 查看命令;要发送以 / 开头的文字,请写 //` };
  }
}

function parseRosterArg(arg: string): ConsoleCommand {
  if (arg === '') return { kind: 'roster', action: { kind: 'show' } };
  if (/^(sample|示例)$/i.test(arg)) return { kind: 'roster', action: { kind: 'sample' } };
  const file = /^(?:import|导入)(?:\s+([\s\S]+))?$/i.exec(arg);
  if (file) return file[1] ? { kind: 'roster', action: { kind: 'import', file: file[1].trim() } } : usage(ROSTER_USAGE);
  return { kind: 'error', message: `看不懂"/roster ${arg}"。${ROSTER_USAGE}` };
}

function usage(text: string): ConsoleCommand {
  return { kind: 'error', message: `用法:${text.replace(/^用法:/, '')}` };
}

function say(text: string, botNames: readonly string[]): ConsoleCommand {
  for (const name of botNames) {
    const tag = `@${name}`;
    if (!text.startsWith(tag)) continue;
    const rest = text.slice(tag.length);
    if (rest !== '' && !MENTION_END.test(rest)) continue;
    return { kind: 'say', text: rest.trim(), mentionsBot: true };
  }
  return { kind: 'say', text, mentionsBot: false };
}

const FULL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const CLOCK = /^(\d{1,2}):(\d{2})$/;
const PLUS = /^\+\s*(\d+)\s*(m|min|分钟?|h|小时|d|天)?$/i;

/** "2022-12-20T21:30" (Asia/Shanghai unless an offset is given), "21:30", "+30m". Null if unreadable. */
export function parseTimeSpec(arg: string): TimeSpec | null {
  const s = arg.trim();
  const plus = PLUS.exec(s);
  if (plus) {
    const n = Number(plus[1]);
    const unit = (plus[2] ?? 'm').toLowerCase();
    const factor = unit.startsWith('h') || unit === '小时' ? 60 : unit === 'd' || unit === '天' ? 1440 : 1;
    return n > 0 ? { kind: 'plus', minutes: n * factor } : null;
  }
  const clock = CLOCK.exec(s);
  if (clock) {
    const hour = Number(clock[1]);
    const minute = Number(clock[2]);
    return hour <= 23 && minute <= 59 ? { kind: 'clock', hour, minute } : null;
  }
  const full = FULL.exec(s);
  if (!full) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', zone] = full;
  const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec)] as const;
  const [year, month, day, hour, minute, second] = parts;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null; // 2022-02-30
  return { kind: 'at', at: new Date(wall - offsetMs(zone)) };
}

function offsetMs(zone: string | undefined): number {
  if (!zone) return SHANGHAI_OFFSET_MS;
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/** The instant a spec means, seen from the simulated clock's `now`. */
export function resolveTimeSpec(spec: TimeSpec, now: Date): Date {
  if (spec.kind === 'at') return spec.at;
  if (spec.kind === 'plus') return new Date(now.getTime() + spec.minutes * 60_000);
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const wall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), spec.hour, spec.minute);
  return new Date(wall - SHANGHAI_OFFSET_MS);
}
