// `linli roster import|export` and `linli callbacks export` from outside: the store changes
// only when every row is good, and what was imported comes back out.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { FileStore } from '../src/store/file-store.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function linli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('node', ['bin/linli.mjs', ...args], (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

const HEADER = '姓名,楼号,单元,室号,电话,网格员,频次,备注';

describe('roster commands', () => {
  it('imports a CSV into the store, exports it again, and writes the call log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-roster-cmd-'));
    const csv = join(dir, 'roster.csv');
    writeFileSync(
      csv,
      [HEADER, '张桂兰,1号楼,,201,13800001001,邵婷婷,每天,独居', '周长海,3,1,101,13800001005,邵婷婷,每周,空巢'].join('\n'),
    );
    const imported = await linli(['roster', 'import', csv, '--data', dir]);
    expect(imported.code).toBe(0);
    const state = await new FileStore(join(dir, 'linli.json'), { readOnly: true }).load();
    expect(state.roster.map((e: { name: string }) => e.name)).toEqual(['张桂兰', '周长海']);
    // The import is an admin action: one audit line, with no phone number in it.
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    expect(
      audit
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).action),
    ).toEqual(['roster.import']);
    expect(audit).not.toContain('13800001001');

    const out = join(dir, 'back.csv');
    expect((await linli(['roster', 'export', out, '--data', dir])).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('张桂兰');
    expect(text).toContain('13800001005');

    const log = join(dir, 'calls.xlsx');
    expect((await linli(['callbacks', 'export', log, '--data', dir, '--from', '2022-12-01', '--to', '2022-12-31'])).code).toBe(0);
    expect(existsSync(log)).toBe(true);
  }, 60_000);

  it('refuses a file with bad rows whole, listing every bad row, and keeps the old roster', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-roster-bad-'));
    const good = join(dir, 'good.csv');
    writeFileSync(good, [HEADER, '张桂兰,1,,201,13800001001,邵婷婷,每天,独居'].join('\n'));
    await linli(['roster', 'import', good, '--data', dir]);
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      [
        HEADER,
        ',1,,201,13800001001,邵婷婷,每天,',
        '李秀英,2,,302,123,邵婷婷,每天,',
        '王淑芬,3,,402,13800001006,邵婷婷,偶尔,',
        '孙玉华,2,,601,13800001004,邵婷婷,每天,',
      ].join('\n'),
    );
    const r = await linli(['roster', 'import', bad, '--data', dir]);
    expect(r.code).not.toBe(0);
    for (const line of ['2', '3', '4']) expect(r.stderr).toMatch(new RegExp(`第?\\s*${line}\\s*行|line ${line}|${line}:`));
    const state = await new FileStore(join(dir, 'linli.json'), { readOnly: true }).load();
    expect(state.roster.map((e: { name: string }) => e.name)).toEqual(['张桂兰']);
    // A refused file changed nothing, so the audit log has only the first import.
    expect(readFileSync(join(dir, 'audit.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('with --console, imports into the state `linli console --data DIR` uses, and leaves the live state alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-roster-console-'));
    const csv = join(dir, 'roster.csv');
    writeFileSync(csv, [HEADER, '石秀英,2号楼,,402,13800007001,邵婷婷,每天,独居', '龙海生,3,1,602,13800007002,邱靓,每周,空巢'].join('\n'));
    // The flag may come before the file: it takes no value.
    const imported = await linli(['roster', 'import', '--console', csv, '--data', dir]);
    expect(imported.code).toBe(0);
    expect(existsSync(join(dir, 'console.json'))).toBe(true);
    expect(existsSync(join(dir, 'linli.json'))).toBe(false);
    const consoleRun = await linli(['console', '--data', dir], '/roster\n/as 邵婷婷\n/dm\n/time 2030-01-01T08:00\n/time 08:45\n');
    expect(consoleRun.code).toBe(0);
    expect(consoleRun.stdout).toMatch(/回访名单 2 人/);
    expect(consoleRun.stdout).toMatch(/08:30 → 私聊 → 邵婷婷[\s\S]*石秀英/);
    expect(consoleRun.stdout).not.toContain('/roster sample 载入'); // no empty-roster hint
    const out = join(dir, 'back.csv');
    expect((await linli(['roster', 'export', out, '--console', '--data', dir])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('龙海生');
  }, 60_000);
});
