// The domain core stays plain TypeScript: no transport, store, scheduler or file system.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = [/^wechaty/, /^lowdb/, /^node-cron$/, /^(node:)?fs(\/promises)?$/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
}

describe('architecture', () => {
  it('no file of the domain core imports wechaty, lowdb, node-cron or node:fs', () => {
    const offenders = files('src/domain').flatMap((f) =>
      imports(f)
        .filter((spec) => FORBIDDEN.some((re) => re.test(spec)))
        .map((spec) => `${f} imports ${spec}`),
    );
    expect(files('src/domain').length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it('the domain imports nothing from the bot, adapters, store, schedule or config layers', () => {
    const offenders = files('src/domain').flatMap((f) =>
      imports(f)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => resolve(dirname(f), spec))
        .filter((target) => !target.startsWith(resolve('src/domain')))
        .map((target) => `${f} -> ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('parse and ask never load wechaty (its import costs seconds)', () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) walk(resolve(dirname(file), spec));
        else external.add(spec);
      }
    };
    walk(resolve('src/cli/parse-command.ts'));
    walk(resolve('src/cli/ask-command.ts'));
    expect(seen.size).toBeGreaterThan(5);
    expect([...external].filter((s) => s.startsWith('wechaty'))).toEqual([]);
  });
});
