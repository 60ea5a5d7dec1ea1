import { applyPatches, type Patch } from './patches.ts';
import { emptyState, upgradeState, type BotState } from './state.ts';
import type { StateStore } from './types.ts';

/**
 * For tests: keeps what was committed by applying each unit's patches to its own copy, so a test
 * can check that the patches alone rebuild the state. `failNext` makes the next commits fail.
 */
export class MemoryStore implements StateStore {
  readonly where = 'memory';
  saved: BotState | null = null;
  saves = 0;
  failNext = 0;

  constructor(private readonly initial: BotState = emptyState()) {}

  async load(): Promise<BotState> {
    const state = upgradeState(structuredClone(this.saved ?? this.initial));
    this.saved = structuredClone(state);
    return state;
  }

  async commit(_next: BotState, patches: readonly Patch[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('simulated: the disk is full (ENOSPC)');
    }
    this.saved = applyPatches(this.saved ?? emptyState(), structuredClone(patches as Patch[]));
    this.saves += 1;
  }

  async close(): Promise<void> {}
}
