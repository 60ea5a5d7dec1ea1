// A clock that moves only when told to. Moving it runs every job that falls due on the way,
// in time order, each at its own due time: what replay, the console and tests need.
import type { Clock, ScheduledJob, Scheduler } from './types.ts';
import { nextRun } from './cron-next.ts';

export class SimulatedClock implements Clock, Scheduler {
  private current: Date;
  private readonly jobs: { job: ScheduledJob; next: Date }[] = [];

  constructor(start: Date) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  add(job: ScheduledJob): void {
    this.jobs.push({ job, next: nextRun(job.cron, this.current) });
  }

  start(): void {}
  stop(): void {}

  /** Jumps to `to` without running anything on the way (the console's "set the date"). */
  resetTo(to: Date): void {
    this.current = new Date(to);
    for (const j of this.jobs) j.next = nextRun(j.job.cron, this.current);
  }

  /** Moves to `to`, running due jobs in order. Refuses to move backwards. */
  async advanceTo(to: Date): Promise<void> {
    if (to.getTime() < this.current.getTime()) {
      throw new Error(`the clock cannot move backwards (now ${this.current.toISOString()})`);
    }
    for (;;) {
      const due = this.jobs
        .filter((j) => j.next.getTime() <= to.getTime())
        .sort((a, b) => a.next.getTime() - b.next.getTime() || this.jobs.indexOf(a) - this.jobs.indexOf(b))[0];
      if (!due) break;
      this.current = new Date(due.next);
      due.next = nextRun(due.job.cron, due.next);
      await due.job.run(this.now());
    }
    this.current = new Date(to);
  }
}
