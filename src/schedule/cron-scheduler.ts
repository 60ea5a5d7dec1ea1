// The live scheduler: node-cron tasks in Asia/Shanghai (the machine itself may run in UTC).
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock, ScheduledJob, Scheduler } from './types.ts';
import { TIME_ZONE } from './cron-next.ts';

export const systemClock: Clock = { now: () => new Date() };

export class CronScheduler implements Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly registered: ScheduledJob[] = [];

  constructor(private readonly onError: (job: string, err: unknown) => void) {}

  private readonly timers = new Set<NodeJS.Timeout>();

  add(job: ScheduledJob): void {
    this.registered.push(job);
  }

  jobs(): readonly ScheduledJob[] {
    return this.registered;
  }

  at(at: Date, run: () => Promise<void>): () => void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        run().catch((err) => this.onError('timer', err));
      },
      Math.max(0, at.getTime() - Date.now()),
    );
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  start(): void {
    for (const job of this.registered) {
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
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
