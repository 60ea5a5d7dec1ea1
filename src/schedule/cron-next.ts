// "When does this job run next?" kept apart from "run it now", so that the same cron
// expressions drive both the live scheduler and the simulated clock.
import { CronExpressionParser } from 'cron-parser';

export const TIME_ZONE = 'Asia/Shanghai';

/** The first run strictly after `after`. */
export function nextRun(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: TIME_ZONE }).next().toDate();
}

/** The last run at or before `at` (cron-parser's prev() is strict, so start a second later). */
export function previousRun(cron: string, at: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: new Date(at.getTime() + 1000), tz: TIME_ZONE })
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
