// The open requests both store benches seed: spread over 40 building groups, waiting quietly
// (relaxed: no relays), so the figures are about reading and writing, not sending.
import { freshRequestFields } from '../src/domain/aid/requests.ts';
import type { AidRequest } from '../src/domain/aid/types.ts';

export function seededOpenRequest(i: number, at: Date): AidRequest {
  const loc = { building: String((i % 40) + 1), unit: null, floor: null, room: null };
  return {
    id: `R${i}`,
    room: `楼群${i % 40}`,
    grid: '楚凤一网格',
    requester: `居民${i}`,
    onBehalfOf: null,
    anonymous: false,
    text: '谁家有布洛芬',
    messageIds: [`seed-${i}`],
    items: [{ name: '布洛芬', category: 'fever_medicine' }],
    forWhom: 'unknown',
    location: loc,
    postedLocation: loc,
    urgent: false,
    relaxed: true,
    temperature: null,
    pickup: null,
    byStaff: false,
    ...freshRequestFields(at.toISOString()),
  };
}
