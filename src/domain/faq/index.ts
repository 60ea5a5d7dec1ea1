// Public surface of the union-service FAQ engine.
export { createFaqEngine } from './engine.ts';
export type { Band, Bands, FaqAnswer, FaqEngine, FaqOptions, FaqSuggestion, HandoffReason } from './engine.ts';
export { HANDOFF_REPLY, OFF_TOPIC_REPLY, formatSuggestions } from './replies.ts';
export { renderAnswer, slotKeys, askLine } from './render.ts';
export type { LocalFacts } from './render.ts';
export { FAQ_TOPICS } from './kb.ts';
export type { FaqEntry, FaqTopic, KnowledgeBase } from './kb.ts';
export { createTextPipeline } from './text.ts';
export type { TextPipeline, Features } from './text.ts';
export { groupQuestions, formatQuestionGroups } from './digest.ts';
export type { DigestItem, QuestionGroup } from './digest.ts';
