// Time as the bot sees it: a clock to read and a scheduler to register recurring jobs on.
// Live runs use node-cron in Asia/Shanghai; replay, console and tests use a simulated clock.

export interface Clock {
  now(): Date;
}

export interface ScheduledJob {
  name: string;
  /** 5-field cron expression in Asia/Shanghai time. */
  cron: string;
  run(at: Date): Promise<void>;
}

export interface Scheduler {
  add(job: ScheduledJob): void;
  start(): void;
  stop(): void;
  /** Runs `run` once at `at` (at once if that is past), on this scheduler's time; returns a cancel. */
  at(at: Date, run: () => Promise<void>): () => void;
  /** The jobs registered so far (catch-up after a restart walks them). */
  jobs(): readonly ScheduledJob[];
}
