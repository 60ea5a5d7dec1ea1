// Immer, set up once for the whole bot: patches on (units of work are committed as patches),
// auto-freeze off (features keep objects they found in the state; only drafts are changed).
import { applyPatches, createDraft, enablePatches, finishDraft, produce, produceWithPatches, setAutoFreeze } from 'immer';

enablePatches();
setAutoFreeze(false);

export { applyPatches, createDraft, finishDraft, produce, produceWithPatches };
export type { Draft, Patch } from 'immer';
