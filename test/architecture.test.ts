// The shape of the code, checked: the domain core is plain TypeScript on an allow-list (its own files,
// @node-rs/jieba, natural, and the ECMAScript library), and no import cycle joins two files or two layers.
// Each check also runs on throwaway files that try every way around it, so a blind check cannot pass.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles, importGraph, isRelative, resolveRelative, scanFile, sourceFiles } from './support/imports.ts';

const ROOT = resolve('.');
const DOMAIN = resolve('src/domain');
const ALLOWED_PACKAGES = ['@node-rs/jieba', 'natural'];
// Beyond ECMAScript the domain may use this much of its host: UTF-8 bytes for jieba's user dictionary.
const HOST_ALLOWED = 'declare class TextEncoder {\n  encode(input?: string): Uint8Array;\n}\n';

const show = (file: string): string => relative(ROOT, file);

/** Why each file under domainRoot breaks the allow-list, one message per file. */
function domainViolations(domainRoot: string): string[] {
  return sourceFiles(domainRoot).flatMap((file) => {
    const scan = scanFile(file);
    const problems = [
      ...scan.references.flatMap(({ specifier, kind, line }) => {
        const what = `line ${line}: ${kind} '${specifier}'`;
        if (isRelative(specifier)) {
          const target = resolveRelative(file, specifier);
          return target.startsWith(domainRoot + sep) ? [] : [`${what} reaches ${show(target)}, outside the domain`];
        }
        if (ALLOWED_PACKAGES.some((p) => specifier === p || specifier.startsWith(`${p}/`))) return [];
        return [`${what} is not on the domain's list (its own files, ${ALLOWED_PACKAGES.join(', ')})`];
      }),
      ...scan.hostAccess.map(({ what, line }) => `line ${line}: ${what}`),
    ];
    return problems.length > 0 ? [`${show(file)}: ${problems.join('; ')}`] : [];
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'linli-architecture-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeTree(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return resolve(dir);
}

/**
 * Type-checks the given trees with the ECMAScript library alone (no @types/node), which is an allow-list of
 * globals: console, timers, fetch, Buffer or process are all unknown names there. Returns tsc's errors by file.
 */
function typecheckWithoutHost(include: string[], name: string): Map<string, string[]> {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'host.d.ts'), HOST_ALLOWED);
  const config = {
    extends: join(ROOT, 'tsconfig.json'),
    compilerOptions: { types: [], lib: ['ES2023'], noEmit: true },
    include: [...include, join(dir, 'host.d.ts')],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const errors = new Map<string, string[]>();
  for (const line of `${run.stdout}${run.stderr}`.split('\n')) {
    const m = /^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/.exec(line.trim());
    if (!m) continue;
    const file = resolve(ROOT, m[1]!);
    errors.set(file, [...(errors.get(file) ?? []), `line ${m[2]}: ${m[3]}`]);
  }
  if (run.status !== 0 && errors.size === 0) throw new Error(`tsc failed without file errors:\n${run.stdout}${run.stderr}`);
  return errors;
}

describe('the domain core', () => {
  it('imports only its own files, @node-rs/jieba and natural, and reaches no host global', () => {
    expect(sourceFiles(DOMAIN).length).toBeGreaterThan(10);
    const offenders = domainViolations(DOMAIN);
    expect(offenders, offenders.join('\n')).toEqual([]);
  });

  it('type-checks with the ECMAScript library alone: no Node or browser global', () => {
    // The canary proves Node's types stay out of this program (a package could pull them in).
    const canary = writeTree(join(scratch, 'canary'), { 'canary.ts': 'export const argv = process.argv;\n' });
    const errors = typecheckWithoutHost([DOMAIN, resolve('src/types'), canary], 'domain-typecheck');
    expect(errors.get(join(canary, 'canary.ts'))?.join(' ')).toMatch(/process/);
    const offenders = [...errors].filter(([file]) => file.startsWith(DOMAIN + sep)).map(([file, e]) => `${show(file)}: ${e.join('; ')}`);
    expect(offenders, offenders.join('\n')).toEqual([]);
  });
});

describe('the domain check is not blind', () => {
  // Every way a domain file could reach the outside, each in its own throwaway file.
  const SNEAKY: Record<string, [source: string, caught: RegExp]> = {
    'bare-import.ts': ["import 'wechaty';\n", /import 'wechaty' is not on the domain's list/],
    'default-import.ts': ["import pino from 'pino';\nexport const log = pino();\n", /import 'pino'/],
    'commented-import.ts': ["import /* quiet */ 'lowdb';\n", /import 'lowdb'/],
    'node-builtin.ts': ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", /import 'node:fs'/],
    'bare-builtin.ts': ["import * as fs from 'fs';\nexport const r = fs;\n", /import 'fs'/],
    'type-import.ts': ["import type { Wechaty } from 'wechaty';\nexport type W = Wechaty;\n", /import type 'wechaty'/],
    'layer-import.ts': [
      "import type { StateStore } from '../store/types.ts';\nexport type S = StateStore;\n",
      /reaches .*store.types\.ts, outside the domain/,
    ],
    'export-all.ts': ["export * from 'lowdb';\n", /export from 'lowdb'/],
    'export-named.ts': ["export { schedule } from 'node-cron';\n", /export from 'node-cron'/],
    'export-type.ts': ["export type { Message } from 'wechaty';\n", /export from 'wechaty'/],
    'dynamic-import.ts': ["export const load = () => import('wechaty');\n", /import\(\) 'wechaty'/],
    'dynamic-computed.ts': ['export const load = (m: string) => import(m);\n', /import\(\) with a computed specifier/],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the fixture's source text holds a template literal
    'dynamic-template.ts': ['export const load = () => import(`wech${"aty"}`);\n', /import\(\) with a computed specifier/],
    'require.ts': ["declare const require: (m: string) => unknown;\nexport const fs = require('fs');\n", /require\(\) 'fs'/],
    'require-computed.ts': [
      'declare const require: (m: string) => unknown;\nexport const m = (n: string) => require(n);\n',
      /uses the global require/,
    ],
    'import-equals.ts': ["import fs = require('fs');\nexport const f = fs;\n", /import = require\(\) 'fs'/],
    'create-require.ts': [
      "import { createRequire } from 'node:module';\nconst req = createRequire(import.meta.url);\nexport const w = req('wechaty');\n",
      /import 'node:module'.*uses import\.meta/,
    ],
    'import-meta.ts': ['export const here = import.meta.url;\n', /uses import\.meta/],
    'type-of-import.ts': ["export type Os = typeof import('node:os');\n", /import type 'node:os'/],
    'process-env.ts': ['export const debug = process.env.LINLI_DEBUG;\n', /uses the global process/],
    'process-destructured.ts': ['const { env } = process;\nexport const e = env;\n', /uses the global process/],
    'builtin-module.ts': ["export const fs = process.getBuiltinModule('fs');\n", /uses the global process/],
    'global-this.ts': ['export const env = (globalThis as any).process.env;\n', /uses the global globalThis/],
    'global-this-index.ts': ["export const p = globalThis['pro' + 'cess'];\n", /uses the global globalThis/],
    'global.ts': ['export const p = global.process;\n', /uses the global global/],
    'eval.ts': ["export const p = eval('process');\n", /uses the global eval/],
    'function.ts': ["export const p = new Function('return process')();\n", /uses the global Function/],
    'constructor.ts': ["export const p = ({}).constructor.constructor('return process')();\n", /reads \.constructor/],
    'constructor-index.ts': ["export const p = ''['constructor']['constructor']('return 1')();\n", /reads \.constructor/],
    'reference.ts': ['/// <reference types="node" />\nexport const x = 1;\n', /triple-slash directive/],
    'ambient-module.ts': ["declare module 'wechaty' {\n  export const x: number;\n}\n", /declares module 'wechaty'/],
    'absolute.ts': ["import '/etc/passwd';\n", /import '\/etc\/passwd' is not on the domain's list/],
    'plain.js': ["const fs = require('fs');\nmodule.exports = fs;\n", /require\(\) 'fs'.*uses the global module/],
    'plain.cjs': ["exports.fs = require('node:fs');\n", /uses the global exports/],
  };

  const domain = writeTree(join(scratch, 'sneaky', 'domain'), {
    ...Object.fromEntries(Object.entries(SNEAKY).map(([name, [source]]) => [name, source])),
    // Clean files: imports of its own files and the allowed packages, and words in strings and comments.
    'clean.ts': [
      "import { Jieba } from '@node-rs/jieba';",
      "import { dict } from '@node-rs/jieba/dict.js';",
      "import type { BayesClassifier } from 'natural/lib/natural/classifiers/index.js';",
      "import { helper } from './nested/helper.ts';",
      "// require('fs') and process.env in a comment are words, not code",
      'const words = "import \'wechaty\'; process.env; globalThis";',
      'const process2 = { env: 1 }; // a name that merely starts like a global',
      'export const o = { process: 1, global: 2, require: 3 };',
      'export const p = o.process + o.global + o.require + process2.env;',
      'export class Ok { constructor(readonly n: number) {} }',
      'export type T = BayesClassifier | Function;',
      'export const all = [Jieba, dict, helper, words];',
    ].join('\n'),
    'nested/helper.ts': "export { Ok as helper } from '../clean.ts';\n",
  });
  const violations = domainViolations(domain);

  it.each(Object.entries(SNEAKY))('catches %s', (name, [, caught]) => {
    const found = violations.filter((v) => v.startsWith(`${show(join(domain, name))}:`));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(caught);
  });

  it('leaves alone what only looks like an import or a global, and says nothing about clean files', () => {
    expect(violations.filter((v) => /clean\.ts|helper\.ts/.test(v))).toEqual([]);
    expect(violations).toHaveLength(Object.keys(SNEAKY).length);
  });

  it('the ECMAScript-only type check rejects host globals that no import names', () => {
    const tree = writeTree(join(scratch, 'globals'), {
      'console.ts': "console.log('hi');\nexport {};\n",
      'timer.ts': 'export const t = setTimeout(() => 0, 1);\n',
      'clone.ts': 'export const c = structuredClone({ a: 1 });\n',
      'fetch.ts': "export const f = fetch('http://127.0.0.1');\n",
      'buffer.ts': "export const b = Buffer.from('x');\n",
      'clean.ts': "export const bytes = new TextEncoder().encode('楼');\nexport const when = new Date(0).toISOString();\n",
    });
    const errors = typecheckWithoutHost([tree], 'globals-typecheck');
    for (const name of ['console', 'timer', 'clone', 'fetch', 'buffer']) {
      expect(errors.get(join(tree, `${name}.ts`))?.join(' '), name).toMatch(/Cannot find name/);
    }
    expect(errors.has(join(tree, 'clean.ts'))).toBe(false);
  });
});

/** Layers (src's top folders and files) that import each other, with one file-level example per step. */
function layerCycles(root: string): string[] {
  const layerOf = (file: string): string => relative(root, file).split(sep)[0]!.replace(/\.ts$/, '');
  const layers = new Map<string, Set<string>>();
  const example = new Map<string, string>();
  for (const [file, targets] of importGraph(root)) {
    for (const target of targets) {
      const [from, to] = [layerOf(file), layerOf(target)];
      if (from === to) continue;
      layers.set(from, (layers.get(from) ?? new Set()).add(to));
      if (!layers.has(to)) layers.set(to, new Set());
      if (!example.has(`${from}>${to}`)) example.set(`${from}>${to}`, `${relative(root, file)} imports ${relative(root, target)}`);
    }
  }
  return importCycles(layers).map((cycle) => {
    const steps = cycle.slice(1).map((to, i) => example.get(`${cycle[i]}>${to}`));
    return `${cycle.join(' -> ')} (${steps.join('; ')})`;
  });
}

describe('import cycles', () => {
  it('no two files of src import each other, directly or around a loop', () => {
    const graph = importGraph(resolve('src'));
    expect(graph.size).toBeGreaterThan(50);
    const cycles = importCycles(graph).map((c) => c.map(show).join(' -> '));
    expect(cycles, cycles.join('\n')).toEqual([]);
  });

  it('no two layers of src import each other (store never imports bot; adapters never import cli)', () => {
    const cycles = layerCycles(resolve('src'));
    expect(cycles, cycles.join('\n')).toEqual([]);
  });

  it('the cycle checks find file and layer loops, type-only imports included', () => {
    const src = writeTree(join(scratch, 'cycles', 'src'), {
      'store/state.ts': "import type { Bot } from '../bot/bot.ts';\nexport type State = { bot: Bot };\n",
      'bot/bot.ts': "import type { State } from '../store/state.ts';\nexport type Bot = { state: State };\n",
      'cli/input.ts': 'export type Line = string;\n',
      'adapters/replay.ts': "import type { Line } from '../cli/input.ts';\nexport type Replay = Line[];\n",
      'cli/main.ts': "export const run = () => import('../adapters/replay.ts');\n",
      'domain/a.ts': "export { b } from './b.ts';\nexport const a = 1;\n",
      'domain/b.ts': "import { c } from './c.js';\nexport const b = c;\n",
      'domain/c.ts': "import { a } from './a.ts';\nexport const c = () => a;\n",
      'domain/leaf.ts': "import { a } from './a.ts';\nexport const leaf = a;\n",
    });
    const graph = importGraph(src);
    const fileCycles = importCycles(graph).map((c) => c.map((f) => relative(src, f)).join(' -> '));
    expect(fileCycles.sort()).toEqual([
      'bot/bot.ts -> store/state.ts -> bot/bot.ts',
      'domain/a.ts -> domain/b.ts -> domain/c.ts -> domain/a.ts',
    ]);
    expect(layerCycles(src).sort()).toEqual([
      'adapters -> cli -> adapters (adapters/replay.ts imports cli/input.ts; cli/main.ts imports adapters/replay.ts)',
      'bot -> store -> bot (bot/bot.ts imports store/state.ts; store/state.ts imports bot/bot.ts)',
    ]);
  });
});

describe('start-up cost', () => {
  it('parse and ask never load wechaty (its import costs seconds)', () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const { specifier, typeOnly } of scanFile(file).references) {
        if (typeOnly) continue;
        if (isRelative(specifier)) walk(resolveRelative(file, specifier));
        else external.add(specifier);
      }
    };
    walk(resolve('src/cli/parse-command.ts'));
    walk(resolve('src/cli/ask-command.ts'));
    expect(seen.size).toBeGreaterThan(5);
    expect(external.has('@node-rs/jieba')).toBe(true);
    expect([...external].filter((s) => s.startsWith('wechaty'))).toEqual([]);
  });
});
