// `store: postgres` in linli.yaml: accepted by the config check, and `linli start` without a
// connection string stops at once, saying which variable to set, before touching WeChat.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMainConfig } from '../../src/config/load.ts';

const dir = mkdtempSync(join(tmpdir(), 'linli-pg-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withStore(value: string): string {
  const config = join(dir, value);
  cpSync('config', config, { recursive: true });
  const file = join(config, 'linli.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^store: lowdb$/m, `store: ${value}`));
  return config;
}

describe('store: postgres in the config', () => {
  it('is lowdb unless set, postgres when set, and nothing else', () => {
    expect(loadMainConfig('config').store).toBe('lowdb');
    expect(loadMainConfig(withStore('postgres')).store).toBe('postgres');
    expect(() => loadMainConfig(withStore('mysql'))).toThrow(/store/);
  });

  it('linli start without LINLI_DATABASE_URL exits 2 naming the variable', async () => {
    const config = withStore('postgres');
    const { LINLI_DATABASE_URL: _unused, ...env } = process.env;
    const res = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        'node',
        ['bin/linli.mjs', 'start', '--config', config, '--data', join(dir, 'data')],
        { env, timeout: 60_000 },
        (err, _o, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }),
      ),
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/LINLI_DATABASE_URL/);
  });
});
