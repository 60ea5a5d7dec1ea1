// The knowledge base as the FAQ engine sees it (plain data; src/config validates the YAML into it).

export const FAQ_TOPICS = [
  'legal_aid',
  'wage_arrears',
  'labor_dispute_mediation',
  'psychological_counseling',
  'workers_home',
  'outdoor_station',
  'service_center',
  'skills_training',
  'union_membership',
  'hotline',
  'work_injury',
  'overtime_pay',
  'contract',
] as const;
export type FaqTopic = (typeof FAQ_TOPICS)[number];

export interface FaqEntry {
  id: string;
  topic: FaqTopic;
  /** Short question shown in a suggestion list. */
  title: string;
  questions: string[];
  keywords: string[];
  /** Reply lines; a line with a {localFact|label} slot is shown only when staff filled that fact. */
  answer: string;
  /** What the facts do not say ("开放时间"): one line tells where to ask, with the missing slots' labels. */
  ask: string[];
  facts: string[];
}

export interface KnowledgeBase {
  entries: FaqEntry[];
  /** canonical term -> variants (synonyms, dialect, typos) rewritten to it before matching. */
  synonyms: Record<string, string[]>;
  outOfScope: {
    /** A question containing one of these is handed off to staff. */
    cues: string[];
    /** A message made only of these (plus punctuation) is handed off too. */
    greetings: string[];
    /** Union or labour matters the knowledge base does not cover: handed to staff unless the
     *  question also names a keyword of a covered topic ("哺乳期被辞退" is still about dismissal). */
    uncovered: string[];
    /** Daily-life matters (装修, 物业, 买菜): off-topic unless a covered topic's keyword is named too. */
    everyday: string[];
  };
}
