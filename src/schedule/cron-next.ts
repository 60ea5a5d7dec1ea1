// "When does this job run next?" kept apart from "run it now", so that the same cron
// expressions drive both the live scheduler and the simulated clock.
import { type CronExpression, CronExpressionParser } from 'cron-parser';

export const TIME_ZONE = 'Asia/Shanghai';

// Parsing an expression costs as much as stepping it, and the simulated clock asks for the next
// minute's run every minute: each expression is parsed once and reset to the time asked about.
const parsed = new Map<string, CronExpression>();

// Asia/Shanghai has kept UTC+8 without daylight saving since September 1991. A fixed offset gives
// the same runs at a quarter of the cost (a named zone asks Intl for its offset at every step);
// earlier times keep the named zone and its 1986-1991 summer time.
const FIXED_OFFSET = 'UTC+8';
const FIXED_SINCE = Date.parse('1992-01-01T00:00:00+08:00');

function expressionAt(cron: string, at: Date): CronExpression {
  const zone = at.getTime() >= FIXED_SINCE ? FIXED_OFFSET : TIME_ZONE;
  const key = `${zone} ${cron}`;
  let expression = parsed.get(key);
  if (!expression) {
    expression = CronExpressionParser.parse(cron, { tz: zone });
    parsed.set(key, expression);
  }
  expression.reset(at);
  return expression;
}

/**
 * Every minute, or every N minutes with N dividing 60 (a minute field of a star or a step over it,
 * all other fields stars): runs every N minutes on the minute, and Shanghai's
 * offsets (+8, +9 in its old summers) are whole hours, so the runs are multiples of N minutes
 * since the epoch. The escalation check asks for its next run every simulated minute; this
 * answers without stepping a calendar. Null: any other expression.
 */
function minuteStep(cron: string): number | null {
  const m = /^\*(?:\/(\d+))? \* \* \* \*$/.exec(cron.trim());
  if (!m) return null;
  const n = m[1] === undefined ? 1 : Number(m[1]);
  return n >= 1 && 60 % n === 0 ? n * 60_000 : null;
}

/** The first run strictly after `after`. */
export function nextRun(cron: string, after: Date): Date {
  const step = minuteStep(cron);
  if (step !== null) return new Date(Math.floor(after.getTime() / step) * step + step);
  return expressionAt(cron, after).next().toDate();
}

/** The last run at or before `at` (cron-parser's prev() is strict, so start a second later). */
export function previousRun(cron: string, at: Date): Date {
  const step = minuteStep(cron);
  if (step !== null) return new Date(Math.floor(at.getTime() / step) * step);
  return expressionAt(cron, new Date(at.getTime() + 1000))
    .prev()
    .toDate();
}

export function isValidCron(cron: string): boolean {
  try {
    CronExpressionParser.parse(cron, { tz: TIME_ZONE });
    return true;
  } catch {
    return false;
  }
}
