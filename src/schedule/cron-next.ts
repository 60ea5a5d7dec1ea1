// "When does this job run next?" kept apart from "run it now", so that the same cron
// expressions drive both the live scheduler and the simulated clock.
import { type CronExpression, CronExpressionParser } from 'cron-parser';

export const TIME_ZONE = 'Asia/Shanghai';

// Parsing an expression costs as much as stepping it, and the simulated clock asks for the next
// minute's run every minute: each expression is parsed once and reset to the time asked about.
const parsed = new Map<string, CronExpression>();

function expressionAt(cron: string, at: Date): CronExpression {
  let expression = parsed.get(cron);
  if (!expression) {
    expression = CronExpressionParser.parse(cron, { tz: TIME_ZONE });
    parsed.set(cron, expression);
  }
  expression.reset(at);
  return expression;
}

/** The first run strictly after `after`. */
export function nextRun(cron: string, after: Date): Date {
  return expressionAt(cron, after).next().toDate();
}

/** The last run at or before `at` (cron-parser's prev() is strict, so start a second later). */
export function previousRun(cron: string, at: Date): Date {
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
