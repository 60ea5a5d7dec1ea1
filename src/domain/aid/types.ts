// Mutual-aid records: requests that neighbours post, offers that answer them, and the stock
// left at pickup points.
import type { ForWhom, Location, ParsedItem } from '../types.ts';

export type RequestStatus = 'open' | 'matched' | 'fulfilled' | 'cancelled' | 'expired';

export interface OfferLink {
  helper: string;
  /** Group the offer was made in (a grid group, for a relayed request); absent in old state. */
  room?: string;
  at: string;
  text: string;
  items: ParsedItem[];
  pickup: string | null;
  delivered: boolean;
  /** The message that made the offer (absent in old state and for standing offers): a recall finds it. */
  messageId?: string;
}

export interface AidRequest {
  id: string;
  /** Topic of the group it was posted in (or posted to, for callback needs). */
  room: string;
  grid: string | null;
  requester: string;
  /** Roster person a grid worker asked for; private, never shown in a group. */
  onBehalfOf: string | null;
  /** Posted by the bot without naming anyone (needs found on a callback). */
  anonymous: boolean;
  text: string;
  messageIds: string[];
  items: ParsedItem[];
  forWhom: ForWhom;
  /** Everything known: message, group alias, people config, room's building. */
  location: Location;
  /** Only what was visible in the group (message text or group alias): safe to repeat there. */
  postedLocation: Location;
  urgent: boolean;
  /** The requester said it can wait (不急, 明天也行): no timed relay. */
  relaxed: boolean;
  temperature: number | null;
  pickup: string | null;
  /** Posted by a grid worker or admin, who handles escalation themselves. */
  byStaff: boolean;
  createdAt: string;
  updatedAt: string;
  /** Last time the requester posted to the thread (helpers' offers do not count); absent in old state. */
  askedAt?: string;
  status: RequestStatus;
  offers: OfferLink[];
  helper: string | null;
  delivered: boolean;
  escalatedToGridAt: string | null;
  escalatedToWorkerAt: string | null;
  expiryNotified: boolean;
  closedAt: string | null;
}

export interface StandingOffer {
  id: string;
  room: string;
  grid: string | null;
  helper: string;
  items: ParsedItem[];
  pickup: string | null;
  text: string;
  createdAt: string;
  active: boolean;
  /** The message that made it (absent in old state): a recall withdraws it. */
  messageId?: string;
}

export interface PickupStock {
  name: string;
  grid: string | null;
  stock: Record<string, number>;
}

export interface AidState {
  requests: AidRequest[];
  offers: StandingOffer[];
  stock: PickupStock[];
  nextId: number;
  /** Names seen posting in each group (topic -> names, latest last): who an @-mention reaches. */
  speakers: Record<string, string[]>;
}

export const emptyAidState = (): AidState => ({ requests: [], offers: [], stock: [], nextId: 1, speakers: {} });

export const isOpen = (r: AidRequest): boolean => r.status === 'open' || r.status === 'matched';
