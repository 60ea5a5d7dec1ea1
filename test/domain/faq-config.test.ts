import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase, watchKnowledgeBase } from '../../src/config/load-faq.ts';
import type { KnowledgeBase } from '../../src/config/faq-schema.ts';
import { loadMainConfig } from '../../src/config/load.ts';
import { slotKeys } from '../../src/domain/faq/index.ts';

const CONFIG = join(import.meta.dirname, '../../config');
const dirs: string[] = [];

function tempConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-faq-'));
  dirs.push(dir);
  for (const f of ['faq.yaml', 'faq-synonyms.yaml']) cpSync(join(CONFIG, f), join(dir, f));
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('loadKnowledgeBase', () => {
  it('loads the shipped config with titles filled in', () => {
    const kb = loadKnowledgeBase(CONFIG);
    expect(kb.entries.length).toBeGreaterThan(13);
    for (const e of kb.entries) expect(e.title.length).toBeGreaterThan(0);
    expect(kb.synonyms['欠薪']).toContain('拖欠工资');
    expect(kb.outOfScope.cues).toContain('布洛芬');
  });

  it('every local-fact slot an answer uses is listed in linli.yaml, so staff fill them in one place', () => {
    const facts = loadMainConfig(CONFIG).faq.localFacts;
    const used = new Set(loadKnowledgeBase(CONFIG).entries.flatMap((e) => slotKeys(e.answer)));
    expect(used.size).toBeGreaterThan(3);
    for (const key of used) expect(Object.keys(facts), key).toContain(key);
    // Shipped empty: nothing local is claimed until staff fill it in.
    for (const [key, value] of Object.entries(facts)) expect(value, key).toBe('');
  });

  it('rejects a wrong topic naming the file and the key path', () => {
    const dir = tempConfig();
    const file = join(dir, 'faq.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('topic: wage_arrears', 'topic: wages'));
    expect(() => loadKnowledgeBase(dir)).toThrowError(/faq\.yaml[\s\S]*entries\[\d+\]\.topic/);
  });

  it('rejects an answer with 24小时 or a local phone number', () => {
    const dir = tempConfig();
    const file = join(dir, 'faq.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('服务理念是"一切为了职工群众"。', '24小时开放,电话0535-6666666。'));
    expect(() => loadKnowledgeBase(dir)).toThrowError(/entries\[\d+\]\.answer/);
  });

  it('rejects a file that is not YAML, naming the file', () => {
    const dir = tempConfig();
    writeFileSync(join(dir, 'faq-synonyms.yaml'), 'synonyms: [unclosed');
    expect(() => loadKnowledgeBase(dir)).toThrowError(/faq-synonyms\.yaml/);
  });
});

describe('watchKnowledgeBase', () => {
  it('reloads an edit and keeps the old KB on a broken edit', async () => {
    const dir = tempConfig();
    const file = join(dir, 'faq.yaml');
    const reloads: KnowledgeBase[] = [];
    const errors: Error[] = [];
    const stop = watchKnowledgeBase(
      dir,
      (kb) => reloads.push(kb),
      (e) => errors.push(e),
      50,
    );
    try {
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.replace('服务理念是"一切为了职工群众"。', '服务理念是"一切为了职工群众"(已更新)。'));
      for (let i = 0; i < 40 && reloads.length === 0; i++) await wait(50);
      expect(reloads.length).toBe(1);
      expect(reloads[0].entries.find((e) => e.id === 'service-center-about')?.answer).toContain('已更新');

      writeFileSync(file, original.replace('topic: contract', 'topic: nonsense'));
      for (let i = 0; i < 40 && errors.length === 0; i++) await wait(50);
      expect(errors.length).toBe(1);
      expect(errors[0].message).toMatch(/faq\.yaml[\s\S]*topic/);
      expect(reloads.length).toBe(1);
    } finally {
      stop();
    }
  });
});
