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
  answer: string;
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
  };
}
