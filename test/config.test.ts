import { mkdtempSync, writeFileSync, cpSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMainConfig } from '../src/config/load.ts';
import { Directory } from '../src/bot/directory.ts';

function configWith(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-config-'));
  cpSync('config', dir, { recursive: true });
  const file = join(dir, 'linli.yaml');
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, edit(original));
  return dir;
}

describe('config/linli.yaml', () => {
  it('loads the shipped config', () => {
    const config = loadMainConfig('config');
    expect(config.rooms.length).toBeGreaterThan(0);
    expect(config.aid.escalation.urgentToGridGroupMinutes).toBeGreaterThan(0);
  });

  it('names the file, the key and the problem when a value is wrong', () => {
    const dir = configWith((y) => y.replace('urgentToWorkerMinutes: 20', 'urgentToWorkerMinutes: soon'));
    expect(() => loadMainConfig(dir)).toThrow(/linli\.yaml: aid\.escalation\.urgentToWorkerMinutes: .*number/);
  });

  it('names a bad room kind by its index', () => {
    const dir = configWith((y) => y.replace('kind: grid, grid: 楚凤一网格', 'kind: tower, grid: 楚凤一网格'));
    expect(() => loadMainConfig(dir)).toThrow(/rooms\.\d+\.kind/);
  });

  it('says when the YAML itself is broken', () => {
    const dir = configWith((y) => y + '\nrooms: [unclosed\n');
    expect(() => loadMainConfig(dir)).toThrow(/linli\.yaml: not valid YAML/);
  });

  it('reports a missing file by name', () => {
    expect(() => loadMainConfig(join(tmpdir(), 'no-such-linli-config'))).toThrow(/linli\.yaml: file not found/);
  });
});

describe('Directory', () => {
  it('treats unknown rooms as other rooms and unknown people as residents', () => {
    const d = new Directory([], []);
    expect(d.room('陌生群')).toMatchObject({ kind: 'other', building: null });
    expect(d.person('路人')).toMatchObject({ role: 'resident' });
  });
});
