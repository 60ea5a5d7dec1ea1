// Shape of config/items.yaml: the item lexicon staff edit without touching code.
import { z } from 'zod';
import { CATEGORIES } from '../domain/types.ts';
import type { ItemLexicon } from '../domain/parse/lexicon-types.ts';

const word = z.string().trim().min(1, 'must be a non-empty word');
const words = z.array(word);

const categoryShape = Object.fromEntries(CATEGORIES.map((c) => [c, words.min(1, 'needs at least one word')])) as {
  [K in (typeof CATEGORIES)[number]]: z.ZodArray<typeof word>;
};

export const itemLexiconSchema = z.strictObject({
  categories: z.strictObject(categoryShape),
  notItems: words.default([]),
  modifiers: z
    .strictObject({
      childPrefixes: words.default([]),
      childForms: words.default([]),
      formSuffixes: words.default([]),
      namePrefixes: words.default([]),
    })
    .default({ childPrefixes: [], childForms: [], formSuffixes: [], namePrefixes: [] }),
  families: z
    .strictObject({
      medicineForms: words.default([]),
      ambiguousForms: words.default([]),
      drugSyllables: z.string().default(''),
      drugMarkers: z.string().default(''),
      drugEndings: words.default([]),
      medicineClasses: z.partialRecord(z.enum(CATEGORIES), words).default({}),
      herbs: words.default([]),
      notMedicine: words.default([]),
    })
    .default({
      medicineForms: [],
      ambiguousForms: [],
      drugSyllables: '',
      drugMarkers: '',
      drugEndings: [],
      medicineClasses: {},
      herbs: [],
      notMedicine: [],
    }),
  pickup: z.record(word, words).default({}),
  people: z
    .strictObject({
      elderly: words.default([]),
      child: words.default([]),
      pregnant: words.default([]),
    })
    .default({ elderly: [], child: [], pregnant: [] }),
});

/**
 * The whole of config/items.yaml: the parser's lexicon plus the block mutual aid reads.
 * notDosed: words for medicine-category things nobody doses (an oximeter, a cooling patch);
 * a match for them carries no "follow the leaflet" safety line.
 */
export const itemsFileSchema = itemLexiconSchema.extend({
  notDosed: words.default([]),
});

export type { ItemLexicon };

// Compile-time check: what the schema validates is exactly what the parser expects.
type Validated = z.infer<typeof itemLexiconSchema>;
const sameShape: [Validated] extends [ItemLexicon] ? ([ItemLexicon] extends [Validated] ? true : false) : false = true;
void sameShape;
