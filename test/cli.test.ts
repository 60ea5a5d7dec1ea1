// The linli command from outside, as the contracts define it: JSON Lines on stdout, one
// line per input line, error lines for bad input, exit 0; exit 2 when input is unreadable.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileLines } from '../scripts/hostile-input.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function linli(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile('node', ['bin/linli.mjs', ...args], { maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

const jsonLines = (s: string) =>
  s
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

function hostileFile(count: number): { path: string; nonBlank: number } {
  const dir = mkdtempSync(join(tmpdir(), 'linli-cli-'));
  const path = join(dir, 'hostile.txt');
  const text = hostileLines(count).join('\n') + '\n';
  writeFileSync(path, text);
  return { path, nonBlank: text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').length };
}

describe('linli parse', () => {
  it('answers plain text and JSON lines per contract, in order', async () => {
    const r = await linli(['parse'], '2号楼老人求退烧药,请大家帮忙\n\n{"text": "我家有布洛芬,我和大叔是邻居"}\n');
    expect(r.code).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out).toHaveLength(2);
    expect(Object.keys(out[0]!)).toEqual(['text', 'intent', 'items', 'forWhom', 'location', 'urgent', 'contextDependent']);
    expect(out[0]).toMatchObject({ intent: 'request', forWhom: 'elderly', location: { building: '2' } });
    expect(out[1]).toMatchObject({ intent: 'offer', items: [{ name: '布洛芬', category: 'fever_medicine' }] });
  });

  it('turns bad lines into error lines with their line number and carries on', async () => {
    const r = await linli(['parse'], '{"text": 12}\n{"text": null}\n{"text": "x"\n求口罩\n');
    expect(r.code).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out.map((o) => o.line ?? null)).toEqual([1, 2, 3, null]);
    expect(out[3]).toMatchObject({ intent: 'request' });
  });

  it('exits 2 with one message when the file cannot be read', async () => {
    const r = await linli(['parse', '/no/such/file.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('answers every one of 5,000 hostile lines and exits 0', async () => {
    const { path, nonBlank } = hostileFile(5000);
    const r = await linli(['parse', path]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toHaveLength(nonBlank);
  }, 120_000);
});

describe('linli ask', () => {
  it('answers per contract and hands off what it cannot answer', async () => {
    const r = await linli(['ask'], '工资被拖欠了怎么办\n{"question": "明天天气怎么样"}\n{"question": 5}\n');
    const out = jsonLines(r.stdout);
    expect(r.code).toBe(0);
    expect(Object.keys(out[0]!)).toEqual(['question', 'topic', 'answerId', 'confidence', 'reply']);
    expect(out[0]).toMatchObject({ topic: 'wage_arrears' });
    expect(out[1]).toMatchObject({ topic: null, answerId: null });
    expect(out[2]).toMatchObject({ line: 3 });
  });

  it('answers every one of 5,000 hostile lines and exits 0', async () => {
    const { path, nonBlank } = hostileFile(5000);
    const r = await linli(['ask', path]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toHaveLength(nonBlank);
  }, 120_000);
});

describe('linli replay', () => {
  it('reports bad events as error lines and carries on with the rest', async () => {
    const transcript = [
      '{"setup": {"now": "2022-12-20T08:00:00+08:00", "rooms": [{"topic": "2号楼群", "kind": "building", "building": "2", "grid": "g"}]}}',
      'not json at all',
      '{"at": "昨天晚上", "from": "李阿姨", "text": "求退烧药", "room": "2号楼群"}',
      '{"at": "2022-12-20T20:01:00+08:00", "text": "没有发送人", "room": "2号楼群"}',
      '{"at": "2022-12-20T20:01:00+08:00", "from": "李阿姨", "text": "2号楼老人求退烧药,请大家帮忙", "room": "2号楼群"}',
      '{"at": "2022-12-20T19:00:00+08:00"}',
      '{"at": "2022-12-20T20:03:00+08:00", "from": "王阿姨", "text": "我家有布洛芬,我和大叔是邻居", "room": "2号楼群"}',
    ].join('\n');
    const r = await linli(['replay'], transcript);
    expect(r.code).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out.filter((o) => 'error' in o).map((o) => o.line)).toEqual([2, 3, 4, 6]);
    const match = out.find((o) => o.room === '2号楼群');
    expect(match).toMatchObject({ at: '2022-12-20T20:03:00+08:00', mentions: ['李阿姨', '王阿姨'] });
  }, 60_000);

  it('survives 5,000 hostile lines with an error line for each bad one', async () => {
    const { path, nonBlank } = hostileFile(5000);
    const r = await linli(['replay', path]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).filter((o) => 'error' in o)).toHaveLength(nonBlank);
  }, 120_000);
});

describe('linli --help', () => {
  it('lists the commands', async () => {
    const r = await linli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['start', 'console', 'parse', 'ask', 'replay', 'roster']) expect(r.stdout).toContain(c);
  });
});

describe('linli start with a state file it cannot use', () => {
  it.each([
    ['a truncated file', '{"format":"linli-state","seq":3,"state":{"version":1,"aid":'],
    ['a file of another shape', '{"hello":"world"}'],
  ])(
    '%s: exits 2 at once, names the file and leaves it as it is',
    async (_name, content) => {
      const dir = mkdtempSync(join(tmpdir(), 'linli-start-bad-'));
      const file = join(dir, 'linli.json');
      writeFileSync(file, content);
      const t0 = Date.now();
      const r = await linli(['start', '--data', dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(file);
      expect(Date.now() - t0).toBeLessThan(20_000); // it does not hang
      expect(readFileSync(file, 'utf8')).toBe(content);
    },
    30_000,
  );
});
