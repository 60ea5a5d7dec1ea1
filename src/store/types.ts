// Persistence behind a two-method interface, as lowdb's adapters are: the bot keeps the
// state in memory and saves the whole document before it replies.
import type { BotState } from './state.ts';

export interface StateStore {
  load(): Promise<BotState>;
  save(state: BotState): Promise<void>;
}
