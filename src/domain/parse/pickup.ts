// Where a thing is left or collected (门口, 门把手, 保安处 ...), normalised to the config's short name.
import type { ItemLexicon } from './lexicon-types.ts';

export class PickupReader {
  private readonly words: [string, string][];

  constructor(pickup: ItemLexicon['pickup']) {
    this.words = Object.entries(pickup)
      .flatMap(([name, words]) => [name, ...words].map((w) => [w.toLowerCase(), name] as [string, string]))
      .sort((a, b) => b[0].length - a[0].length);
  }

  /** The first place mentioned; the longest word wins at a position (菜鸟驿站 over 驿站). */
  read(norm: string): string | null {
    let best: { at: number; name: string } | null = null;
    for (const [word, name] of this.words) {
      const at = norm.indexOf(word);
      if (at >= 0 && (!best || at < best.at)) best = { at, name };
    }
    return best?.name ?? null;
  }
}
