// Keeps the aid domain's indexes (src/domain/aid/index-requests.ts) in step with the committed
// state: built once from the state the bot starts with, then each commit re-files only the records
// its patches touched. A change too wide to follow record by record (the nightly retention
// replacing the whole list) rebuilds it.
import type { BotBuilder } from '../bot.ts';
import { AidIndex, type AidSettings, type IndexChange } from '../../domain/aid/index.ts';
import type { Patch } from '../../store/patches.ts';

/** The records a unit's patches touched; null when only a rebuild will do. */
export function indexChanges(patches: readonly Patch[]): IndexChange[] | null {
  const changes: IndexChange[] = [];
  for (const { path } of patches) {
    if (path.length === 0) return null;
    if (path[0] !== 'aid') continue;
    if (path.length === 1) return null;
    const list = path[1];
    if (list !== 'requests' && list !== 'offers') continue;
    if (path.length === 2) return null;
    // A shorter list: positions past its end are taken out by the count.
    if (path[2] === 'length') continue;
    changes.push({ list, position: Number(path[2]) });
  }
  return changes;
}

export function keepAidIndex(bot: BotBuilder, settings: AidSettings): AidIndex {
  const index = new AidIndex(settings);
  bot.onCommit((state, patches) => {
    const changes = patches ? indexChanges(patches) : null;
    try {
      if (changes) return index.update(state.aid, changes);
    } catch (err) {
      // The unit is committed already: an index that could not follow it is built afresh.
      bot.services.log.error({ err }, 'aid index could not follow a change; rebuilt');
    }
    index.rebuild(state.aid);
  });
  return index;
}
