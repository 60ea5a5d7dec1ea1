// Item lexicon matcher: longest match of configured words, with name modifiers and child formulations.
import { isMedicine, type Category, type ParsedItem } from '../types.ts';
import type { ItemLexicon } from './lexicon-types.ts';
import { FamilyMatcher } from './families.ts';
import { foldSound } from './fold.ts';
import { findServices } from './services.ts';
import { prepareText } from './prepare.ts';

export interface ItemMatch extends ParsedItem {
  start: number;
  end: number;
  /** Mentioned as taken, broken or missing (吃了布洛芬, 体温计没电了, 没有美林的话), not as the thing asked or offered. */
  narrative: boolean;
}

// A one-character word (米, 面, 梨) only counts between these neighbours: 有米有面, 没菜了, 多的梨吗.
const SINGLE_BEFORE = new Set([...'有没缺求要借点些袋斤包桶碗箱的买个换和或者跟与及、,，。 !！']);
const SINGLE_AFTER = new Set([...'有了吗吧呀啊和或、,，。.!！?？也都的送给来过 ']);
const ASCII_WORD = /^[a-z0-9%]+$/;
const isAsciiChar = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/.test(c);
// 84 (消毒液) and 999 (感冒灵) are items; 84岁, 39度, 84号, 999元 are an age, a temperature, a number, a price.
const NUMBER_WORD = /^\d+$/;
const AFTER_NUMBER = new RegExp(foldSound('^([.\\d]|[岁度℃°楼层室号块元斤个分次天粒片克毫升万千百十栋单点年月周位人户家%]|ml|mg|k)'));
// 宝宝的退烧药, 孩子可以吃的退烧药, 儿童的布洛芬: a child's fever medicine said with a particle.
// Matched on the sound-folded text, so the pattern is folded too (可以 -> 可乙).
const CHILD_BEFORE = new RegExp(
  foldSound('(小儿|儿童|宝宝|婴儿|幼儿|小孩|孩子|娃娃?|小朋友|小宝)(的|吃的|用的|专用的?|可以吃的|能吃的|可以用的|能用的)$'),
);
// 布洛芬片, 对乙酰氨基酚片: an adult tablet keeps its own category even for a child (the contract).
const ADULT_FORM = /(片|胶囊|缓释|泡腾)$/;
const ADULT_FORM_AFTER = /^(片|胶囊|缓释|泡腾)/;

// Things already taken or broken: dropped when another item is left (吃了布洛芬胃疼, 谁有胃药).
const TAKEN_BEFORE = /(吃了?|服了?|服用了?|用了|喝了|请(你|您|大家)?(喝|吃))$/;
const BROKEN_AFTER =
  /^(也|都)?(没电|坏了|摔坏|不准|不好使)|^(吃了|吃过|用了|用过|喝了)(也|都|还)?(不|没)|^(已经|都)?(有了|够了|买到了|借到了)/;
// 没有美林的话布洛芬也行 / 美林没有的话: the first choice, named only as missing; the other item is the ask.
const FALLBACK_BEFORE = /(没有|没得|没)$/;
// A bare 'X的' word (止咳的, 退烧的) names a thing only in a list of choices: 止咳的退烧的都行, 退烧的也行.
const BARE_OK = /^([都也就]?(行|可以|成)|或者?|和|跟|、|[^,，。!！?？\s]{1,4}的[都也就]?(行|可以|成))/;

interface Entry {
  word: string;
  category: Category | null; // null: a phrase that is not an item
}

export class ItemMatcher {
  /** Entries by the UTF-16 code of their first character, longest first. */
  private readonly byFirst = new Map<number, Entry[]>();
  private readonly childPrefixes: string[];
  private readonly childForms: string[];
  private readonly formSuffixes: string[];
  private readonly namePrefixes: string[];
  private readonly families: FamilyMatcher;
  readonly words: string[];

