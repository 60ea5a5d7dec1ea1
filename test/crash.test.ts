// The crash test: the real `linli replay --pace` process, killed with SIGKILL at several points and
// started again on the same data folder, delivers exactly what an uninterrupted run delivers —
// nothing lost, nothing twice. "Delivered" is the mock world's own record (replay-delivered.jsonl,
// one line per send with the outbox ids it carried), which is what a restart checks too.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from './support/shared.ts';

const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/linli.mjs');

interface Delivered {
  ids: number[];
  out: unknown;
}

/** Runs replay on `dir`; with `killAfter`, SIGKILLs it once that many lines have come out. Resolves how it ended. */
function replay(transcript: string, dir: string, killAfter?: number): Promise<'done' | 'killed'> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, 'replay', transcript, '--pace', '--data', dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lines = 0;
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      lines += chunk.toString().split('\n').filter(Boolean).length;
      if (killAfter !== undefined && lines >= killAfter && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => void (err += c.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return done('killed');
      if (code === 0) return done('done');
      fail(new Error(`replay exited ${code}: ${err}`));
    });
  });
}

function delivered(dir: string): Delivered[] {
  const file = join(dir, 'replay-delivered.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Delivered];
      } catch {
        return []; // a torn last line: not a delivery
      }
    });
}

/** Each outbox message id with what was sent for it. */
function byId(records: Delivered[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of records) for (const id of r.ids) out.set(id, JSON.stringify(r.out));
  return out;
}

describe('crash safety', () => {
  it.each(['replay-building-evening.jsonl', 'replay-grid-day.jsonl'])(
    '%s: killed three times and restarted, it delivers what an uninterrupted run does, each message once',
    async (name) => {
      const transcript = sharedPath(`devset/${name}`);
      const whole = mkdtempSync(join(tmpdir(), 'linli-crash-whole-'));
      expect(await replay(transcript, whole)).toBe('done');
      const expected = delivered(whole);
      expect(expected.length).toBeGreaterThan(3);

      const dir = mkdtempSync(join(tmpdir(), 'linli-crash-'));
      const kills: string[] = [];
      for (const after of [1, 2, 2]) kills.push(await replay(transcript, dir, after));
      expect(kills).toContain('killed');
      expect(await replay(transcript, dir)).toBe('done');

      const got = delivered(dir);
      const ids = got.flatMap((r) => r.ids);
      expect(new Set(ids).size).toBe(ids.length); // nothing twice
      // Nothing lost: every message the uninterrupted run decided went out. Pacing may merge them
      // differently after a restart, so messages are compared one by one by their outbox id.
      const want = [...byId(expected).keys()].sort((a, b) => a - b);
      expect([...byId(got).keys()].sort((a, b) => a - b)).toEqual(want);
    },
    120_000,
  );
});
