// Shared vocabulary of the domain: what a message means, as the `linli parse` contract defines it.

export const INTENTS = ['request', 'offer', 'both', 'thanks', 'cancel', 'info', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

export const CATEGORIES = [
  'fever_medicine',
  'child_fever_medicine',
  'cough_medicine',
  'cold_medicine',
  'antigen_test',
  'thermometer',
  'mask',
  'disinfectant',
  'stomach_medicine',
  'other_medicine',
  'food',
  'baby_supplies',
  'daily_supplies',
  'help_service',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The categories that are medicines or medical items (dosed or not). */
const MEDICINE_CATEGORIES: ReadonlySet<Category> = new Set<Category>([
  'fever_medicine',
  'child_fever_medicine',
  'cough_medicine',
  'cold_medicine',
  'stomach_medicine',
  'other_medicine',
]);
export const isMedicine = (c: Category): boolean => MEDICINE_CATEGORIES.has(c);

export const FOR_WHOM = ['elderly', 'child', 'pregnant', 'self', 'unknown'] as const;
export type ForWhom = (typeof FOR_WHOM)[number];

export interface Location {
  building: string | null;
  unit: string | null;
  floor: string | null;
  room: string | null;
}

export interface ParsedItem {
  name: string;
  category: Category;
}

/** Exactly the fields of the `linli parse` contract, in contract order. */
export interface ParseResult {
  text: string;
  intent: Intent;
  items: ParsedItem[];
  forWhom: ForWhom;
  location: Location;
  urgent: boolean;
  contextDependent: boolean;
}

/** What the bot needs beyond the contract to act on a message. */
export interface MessageAnalysis extends ParseResult {
  /** Where a helper leaves or a requester collects the item: 门口, 门把手, 物业, 保安处 ... */
  pickup: string | null;
  /** An offer to anyone who needs it (有需要的来拿, 放保安处自取), not an answer to one request. */
  standing: boolean;
  /** The helper says the item has been handed over or left (送到了, 放门口了). */
  delivered: boolean;
  /** A question back to the thread (几栋? 大人吃的还是孩子吃的?), not a new request. */
  question: boolean;
  /** Calibrated probability that the intent is right (the learned reader's), in [0, 1]. */
  confidence: number;
  /** Body temperature if stated (38.8, 39.5), for escalation messages. */
  temperature: number | null;
  /**
   * The writer's earlier offer has run out (抗原已经被领完了, 我的都送完了): intent stays `other`
   * (the contract has no value for it), this flag lets a caller close the open offer. Not in the contract output.
   */
  exhausted?: boolean;
  /** In an exchange (intent `both`), the items the writer gives; the other items are asked for. */
  offered?: ParsedItem[];
}

/** Hints from outside the text: the sender's group alias, the people config, the room. */
export interface ParseHints {
  senderAlias?: string | null;
  personLocation?: Partial<Location> | null;
  roomBuilding?: string | null;
}

export const emptyLocation = (): Location => ({ building: null, unit: null, floor: null, room: null });
