// Persistence behind a small interface: the bot keeps the state in memory and commits each unit
// of work (the patches that turn the last committed state into the next) before anything is sent.
import type { Patch } from './patches.ts';
import type { BotState } from './state.ts';

export interface StateStore {
  /** Where the state lives, for error messages (a file, a database). */
  readonly where: string;
  /** The committed state; a store that cannot be read throws a StateFileError and changes nothing. */
  load(): Promise<BotState>;
  /**
   * Saves one unit of work durably: `patches` turn the last committed state into `next`. Throws when
   * it cannot. `sync: false` (marking messages sent) may skip the flush to disk: a process crash keeps
   * it; only a power loss could lose it, and then a message is sent twice, never lost.
   */
  commit(next: BotState, patches: readonly Patch[], options?: { sync?: boolean }): Promise<void>;
  /**
   * Stores shared by several processes (PostgreSQL): runs one unit of work alone across all of
   * them, on the state as the last commit anywhere left it. Absent: the process owns the state.
   * `optimistic` (scheduled jobs): when no other process is known to have committed since this
   * one last caught up, `work` runs on the local state without the lock; a unit that changes
   * nothing then costs nothing, and one that commits is checked under the lock and, when another
   * process committed meanwhile, thrown out (StaleUnitError) and run again for real.
   */
  exclusive?<T>(work: (latest: BotState, caughtUp: CaughtUp) => Promise<T>, options?: { optimistic?: boolean }): Promise<T>;
  /** Flushes and releases (shutdown). */
  close(): Promise<void>;
}

/**
 * What other processes changed since the state the last unit was handed: their patches in order,
 * or null when the store read everything afresh (the caller rebuilds what it derives).
 */
export type CaughtUp = readonly Patch[] | null;

/** A saved state that cannot be used as it is: names the file and what is wrong; never overwritten. */
export class StateFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'StateFileError';
  }
}

/**
 * An optimistic unit's commit found that another process committed since the state it ran on:
 * nothing was written; the store runs the unit again on the latest state. Not a save failure.
 */
export class StaleUnitError extends Error {
  constructor(where: string) {
    super(`${where}: another process committed meanwhile; the unit runs again on the latest state`);
    this.name = 'StaleUnitError';
  }
}
