// Items no list names, recognised by their form: a medicine by its dosage form (…胶囊, …颗粒, …片)
// or by the syllables of a transliterated drug name (萘普生, 奥司他韦, 孟鲁司特钠), a class of medicine
// by what it treats (过敏药, 治痛风的药). The word lists live in config/items.yaml (`families`).
// Matching runs on the sound-folded text (酚 -> 芬), so every word list is folded the same way.
import type { Category } from '../types.ts';
import type { ItemFamilies } from './lexicon-types.ts';
import { foldSound } from './fold.ts';

export interface FamilyMatch {
  start: number;
  end: number;
  category: Category;
}

// Characters that never sit inside a medicine's name: verbs, particles, pronouns, numbers, measure words.
// Sets of UTF-16 codes: asked about every character of a post, and a code needs no string.
const codes = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const BOUNDARY = codes(
  '有要求借买送给换缺找用吃拿的了吗呢吧啊呀哦嘛我你她谁家里这那些点个盒板瓶支包袋一二两三四五六七八九十几多少还也都就在是和或跟与及把被让请帮能可会想去来上下没不很太好再又才刚已X□,，。!！?？、;；:：~～…()（）"\'“”‘’ 0123456789',
);
const MAX_STEM = 6;
const NUMERAL = codes('一二两三四五六七八九十');
const MEASURE = codes('个盒板瓶支粒片包袋点颗次块斤瓶罐箱只位天');
const DE = '的'.charCodeAt(0);
// A stem with one of these says what the medicine treats: 过敏药, 止痒膏, 治痛风的药.
const TREATS = new RegExp(
  foldSound('治|止|降|抗|消|退|炎|疼|痛|痒|喘|压|糖|脂|眠|敏|吐|泻|烧|热|咳|痰|晕|解毒|便秘|心脏|痛风|哮|湿疹|溃疡|痔'),
);
const MEDICINE_WORD = /^(的)?(药|药片|药水|药膏)$/;
const PERSON = /孩子|宝宝|小孩|老人|大人|老公|老婆|爸|妈|奶奶|爷爷|我|你|他|她/;
const VERB_BEFORE_MEDICINE = /^(买|吃|送|拿|取|配|开|找|求|换|用|喝|抓|上|服|备|囤|缺|要|借|给|寄|带|擦|涂|抹|喂)$/;

export class FamilyMatcher {
  private readonly forms: string[];
  /** The last characters of the dosage forms. */
  private readonly formEnds: Set<string>;
  private readonly ambiguous: Set<string>;
  private readonly syllables: Set<string>;
  private readonly markers: Set<string>;
  private readonly endings: string[];
  private readonly classes: [Category, string[]][];
  private readonly notMedicine: string[];
  private readonly herbs: string[];

  constructor(f: ItemFamilies) {
    const fold = (ws: string[]) => ws.map((w) => foldSound(w));
    this.forms = fold(f.medicineForms).sort((a, b) => b.length - a.length);
    this.formEnds = new Set(this.forms.map((w) => w.at(-1)!));
    this.ambiguous = new Set(fold(f.ambiguousForms));
    this.syllables = new Set(foldSound(f.drugSyllables + f.drugMarkers));
    this.markers = new Set(foldSound(f.drugMarkers));
    this.endings = fold(f.drugEndings);
    this.herbs = fold(f.herbs);
    this.classes = (Object.entries(f.medicineClasses) as [Category, string[]][]).map(([c, ws]) => [c, fold(ws)]);
    this.notMedicine = fold(f.notMedicine);
  }

  /** Medicines in `norm` outside the spans already taken (`free(i)` is false inside a listed item). */
  match(norm: string, free: (i: number) => boolean): FamilyMatch[] {
    const out: FamilyMatch[] = [];
    // Whether each character may sit inside a name, worked out once: `at` asks about each many times.
    const inside = new Uint8Array(norm.length);
    for (let k = 0; k < norm.length; k++) inside[k] = this.inside(norm, k) ? 1 : 0;
    let i = 0;
    while (i < norm.length) {
      const hit = free(i) ? this.at(norm, i, free, inside) : null;
      if (hit) {
        out.push(hit);
        i = hit.end;
      } else i++;
    }
    return out;
  }

