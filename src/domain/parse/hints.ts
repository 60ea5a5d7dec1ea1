// Filling location fields the text does not state, from the sender's alias and then the people config.
import type { Location, ParseHints } from '../types.ts';
import { locationFromAlias } from './location.ts';

/**
 * Building is filled whenever missing. Unit and room only when the text names neither,
 * and only from a home in the stated building, since a stated room (1单元502的王奶奶) may be someone else's home, not the sender's.
 */
export function applyHints(stated: Location, hints: ParseHints | undefined): Location {
  if (!hints) return stated;
  const sources: Partial<Location>[] = [];
  if (hints.senderAlias) sources.push(locationFromAlias(hints.senderAlias));
  if (hints.personLocation) sources.push(hints.personLocation);
  const loc = { ...stated };
  const homeFree = !stated.unit && !stated.room;
  for (const src of sources) {
    const sameBuilding = !stated.building || !src.building || src.building === stated.building;
    loc.building ??= src.building ?? null;
    if (homeFree && sameBuilding) {
      loc.unit ??= src.unit ?? null;
      loc.room ??= src.room ?? null;
    }
  }
  return loc;
}
