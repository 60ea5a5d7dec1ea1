// An exchange (我有A,想换B / 用A换B / 谁家有A,我拿B跟你换): which items are asked for and which
// are given. The contract's category is what is needed, so the items asked for come first.
import type { ParsedItem } from '../types.ts';

// Said before an item in its clause, these make it the thing wanted.
const WANT = /求|需要|急需|缺|想要|想换|换点|要|匀|借|谁|有没有|换$|换(一|两|几|点|个|些|\d)*$/;

export interface Exchange {
  wanted: ParsedItem[];
  offered: ParsedItem[];
}

/** `masked` has each item of `items`, in order, replaced by X. */
export function splitExchange(masked: string, items: ParsedItem[]): Exchange {
  const wanted: ParsedItem[] = [];
  const offered: ParsedItem[] = [];
  let k = 0;
  for (const clause of masked.split(/[,，。!！;；?？\s]+/)) {
    const parts = clause.split('X');
    for (let j = 1; j < parts.length && k < items.length; j++, k++) {
      const before = parts.slice(0, j).join('X');
      (WANT.test(before.replace(/X/g, '')) ? wanted : offered).push(items[k]!);
    }
  }
  // 我有A,可以换B said without a want word: the last thing named is what the writer is after.
  if (wanted.length === 0 && offered.length > 1) wanted.push(offered.pop()!);
  return { wanted, offered };
}
