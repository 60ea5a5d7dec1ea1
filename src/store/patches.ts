// Immer, set up once for the whole bot: patches on (units of work are committed as patches),
// auto-freeze off (features keep objects they found in the state; only drafts are changed),
// array methods that skip per-element proxies.
import {
  type Draft,
  applyPatches,
  createDraft,
  enableArrayMethods,
  enablePatches,
  finishDraft,
  isDraft,
  isModified,
  original,
  produce,
  produceWithPatches,
  setAutoFreeze,
} from 'immer';

enablePatches();
setAutoFreeze(false);
// Array methods on drafts read the plain values (a scan of 10,000 requests creates no proxies);
// only the elements a handler goes on to change become drafts.
enableArrayMethods();

/**
 * What a reader may read instead of a draft: the plain committed value when the unit has not
 * changed it (the same content, without a proxy for every record and field read), else the draft.
 */
export function readable<T>(value: T): T {
  return isDraft(value) && !isModified(value) ? (original(value as Draft<T>) as T) : value;
}

export { applyPatches, createDraft, finishDraft, produce, produceWithPatches };
export type { Draft, Patch } from 'immer';