  private at(norm: string, i: number, free: (i: number) => boolean, inside: Uint8Array): FamilyMatch | null {
    if (i > 0 && inside[i - 1] === 1 && free(i - 1)) return null; // names start after a boundary
    if (inside[i] !== 1) return null;
    // 头孢|克肟: syllables right after a listed medicine continue its name.
    const continuing = i > 0 && !free(i - 1);
    let end = i;
    while (end < norm.length && end - i < MAX_STEM + 4 && free(end) && inside[end] === 1) end++;
    // Spans from i that are all drug syllables end at or before `syllablesTo`. A span that neither
    // ends in a form's last character nor is all syllables can match nothing: skipped unread.
    let syllablesTo = i;
    while (syllablesTo < end && this.syllables.has(norm[syllablesTo]!)) syllablesTo++;
    // Try the longest span that ends in a dosage form or is a drug name.
    for (let stop = end; stop > i + (continuing ? 0 : 1); stop--) {
      if (stop > syllablesTo && !this.formEnds.has(norm[stop - 1]!)) continue;
      const span = norm.slice(i, stop);
      if (this.notMedicine.some((w) => span.endsWith(w) || span.startsWith(w))) continue;
      const form = this.forms.find((s) => span.endsWith(s) && span.length > s.length);
      if (form) {
        const stem = span.slice(0, -form.length).replace(/的$/, '');
        if (stem.length === 0 || stem.length > MAX_STEM) continue;
        if (!this.stemFits(stem, form)) continue;
        return { start: i, end: stop, category: this.classOf(span) };
      }
      if (
        this.isDrugName(span) ||
        (continuing && [...span].every((c) => this.syllables.has(c)) && [...span].some((c) => this.markers.has(c)))
      ) {
        return { start: i, end: stop, category: this.classOf(span) };
      }
    }
    return null;
  }

  // 治咳嗽的药, 退热的颗粒: a 的 right before a dosage form stays inside the name; 六味地黄丸: a numeral not counting something too.
  private inside(norm: string, k: number): boolean {
    const c = norm.charCodeAt(k);
    if (!BOUNDARY.has(c)) return true;
    if (c === DE) return this.forms.some((f) => norm.startsWith(f, k + 1));
    // charCodeAt past the end is NaN: in neither set.
    const next = norm.charCodeAt(k + 1);
    return NUMERAL.has(c) && !MEASURE.has(next) && !NUMERAL.has(next);
  }

  /** 蒲地蓝消炎|片, 六味地黄|丸 count; 照|片, 肉|丸 do not (the lists and the stem rules keep them out). */
  private stemFits(stem: string, form: string): boolean {
    if (PERSON.test(stem)) return false; // 孩子吐药: who took it, not what it is
    if (MEDICINE_WORD.test(form)) return TREATS.test(stem) && !VERB_BEFORE_MEDICINE.test(stem);
    if (!this.ambiguous.has(form)) return stem.length >= 1 && !VERB_BEFORE_MEDICINE.test(stem);
    // 片, 丸, 贴, 膏 also end everyday words: the stem must look like a medicine's.
    return (
      TREATS.test(stem) ||
      this.herbs.some((h) => stem.includes(h)) ||
      this.isDrugName(stem) ||
      (stem.length >= 3 && [...stem].every((c) => this.syllables.has(c)))
    );
  }

  /** A transliterated drug name: its syllables only, with a marker character or a drug-name ending. */
  private isDrugName(span: string): boolean {
    if (span.length < 3 || ![...span].every((c) => this.syllables.has(c))) return false;
    if (span.startsWith('他') || span.startsWith('地')) return false; // 给他阿莫西林: 他 is the pronoun
    return [...span].some((c) => this.markers.has(c)) || this.endings.some((e) => span.endsWith(e) || span.slice(0, -1).endsWith(e));
  }

  private classOf(span: string): Category {
    for (const [category, words] of this.classes) if (words.some((w) => span.includes(w))) return category;
    return 'other_medicine';
  }
}
