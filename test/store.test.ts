import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LowdbStore } from '../src/store/lowdb-store.ts';
import { MemoryStore } from '../src/store/memory-store.ts';

describe('LowdbStore', () => {
  it('creates its folder, writes the file and reads it back', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'linli-store-')), 'nested', 'linli.json');
    const store = new LowdbStore(file);
    const state = await store.load();
    state.seenMessageIds.push('m1');
    await store.save(state);
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).seenMessageIds).toEqual(['m1']);
    const again = await new LowdbStore(file).load();
    expect(again.seenMessageIds).toEqual(['m1']);
    expect(again.aid.requests).toEqual([]);
  });
});

describe('MemoryStore', () => {
  it('keeps a copy of what was saved, not a live reference', async () => {
    const store = new MemoryStore();
    const state = await store.load();
    state.seenMessageIds.push('a');
    await store.save(state);
    state.seenMessageIds.push('b');
    expect(store.saved?.seenMessageIds).toEqual(['a']);
  });
});
