// How well an offered item answers a requested one: same item, same category, or a
// compatible category that needs a caution (adult fever medicine for a child).
import { isMedicine, type Category, type ParsedItem } from '../types.ts';

export type ItemFit = 'same_item' | 'same_category' | 'compatible' | 'unknown' | 'none';

const FIT_SCORE: Record<ItemFit, number> = { same_item: 4, same_category: 3, compatible: 2, unknown: 1, none: 0 };

/** Offered category -> requested categories it can stand in for (with a caution). */
const COMPATIBLE: Partial<Record<Category, Category[]>> = {
  fever_medicine: ['child_fever_medicine'],
  child_fever_medicine: ['fever_medicine'],
  cold_medicine: ['cough_medicine'],
};

/** A medicine someone takes by dose: not an oximeter or a cooling patch (items.yaml notDosed). */
export const isDosedMedicine = (item: ParsedItem, notDosed: readonly string[]): boolean =>
  isMedicine(item.category) && !notDosed.some((w) => item.name.includes(w));

/** What changes hands in a match: the offered items that answer the request; a bare "我家有" hands over what was asked. */
export function handedOver(requested: ParsedItem[], offered: ParsedItem[]): ParsedItem[] {
  if (offered.length === 0) return requested;
  const answering = offered.filter((o) => requested.some((r) => r.category === o.category || COMPATIBLE[o.category]?.includes(r.category)));
  return answering.length ? answering : offered;
}

/** The "follow the leaflet" line goes on a match only when a dosed medicine changes hands. */
export const needsSafetyLine = (requested: ParsedItem[], offered: ParsedItem[], notDosed: readonly string[]): boolean =>
  handedOver(requested, offered).some((i) => isDosedMedicine(i, notDosed));

const sameName = (a: string, b: string): boolean => a === b || a.includes(b) || b.includes(a);

export function itemFit(requested: ParsedItem[], offered: ParsedItem[]): ItemFit {
  if (requested.length === 0 || offered.length === 0) return 'unknown';
  let best: ItemFit = 'none';
  for (const r of requested) {
    for (const o of offered) {
      let fit: ItemFit = 'none';
      if (r.category === o.category && sameName(r.name, o.name)) fit = 'same_item';
      else if (r.category === o.category) fit = 'same_category';
      else if (COMPATIBLE[o.category]?.includes(r.category)) fit = 'compatible';
      if (FIT_SCORE[fit] > FIT_SCORE[best]) best = fit;
    }
  }
  return best;
}

export const fitScore = (fit: ItemFit): number => FIT_SCORE[fit];

export function sharesCategory(a: ParsedItem[], b: ParsedItem[]): boolean {
  return a.some((x) => b.some((y) => x.category === y.category));
}

/** Items of b not already in a (by name). */
export function mergeItems(a: ParsedItem[], b: ParsedItem[]): ParsedItem[] {
  const out = [...a];
  for (const item of b) if (!out.some((x) => x.name === item.name)) out.push(item);
  return out;
}

export const describeItems = (items: ParsedItem[]): string => items.map((i) => i.name).join('、');
