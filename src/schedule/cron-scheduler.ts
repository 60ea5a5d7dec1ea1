// The live scheduler: node-cron tasks in Asia/Shanghai (the machine itself may run in UTC).
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock, ScheduledJob, Scheduler } from './types.ts';
import { TIME_ZONE } from './cron-next.ts';

export const systemClock: Clock = { now: () => new Date() };

export class CronScheduler implements Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly jobs: ScheduledJob[] = [];

  constructor(private readonly onError: (job: string, err: unknown) => void) {}

  add(job: ScheduledJob): void {
    this.jobs.push(job);
  }

  start(): void {
    for (const job of this.jobs) {
      const task = cron.schedule(
        job.cron,
        async () => {
          try {
            await job.run(new Date());
          } catch (err) {
            this.onError(job.name, err);
          }
        },
        { timezone: TIME_ZONE, name: job.name, noOverlap: true },
      );
      this.tasks.push(task);
    }
  }

  stop(): void {
    for (const t of this.tasks) void t.destroy();
    this.tasks.length = 0;
  }
}
