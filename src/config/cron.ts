// A cron expression is checked when the config loads, by both readers that will run it: node-cron
// (the live scheduler) and cron-parser (the simulated clock). Otherwise "61 8 * * *" loads and the
// scheduler fails hours later with a message that names neither the file nor the key.
import { CronExpressionParser } from 'cron-parser';
import cron from 'node-cron';

/** Why the expression cannot be scheduled, or null when both schedulers accept it. */
export function cronProblem(expr: string): string | null {
  if (!/^\S+(\s+\S+){4}$/.test(expr.trim())) return 'it needs 5 fields (minute hour day month weekday), such as "30 8 * * *"';
  try {
    CronExpressionParser.parse(expr); // validity does not depend on the time zone
  } catch (err) {
    return (err as Error).message;
  }
  if (!cron.validate(expr)) return 'the live scheduler (node-cron) does not accept it';
  return null;
}
