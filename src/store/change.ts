// A unit of work from a command that runs without the bot (roster import): load, change, commit
// the patches, close — the same path a message takes.
import { produceWithPatches } from './patches.ts';
import type { BotState } from './state.ts';
import type { StateStore } from './types.ts';

export async function changeState(store: StateStore, recipe: (state: BotState) => void): Promise<BotState> {
  const state = await store.load();
  const [next, patches] = produceWithPatches(state, (draft) => void recipe(draft as BotState));
  if (patches.length > 0) await store.commit(next, patches);
  await store.close();
  return next;
}
