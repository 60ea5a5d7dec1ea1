// The item lexicon as the parser uses it. config/items.yaml is validated into this shape by
// src/config/items-schema.ts; the domain only knows the plain type.
import type { Category } from '../types.ts';

export interface ItemLexicon {
  categories: Record<Category, string[]>;
  notItems: string[];
  modifiers: {
    childPrefixes: string[];
    childForms: string[];
    formSuffixes: string[];
    namePrefixes: string[];
  };
  families: ItemFamilies;
  pickup: Record<string, string[]>;
  people: {
    elderly: string[];
    child: string[];
    pregnant: string[];
  };
}

/** How items no list names are recognised by their form (config/items.yaml `families`). */
export interface ItemFamilies {
  /** Dosage forms that end a medicine's name: 胶囊, 颗粒, 口服液, 片 ... */
  medicineForms: string[];
  /** Forms that also end everyday words (照片, 肉丸): they need a medicine-like stem. */
  ambiguousForms: string[];
  /** Characters of transliterated drug names (阿莫西林, 奥司他韦), as one string. */
  drugSyllables: string;
  /** Characters found almost only in drug names (萘, 酚, 唑), as one string. */
  drugMarkers: string;
  /** Endings of drug names (他韦, 沙星, 西林). */
  drugEndings: string[];
  /** Words in a medicine's name that place it in a class (退烧 -> fever_medicine); otherwise other_medicine. */
  medicineClasses: Partial<Record<Category, string[]>>;
  /** Herbs and words of traditional medicines' names (牛黄, 地黄, 丹参): 牛黄解毒片 is a medicine, 照片 is not. */
  herbs: string[];
  /** Words that end in a dosage form and are not medicines (照片, 牙膏, 消防栓). */
  notMedicine: string[];
}
