// Union activity sign-ups: staff post an activity, workers sign up in plain words or a 接龙 list.
export * from './types.ts';
export { interpretSignup, isJielong, jielongLines, jielongName, type SignupIntent } from './interpret.ts';
export { parseActivityPost, isActivityPost, ACTIVITY_TEMPLATE, type ActivityDraft, type FormResult } from './form.ts';
export { parseWhen, formatWhen } from './when.ts';
export * from './ops.ts';
export * from './format.ts';
