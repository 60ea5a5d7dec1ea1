// A group message as mutual aid sees it.
import type { Location, MessageAnalysis } from '../types.ts';

export interface AidPost {
  id: string;
  text: string;
  sender: string;
  senderIsStaff: boolean;
  room: string;
  roomKind: 'building' | 'grid' | 'other';
  roomBuilding: string | null;
  grid: string | null;
  quote: string | null;
  mentionsBot: boolean;
  at: Date;
  /** Understanding of the text, with location completed from alias and people config. */
  analysis: MessageAnalysis;
  /** Location as visible in the group (text and group alias): safe to repeat there. */
  postedLocation: Location;
  /** Names @-mentioned in the text. */
  mentioned: string[];
}

/** "@林晓雯 我已经…" -> ['林晓雯'] */
export function mentionedNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/@([^\s@\u2005,，:：]{1,20})/g)) names.push(m[1]!);
  return names;
}

const RELAXED = /不急|不着急|不用急|不赶时间|明天(有|给|送|再)?(也行|也可以|都行|都可以)|有空(再|的时候)/;

export const isRelaxed = (text: string): boolean => RELAXED.test(text);
