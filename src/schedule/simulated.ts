// A clock that moves only when told to. Moving it runs every job that falls due on the way,
// in time order, each at its own due time: what replay, the console and tests need.
import type { Clock, ScheduledJob, Scheduler } from './types.ts';
import { nextRun } from './cron-next.ts';

export class SimulatedClock implements Clock, Scheduler {
  private current: Date;
  private readonly entries: { job: ScheduledJob; next: Date }[] = [];
  private readonly timers: { at: Date; run: () => Promise<void>; seq: number }[] = [];
  private seq = 0;

  constructor(start: Date) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  add(job: ScheduledJob): void {
    this.entries.push({ job, next: nextRun(job.cron, this.current) });
  }

  jobs(): readonly ScheduledJob[] {
    return this.entries.map((e) => e.job);
  }

  at(at: Date, run: () => Promise<void>): () => void {
    const timer = { at: new Date(Math.max(at.getTime(), this.current.getTime())), run, seq: ++this.seq };
    this.timers.push(timer);
    return () => {
      const i = this.timers.indexOf(timer);
      if (i >= 0) this.timers.splice(i, 1);
    };
  }

  /** Runs one-shot timers that are due now (a timer set for "now" fires without moving the clock). */
  async runDue(): Promise<void> {
    await this.advanceTo(this.current);
  }

  start(): void {}
  stop(): void {}

  /** Jumps to `to` without running anything on the way (the console's "set the date"). */
  resetTo(to: Date): void {
    this.current = new Date(to);
    for (const j of this.entries) j.next = nextRun(j.job.cron, this.current);
    for (const t of this.timers) if (t.at.getTime() < this.current.getTime()) t.at = new Date(this.current);
  }

  /** Moves to `to`, running due jobs in order. Refuses to move backwards. */
  async advanceTo(to: Date): Promise<void> {
    if (to.getTime() < this.current.getTime()) {
      throw new Error(`the clock cannot move backwards (now ${this.current.toISOString()})`);
    }
    for (;;) {
      const job = this.entries
        .filter((j) => j.next.getTime() <= to.getTime())
        .sort((a, b) => a.next.getTime() - b.next.getTime() || this.entries.indexOf(a) - this.entries.indexOf(b))[0];
      const timer = this.timers
        .filter((t) => t.at.getTime() <= to.getTime())
        .sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq)[0];
      // A timer due at the same moment as a job goes first: it was set earlier (sends decided before).
      if (timer && (!job || timer.at.getTime() <= job.next.getTime())) {
        this.timers.splice(this.timers.indexOf(timer), 1);
        this.current = new Date(timer.at);
        await timer.run();
        continue;
      }
      if (!job) break;
      this.current = new Date(job.next);
      job.next = nextRun(job.job.cron, job.next);
      await job.job.run(this.now());
    }
    this.current = new Date(to);
  }
}
