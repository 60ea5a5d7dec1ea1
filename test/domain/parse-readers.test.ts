// The learned readers and their training texts: the corpus is the project's own (no dev-set line
// leaks into it), training is deterministic, and the shipped temperatures still calibrate the models.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { createParser } from '../../src/domain/parse/index.ts';
import { CONTEXT_TEMPERATURE, INTENT_TEMPERATURE } from '../../src/domain/parse/readers.ts';
import { parseCorpus, trainingPosts } from '../../src/domain/parse/training/index.ts';
import { CORPUS } from '../../src/domain/parse/training/corpus.ts';
import { INTENTS } from '../../src/domain/types.ts';
import { sharedFiles } from '../support/shared.ts';

const root = resolve(import.meta.dirname, '../..');
const lexicon = loadItemLexicon(resolve(root, 'config'));

/** Text with spaces and punctuation dropped, for comparing wording. */
const bare = (t: string) => t.replace(/[\s\p{P}\p{S}]/gu, '');

describe('the training corpus', () => {
  const posts = parseCorpus(CORPUS);

  it('reads every line, and every intent and both context values are taught', () => {
    expect(posts.length).toBeGreaterThan(1000);
    for (const intent of INTENTS) expect(posts.filter((p) => p.intent === intent).length, intent).toBeGreaterThan(40);
    expect(posts.filter((p) => p.contextDependent).length).toBeGreaterThan(200);
    expect(() => parseCorpus('Q1 不是一个意图')).toThrow(/line 0/);
  });

  it('shares no wording with any labelled dev-set line (no run of 10 characters)', () => {
    const files = sharedFiles('devset', '.jsonl');
    expect(files.length).toBeGreaterThan(0);
    const runs = new Set<string>();
    for (const f of files) {
      for (const line of readFileSync(f, 'utf8').split('\n').filter(Boolean)) {
        const row = JSON.parse(line) as { text?: string; question?: string };
        const t = bare(row.text ?? row.question ?? '');
        for (let i = 0; i + 10 <= t.length; i++) runs.add(t.slice(i, i + 10));
      }
    }
    const leaks = trainingPosts().filter((p) => {
      const t = bare(p.text);
      for (let i = 0; i + 10 <= t.length; i++) if (runs.has(t.slice(i, i + 10))) return true;
      return false;
    });
    expect(leaks.map((p) => p.text)).toEqual([]);
  });
});

describe('the learned readers', () => {
  it('train the same way every time', () => {
    const parser = createParser(lexicon);
    const again = createParser(structuredClone(lexicon));
    expect(again).toBe(parser); // one training per lexicon and process
    const text = '我家有点小米椒,谁要';
    expect(parser.parse(text).confidence).toBe(parser.parse(text).confidence);
  });

  it('ship temperatures close to the ones the training posts fit today', () => {
    // Refit on held-out folds of the same examples the parser trains on.
    const { intent: intentT, context: contextT } = createParser(lexicon).fitTemperatures();
    expect(Math.abs(intentT - INTENT_TEMPERATURE), `intent temperature now ${intentT}`).toBeLessThan(0.4);
    expect(Math.abs(contextT - CONTEXT_TEMPERATURE), `context temperature now ${contextT}`).toBeLessThan(0.6);
  }, 60_000);
});
