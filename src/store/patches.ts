// Immer, set up once for the whole bot: patches on (units of work are committed as patches),
// auto-freeze off (features keep objects they found in the state; only drafts are changed),
// array methods that skip per-element proxies.
import {
  applyPatches,
  createDraft,
  enableArrayMethods,
  enablePatches,
  finishDraft,
  produce,
  produceWithPatches,
  setAutoFreeze,
} from 'immer';

enablePatches();
setAutoFreeze(false);
// Array methods on drafts read the plain values (a scan of 10,000 requests creates no proxies);
// only the elements a handler goes on to change become drafts.
enableArrayMethods();

export { applyPatches, createDraft, finishDraft, produce, produceWithPatches };
export type { Draft, Patch } from 'immer';
