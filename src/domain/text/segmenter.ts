// Chinese word segmentation with @node-rs/jieba plus the domain's own words.
// The base dictionary takes ~250 ms to load, so one instance is shared per word list.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

export interface Segmenter {
  cut(text: string): string[];
}

const cache = new Map<string, Segmenter>();

/** Words are added with a high frequency so that jieba keeps them whole. */
export function createSegmenter(userWords: Iterable<string> = []): Segmenter {
  const words = [...new Set([...userWords].map((w) => w.trim()).filter((w) => w && !/\s/.test(w)))].sort();
  const key = words.join('\n');
  const hit = cache.get(key);
  if (hit) return hit;
  const jieba = Jieba.withDict(dict);
  if (words.length > 0) {
    const userDict = words.map((w) => `${w} 100000 n`).join('\n');
    jieba.loadDict(new TextEncoder().encode(userDict));
  }
  const segmenter: Segmenter = { cut: (text) => jieba.cut(text, true).filter((t) => t.trim() !== '') };
  cache.set(key, segmenter);
  return segmenter;
}