  constructor(lexicon: ItemLexicon) {
    const entries = new Map<string, Entry>();
    for (const [category, words] of Object.entries(lexicon.categories) as [Category, string[]][]) {
      for (const w of words) entries.set(this.key(w), { word: this.key(w), category });
    }
    for (const w of lexicon.notItems) entries.set(this.key(w), { word: this.key(w), category: null });
    for (const e of entries.values()) {
      const list = this.byFirst.get(e.word.charCodeAt(0)) ?? [];
      list.push(e);
      this.byFirst.set(e.word.charCodeAt(0), list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.word.length - a.word.length);
    const byLength = (ws: string[]) => ws.map((w) => this.key(w)).sort((a, b) => b.length - a.length);
    this.childPrefixes = byLength(lexicon.modifiers.childPrefixes);
    this.childForms = byLength(lexicon.modifiers.childForms);
    this.formSuffixes = byLength(lexicon.modifiers.formSuffixes);
    this.namePrefixes = byLength(lexicon.modifiers.namePrefixes);
    this.families = new FamilyMatcher(lexicon.families);
    // The segmenter gets the words as written, not their sound-folded keys.
    const written = [...Object.values(lexicon.categories).flat(), ...lexicon.notItems].map((w) => prepareText(w).norm.trim());
    this.words = [...new Set(written)].filter((w) => w.length > 1);
  }

  /** Matching form of a word: prepared, then sound-alike characters folded (布诺芬 = 布洛芬). */
  private key(word: string): string {
    return foldSound(prepareText(word).norm.trim());
  }

  /** All item mentions in order, `display` and `norm` as from prepareText. */
  match(display: string, prepared: string): ItemMatch[] {
    const norm = foldSound(prepared);
    const out: ItemMatch[] = [];
    let i = 0;
    while (i < norm.length) {
      const hit = this.longestAt(norm, i);
      if (!hit) {
        i++;
        continue;
      }
      const end = i + hit.word.length;
      if (hit.word.endsWith('的') && !BARE_OK.test(prepared.slice(end, end + 8))) {
        i++;
        continue;
      }
      if (hit.category) out.push(this.extend(display, norm, i, end, hit.category, out.at(-1)?.end ?? 0));
      i = Math.max(end, out.at(-1)?.end ?? 0);
    }
    return this.withFamilies(display, norm, out);
  }

  /** Adds medicines known by their form; one that continues a listed name lengthens it (蒲地蓝|消炎片). */
  private withFamilies(display: string, norm: string, listed: ItemMatch[]): ItemMatch[] {
    // One pass marks the listed spans: the family matcher asks about every character.
    const taken = new Uint8Array(norm.length);
    for (const m of listed) taken.fill(1, m.start, m.end);
    const free = (k: number) => taken[k] !== 1;
    const found = this.families.match(norm, free);
    const out = [...listed];
    // 寻人 / 上门帮忙 where no listed service says it already.
    if (!listed.some((m) => m.category === 'help_service')) {
      for (const s of findServices(norm))
        out.push({ name: s.name, category: 'help_service', start: s.start, end: s.end, narrative: false });
    }
    if (found.length === 0) return out.sort((a, b) => a.start - b.start);
    for (const f of found) {
      const before = out.findIndex((m) => m.end === f.start);
      if (before >= 0 && isMedicine(out[before]!.category)) {
        const m = out[before]!;
        out[before] = this.describe(display, norm, m.start, f.end, m.category);
      } else out.push(this.describe(display, norm, f.start, f.end, f.category));
    }
    return out.sort((a, b) => a.start - b.start);
  }

  private longestAt(norm: string, i: number): Entry | undefined {
    const entries = this.byFirst.get(norm.charCodeAt(i));
    if (!entries) return undefined;
    for (const e of entries) {
      if (!norm.startsWith(e.word, i)) continue;
      const before = norm[i - 1];
      const after = norm[i + e.word.length];
      if (ASCII_WORD.test(e.word) && (isAsciiChar(before) || isAsciiChar(after))) continue;
      if (NUMBER_WORD.test(e.word) && (before === '.' || AFTER_NUMBER.test(norm.slice(i + e.word.length, i + e.word.length + 2)))) continue;
      if (e.word.length === 1 && !((before === undefined || SINGLE_BEFORE.has(before)) && (after === undefined || SINGLE_AFTER.has(after))))
        continue;
      return e;
    }
    return undefined;
  }

  private extend(display: string, norm: string, start: number, end: number, category: Category, floor: number): ItemMatch {
    let cat = category;
    const medicine = isMedicine(cat);
    const fever = cat === 'fever_medicine' || cat === 'child_fever_medicine';
    const pre = (medicine ? this.childPrefixes : []).find((p) => start - p.length >= floor && norm.startsWith(p, start - p.length));
    const said = cat === 'fever_medicine' && !pre ? CHILD_BEFORE.exec(norm.slice(floor, start)) : null;
    if (pre) {
      start -= pre.length;
      if (fever) cat = 'child_fever_medicine';
    } else if (said && !ADULT_FORM.test(norm.slice(start, end)) && !ADULT_FORM_AFTER.test(norm.slice(end))) {
      start -= said[0].length;
      cat = 'child_fever_medicine';
    } else {
      const np = this.namePrefixes.find((p) => start - p.length >= floor && norm.startsWith(p, start - p.length));
      if (np) start -= np.length;
    }
    const form = fever ? this.childForms.find((s) => norm.startsWith(s, end)) : undefined;
    if (form) {
      end += form.length;
      cat = 'child_fever_medicine';
    } else if (medicine) {
      const suffix = this.formSuffixes.find((s) => norm.startsWith(s, end));
      if (suffix) end += suffix.length;
    }
    return this.describe(display, norm, start, end, cat);
  }

  /** The mention as cut from the display text, with whether it is only narrated (吃了布洛芬). */
  private describe(display: string, norm: string, start: number, end: number, cat: Category): ItemMatch {
    const before = norm.slice(Math.max(0, start - 3), start);
    const after = norm.slice(end, end + 5);
    const fallback = (FALLBACK_BEFORE.test(before) && /^的话/.test(after)) || /^(没有|没得|没)(的话|就)/.test(after);
    const narrative = TAKEN_BEFORE.test(before) || BROKEN_AFTER.test(after) || fallback;
    return { name: display.slice(start, end).trim(), category: cat, start, end, narrative };
  }
}

// A class name (胃药, 退烧药, 降压药): said beside a product of its class it only describes it
// (需要胃药的邻居,我家有奥美拉唑 / 孕妇能吃的退烧药只有对乙酰氨基酚).
const GENERIC = /^(小儿|儿童|宝宝)?(退烧|退热|止痛|止疼|感冒|止咳|咳嗽|化痰|胃|肠胃|止泻|拉肚子|降压|降糖|消炎)(的)?(药|药片|药水)$/;

/** Unique by name, and without things merely taken or broken when something else is named. */
export function selectItems(matches: ItemMatch[]): ParsedItem[] {
  const some = matches.some((m) => !m.narrative) ? matches.filter((m) => !m.narrative) : matches;
  // 跑腿买东西: one service said in two words.
  const wanted = some.filter(
    (m, k) => !(k > 0 && m.category === 'help_service' && some[k - 1]!.category === 'help_service' && m.start - some[k - 1]!.end <= 1),
  );
  const seen = new Set<string>();
  const out: ParsedItem[] = [];
  for (const m of wanted) {
    if (seen.has(m.name)) continue;
    seen.add(m.name);
    out.push({ name: m.name, category: m.category });
  }
  // Keep the specific name: 五号电池 over 电池, 奥美拉唑 over 胃药 (same category only).
  return out.filter(
    (a) =>
      !out.some(
        (b) =>
          b !== a &&
          b.category === a.category &&
          ((b.name.length > a.name.length && b.name.includes(a.name)) || (GENERIC.test(a.name) && !GENERIC.test(b.name))),
      ),
  );
}
