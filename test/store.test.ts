// The stores: units of work committed as patches, read back after a restart, bad files refused.
import { appendFileSync, existsSync, mkdtempSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { produceWithPatches } from '../src/store/patches.ts';
import { describe, expect, it } from 'vitest';
import { emptyState, type BotState } from '../src/store/state.ts';
import { FileStore } from '../src/store/file-store.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { StateFileError, type StateStore } from '../src/store/types.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'linli-store-'));

/** One unit of work, as the bot commits it. */
async function change(store: StateStore, state: BotState, recipe: (s: BotState) => void): Promise<BotState> {
  const [next, patches] = produceWithPatches(state, (d) => void recipe(d as BotState));
  await store.commit(next, patches);
  return next;
}

describe('FileStore', () => {
  it('creates its folder, commits units to the journal and reads them back after a restart', async () => {
    const file = join(folder(), 'nested', 'linli.json');
    const store = new FileStore(file);
    let state = await store.load();
    state = await change(store, state, (s) => void s.seenMessageIds.push('m1'));
    state = await change(store, state, (s) => void s.callbackEscalations.push('r1:2022-12-20'));
    expect(existsSync(file)).toBe(true);
    // The snapshot has not been rewritten: the units are in the journal only.
    expect(JSON.parse(readFileSync(file, 'utf8')).state.seenMessageIds).toEqual([]);
    expect(
      readFileSync(file.replace(/\.json$/, '.journal'), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(2);
    const again = await new FileStore(file).load();
    expect(again.seenMessageIds).toEqual(['m1']);
    expect(again.callbackEscalations).toEqual(['r1:2022-12-20']);
  });

  it('creates its files readable by the owner only', async () => {
    const file = join(folder(), 'linli.json');
    const store = new FileStore(file);
    const state = await store.load();
    await change(store, state, (s) => void s.seenMessageIds.push('m1'));
    for (const f of [file, file.replace(/\.json$/, '.journal')]) expect(statSync(f).mode & 0o777).toBe(0o600);
  });

  it('drops a torn last journal line (a crash mid-write) and keeps everything before it', async () => {
    const file = join(folder(), 'linli.json');
    const store = new FileStore(file);
    const state = await store.load();
    await change(store, state, (s) => void s.seenMessageIds.push('m1'));
    appendFileSync(file.replace(/\.json$/, '.journal'), '{"s":2,"p":[{"op":"add","pa');
    expect((await new FileStore(file).load()).seenMessageIds).toEqual(['m1']);
  });

  it('never applies a unit twice when a crash came between the snapshot and emptying the journal', async () => {
    const file = join(folder(), 'linli.json');
    const store = new FileStore(file);
    let state = await store.load();
    state = await change(store, state, (s) => void s.seenMessageIds.push('m1'));
    const journal = readFileSync(file.replace(/\.json$/, '.journal'), 'utf8');
    await store.close(); // snapshot now includes m1; the journal is emptied
    writeFileSync(file.replace(/\.json$/, '.journal'), journal); // as if the emptying never happened
    expect((await new FileStore(file).load()).seenMessageIds).toEqual(['m1']);
  });

  it.each([
    ['a truncated file', '{"format":"linli-state","seq":0,"state":{"version":1,"aid":{"requ', /not valid JSON/],
    ['a file of the wrong shape', '[1,2,3]', /not a linli state/],
    ['wrong field types', JSON.stringify({ ...emptyState(), roster: 'nobody', calls: [{ id: 1 }] }), /roster|calls\[0\]/],
  ])('refuses %s, names the file and leaves it as it is', async (_name, content, problem) => {
    const file = join(folder(), 'linli.json');
    writeFileSync(file, content);
    const err = await new FileStore(file).load().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(problem);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('reads a state file written before the journal (the state itself at the top)', async () => {
    const file = join(folder(), 'linli.json');
    writeFileSync(file, JSON.stringify({ ...emptyState(), seenMessageIds: ['old'] }));
    expect((await new FileStore(file).load()).seenMessageIds).toEqual(['old']);
  });

  it('fails a commit it cannot write (a read-only data folder), and what was saved stays readable', async () => {
    const file = join(folder(), 'linli.json');
    const store = new FileStore(file);
    let state = await store.load();
    state = await change(store, state, (s) => void s.seenMessageIds.push('m1'));
    // The tests run as root, which writes through file modes: the journal is swapped for a handle
    // open for reading only, which refuses writes as a read-only folder does.
    (store as unknown as { fd: number }).fd = openSync(file.replace(/\.json$/, '.journal'), 'r');
    await expect(change(store, state, (s) => void s.seenMessageIds.push('m2'))).rejects.toThrow();
    expect((await new FileStore(file, { readOnly: true }).load()).seenMessageIds).toEqual(['m1']);
  });
});

describe('MemoryStore', () => {
  it('rebuilds the state from the patches alone', async () => {
    const store = new MemoryStore();
    let state = await store.load();
    state = await change(store, state, (s) => void s.seenMessageIds.push('a'));
    state = await change(store, state, (s) => void s.seenMessageIds.push('b'));
    expect(store.saved).toEqual(state);
    expect(store.saves).toBe(2);
  });
});
