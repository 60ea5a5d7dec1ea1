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
  pickup: Record<string, string[]>;
  people: {
    elderly: string[];
    child: string[];
    pregnant: string[];
  };
}
