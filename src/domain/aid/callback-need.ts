// A need a grid worker found on a callback becomes an anonymous request in the person's
// building group; offers on it are routed back to the worker.
import type { Effect } from '../effects.ts';
import { toRoom } from '../effects.ts';
import type { ForWhom, ParsedItem } from '../types.ts';
import type { AidRequest, AidState } from './types.ts';
import { mergeItems, describeItems } from './items.ts';
import { addRequest, sameNeed } from './requests.ts';

export interface CallbackNeed {
  worker: string;
  person: string;
  building: string;
  unit: string | null;
  room: string;
  grid: string | null;
  items: ParsedItem[];
  forWhom: ForWhom;
  urgent: boolean;
  temperature: number | null;
  /** The building group to post in; null when the building has none. */
  groupTopic: string | null;
  at: Date;
}

export function postCallbackNeed(state: AidState, need: CallbackNeed): { request: AidRequest | null; effects: Effect[] } {
  const location = { building: need.building, unit: need.unit, floor: null, room: need.room };
  const existing = sameNeed(state, location, need.items, need.grid);
  if (existing) {
    existing.items = mergeItems(existing.items, need.items);
    existing.onBehalfOf ??= need.person;
    return { request: existing, effects: [] };
  }
  if (!need.groupTopic) return { request: null, effects: [] };
  const req = addRequest(
    state,
    {
      room: need.groupTopic,
      grid: need.grid,
      requester: need.worker,
      onBehalfOf: need.person,
      anonymous: true,
      text: `${need.person}:${describeItems(need.items)}`,
      messageIds: [],
      items: need.items,
      forWhom: need.forWhom,
      location,
      postedLocation: { building: need.building, unit: null, floor: null, room: null },
      urgent: need.urgent,
      relaxed: false,
      temperature: need.temperature,
      pickup: null,
      byStaff: true,
    },
    need.at,
  );
  const who = need.forWhom === 'elderly' || need.forWhom === 'unknown' ? '一位老人' : '一位邻居';
  const text = [
    `【邻里互助】${need.building}号楼${who}${need.urgent ? '急需' : '需要'}${describeItems(need.items)}(网格员代发)。`,
    '家里有富余的邻居请回复"我有",网格员会和您联系。',
  ].join('\n');
  return { request: req, effects: [toRoom(need.groupTopic, text)] };
}
