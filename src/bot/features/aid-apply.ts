// The shell around the aid domain: the domain reads the unit's state and returns what changed and
// what to say (src/domain/aid/work.ts); this writes the changes into the unit's draft and puts the
// messages in its outbox, so the bot commits both in one store call.
import { applyAidChanges, attachIndex, indexFor, type AidChanges, type AidOutcome, type AidState } from '../../domain/aid/index.ts';
import type { Outbox } from '../context.ts';
import { readable } from '../../store/patches.ts';

/**
 * The aid state as the domain reads it: the unit's draft itself, with the index the bot keeps.
 * Reading a draft is cheap (array methods read the plain values) and the domain never writes what
 * it reads (test/aid/frozen-state.test.ts). A copy (Immer's `current`) would copy every record of
 * a changed draft: 18× the cost of a message at 10,000 open requests.
 */
export function aidView(draft: AidState): AidState {
  const index = indexFor(draft);
  // Unchanged so far in this unit (most messages, every quiet job run): the committed state
  // itself, read without Immer's proxies; otherwise the draft, which shows the unit's changes.
  const view = readable(draft);
  attachIndex(view, index);
  return view;
}

/** Writes an operation's changes into the unit's draft and what it says into the unit's outbox. */
export function applyAid(unit: { state: { aid: AidState }; outbox: Outbox }, outcome: AidOutcome | { changes: AidChanges }): void {
  const aid = unit.state.aid;
  // Compared with the committed records while the unit has not changed them, written to the draft.
  applyAidChanges(aid, outcome.changes, readable(aid));
  if ('effects' in outcome) unit.outbox.effects(outcome.effects);
}
