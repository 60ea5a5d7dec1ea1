// What a person needs (缺X, 没有X了, 想要X, 家里没人能出门买药) and what was brought to
// them (我从领取处拿了送过去了, 儿子给买了), read item by item so that 有退烧药,没有体温计
// asks for the thermometer only.
import { chineseNumberToInt } from '../text/normalize.ts';
import { isMedicine, type ParsedItem } from '../types.ts';
import type { Clause } from './call-outcome.ts';
import { proxyBefore } from './call-outcome.ts';
import type { Delivery } from './types.ts';
import {
  COUNT_RE,
  DELIVERED_RE,
  DONE_AFTER,
  DONE_BEFORE,
  ERRAND_GENERIC,
  ERRAND_RE,
  NEED_AFTER_CUE,
  NEED_AFTER_ITEM,
  NEED_BEFORE_ITEM,
  NEED_MET_RE,
  NEED_RE,
  NO_NEED_RE,
  PICKUP_RE,
  fallbackItems,
} from './vocabulary.ts';

export type ExtractItems = (text: string) => ParsedItem[];

export interface NeedReading {
  needs: ParsedItem[];
  /** A medicine is missing (缺药, 没有退烧药). */
  noMedicine: boolean;
  /** A clause says a need is met or there is none (药够吃, 什么都不缺). */
  met: boolean;
}

/** 买药 -> 帮忙买药; 买降压药 -> 降压药 (a neighbour may have one); null when nothing fits. */
function errandItems(what: string, extractItems: ExtractItems): ParsedItem[] {
  const word = what.replace(/^(?:点儿?|些|个)/, '').replace(/(?:了|的话|呢|啊|呀)$/, '');
  const generic = Object.keys(ERRAND_GENERIC).find((k) => word.startsWith(k));
  if (generic) return [{ name: ERRAND_GENERIC[generic]!, category: 'help_service' }];
  const items = extractItems(word);
  return items.length ? items : [{ name: `帮忙买${word}`, category: 'help_service' }];
}

/** What runs out, read alone when the whole clause hides it from the lexicon: 家里米快没了 -> 米. */
function wordBeforeCue(clause: string, extractItems: ExtractItems): ParsedItem[] {
  for (const m of clause.matchAll(NEED_AFTER_CUE)) {
    const head = clause.slice(0, m.index);
    for (const len of [3, 2, 1]) {
      if (head.length < len) continue;
      const items = extractItems(head.slice(-len));
      if (items.length) return items;
    }
  }
  return [];
}

/** Whether the words around an item ask for it: 缺X, 没有X了, X也快吃完了. */
function askedFor(clause: string, item: ParsedItem): boolean | null {
  const i = clause.indexOf(item.name);
  if (i < 0) return null;
  const before = clause.slice(Math.max(0, i - 6), i);
  if (/不缺|不需要|不用|不要|没缺|不想要/.test(before)) return false;
  return NEED_BEFORE_ITEM.test(before) || NEED_AFTER_ITEM.test(clause.slice(i + item.name.length, i + item.name.length + 8));
}

export function readNeeds(clauses: readonly Clause[], extractItems: ExtractItems): NeedReading {
  const needs = new Map<string, ParsedItem>();
  let noMedicine = false;
  let met = false;
  for (const { text: clause } of clauses) {
    if (NEED_MET_RE.test(clause)) {
      met = true;
      continue;
    }
    if (NO_NEED_RE.test(clause)) {
      met = true;
      continue;
    }
    const errand = ERRAND_RE.exec(clause);
    const errandSpan = errand ? [errand.index, errand.index + errand[0].length] : null;
    if (errand) for (const item of errandItems((errand[1] ?? errand[2] ?? errand[3])!, extractItems)) needs.set(item.name, item);

    const found = extractItems(clause).filter((item) => {
      const i = clause.indexOf(item.name);
      return !(errandSpan && i >= errandSpan[0] && i < errandSpan[1]);
    });
    const asksInClause = NEED_RE.test(clause);
    for (const item of found) {
      const asked = askedFor(clause, item);
      if (asked === true || (asked === null && asksInClause)) needs.set(item.name, item);
    }
    if (found.length === 0 && !errand && asksInClause) {
      const before = wordBeforeCue(clause, extractItems);
      for (const item of before.length ? before : fallbackItems(clause)) needs.set(item.name, item);
    }
    if (asksInClause && /没药|缺药|断药|药吃完|药没了/.test(clause)) noMedicine = true;
  }
  for (const n of needs.values()) if (isMedicine(n.category)) noMedicine = true;
  return { needs: [...needs.values()], noMedicine, met };
}

/** Words naming what was brought, without naming an item: 药送过去了, 东西放门口了. */
const GENERIC_GOODS = /药|东西|菜|吃的|物资|米|面/;

/**
 * Something brought to the person: what (named, or null for "the open needs"), by whom
 * ('worker' when the worker says 我, or when it came from the pickup point), and how many.
 */
export function readDelivery(
  text: string,
  clauses: readonly Clause[],
  extractItems: ExtractItems,
  pickupNames: readonly string[] = [],
): Delivery | null {
  const fromPickup = PICKUP_RE.test(text) || pickupNames.some((n) => n && text.includes(n));
  const workerSpeaks = /我|俺|咱/.test(text);
  for (const [k, { text: clause, start }] of clauses.entries()) {
    for (const m of clause.matchAll(DELIVERED_RE)) {
      const head = clause.slice(0, m.index);
      if (/(?:没|没有|还没|没人|不)$/.test(head)) continue;
      // 我下午给她送过去 is a plan: only 送过去了 / 已经送了 is a delivery.
      const done = DONE_AFTER.test(clause.slice(m.index + m[0].length)) || /了$/.test(m[0]) || DONE_BEFORE.test(head);
      if (!done) continue;
      let items = extractItems(clause);
      // 退烧药我拿了,送过去了: the item is in the clause before.
      if (items.length === 0 && k > 0) items = extractItems(clauses[k - 1]!.text);
      if (items.length === 0 && !GENERIC_GOODS.test(clause) && !(k > 0 && GENERIC_GOODS.test(clauses[k - 1]!.text))) continue;
      const proxy = proxyBefore(clause, m.index);
      const self = /我|俺|咱/.test(head);
      const by = self ? 'worker' : (proxy ?? (workerSpeaks || fromPickup ? 'worker' : null));
      const count = COUNT_RE.exec(text.slice(0, start + clause.length));
      return {
        items,
        by,
        fromPickup: fromPickup && by === 'worker',
        count: count ? (chineseNumberToInt(count[1]!) ?? (Number(count[1]) || 1)) : 1,
        bought: /买/.test(m[0]),
      };
    }
  }
  return null;
}
