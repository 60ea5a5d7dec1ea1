// The shell around the aid domain: the domain reads a plain view of the unit's state and returns
// what changed and what to say (src/domain/aid/work.ts); this writes the changes into the unit's
// draft and puts the messages in its outbox, so the bot commits both in one store call.
import { current, isDraft } from 'immer';
import { applyAidChanges, attachIndex, indexFor, type AidChanges, type AidOutcome, type AidState } from '../../domain/aid/index.ts';
import type { Outbox } from '../context.ts';

/**
 * The aid state as the domain reads it: plain values with the unit's changes so far (never the
 * draft itself), sharing the index the bot keeps. Cheap when the unit has not changed aid yet.
 */
export function aidView(draft: AidState): AidState {
  const view: AidState = isDraft(draft) ? current(draft) : draft;
  attachIndex(view, indexFor(draft));
  return view;
}

/** Writes an operation's changes into the unit's draft and what it says into the unit's outbox. */
export function applyAid(unit: { state: { aid: AidState }; outbox: Outbox }, outcome: AidOutcome | { changes: AidChanges }): void {
  applyAidChanges(unit.state.aid, outcome.changes);
  if ('effects' in outcome) unit.outbox.effects(outcome.effects);
}
