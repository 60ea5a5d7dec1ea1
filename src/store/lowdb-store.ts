// The live store: one JSON file written atomically by lowdb (temp file, then rename).
// Built with `new Low(new JSONFile())` rather than JSONFilePreset, which silently swaps in
// memory storage whenever NODE_ENV is "test".
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { emptyState, upgradeState, type BotState } from './state.ts';
import type { StateStore } from './types.ts';

export class LowdbStore implements StateStore {
  private readonly db: Low<BotState>;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Low<BotState>(new JSONFile<BotState>(file), emptyState());
  }

  async load(): Promise<BotState> {
    await this.db.read();
    this.db.data = upgradeState(this.db.data);
    return this.db.data;
  }

  async save(state: BotState): Promise<void> {
    this.db.data = state;
    await this.db.write();
  }
}
