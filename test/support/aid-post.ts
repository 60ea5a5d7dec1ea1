// A group post as the aid domain sees it, for domain tests that call it directly: a plain
// resident in a building group, with the parser's reading given (the rest of it left empty).
import type { AidPost } from '../../src/domain/aid/index.ts';
import type { MessageAnalysis } from '../../src/domain/types.ts';

const nowhere = { building: null, unit: null, floor: null, room: null };

export interface PostPlace {
  room: string;
  grid: string;
  roomBuilding?: string | null;
}

export function aidPost(id: string, sender: string, text: string, at: Date, place: PostPlace, reading: Partial<MessageAnalysis>): AidPost {
  const analysis: MessageAnalysis = {
    text,
    intent: 'other',
    items: [],
    forWhom: 'unknown',
    location: nowhere,
    urgent: false,
    contextDependent: false,
    pickup: null,
    standing: false,
    delivered: false,
    question: false,
    confidence: 0.9,
    temperature: null,
    ...reading,
  };
  return {
    id,
    text,
    sender,
    senderIsStaff: false,
    room: place.room,
    roomKind: 'building',
    roomBuilding: place.roomBuilding ?? null,
    grid: place.grid,
    quote: null,
    mentionsBot: false,
    at,
    analysis,
    postedLocation: nowhere,
    mentioned: [],
  };
}
