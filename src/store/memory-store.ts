import { emptyState, upgradeState, type BotState } from './state.ts';
import type { StateStore } from './types.ts';

/** For unit tests: keeps a deep copy per save, so a test can check what was persisted. */
export class MemoryStore implements StateStore {
  saved: BotState | null = null;
  saves = 0;

  constructor(private readonly initial: BotState = emptyState()) {}

  async load(): Promise<BotState> {
    return upgradeState(structuredClone(this.saved ?? this.initial));
  }

  async save(state: BotState): Promise<void> {
    this.saved = structuredClone(state);
    this.saves += 1;
  }
}
