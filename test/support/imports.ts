// What a source file depends on, read with a real parser (oxc) rather than regular expressions, so that no
// import form hides from the architecture tests: bare `import 'x'`, `export … from`, `import()`, `require()`,
// `import x = require()`, `import('x').T` types, triple-slash references, and host globals reached without
// any import at all (`process.env`, `globalThis`, `eval`, `.constructor.constructor`).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseSync } from 'oxc-parser';

export type ReferenceKind = 'import' | 'export from' | 'import()' | 'require()' | 'import = require()' | 'import type';

export interface ModuleReference {
  specifier: string;
  kind: ReferenceKind;
  /** Erased at run time (`import type`, `export type`, `import('x').T`): still a dependency of the design. */
  typeOnly: boolean;
  line: number;
}

/** A way to the host that no import shows. */
export interface HostAccess {
  what: string;
  line: number;
}

export interface FileScan {
  file: string;
  references: ModuleReference[];
  hostAccess: HostAccess[];
}

/**
 * Globals that reach Node, the global object, or code built from strings. Other host names (console, timers,
 * fetch, window) are unknown to a type check with the ECMAScript library alone, which the domain also passes.
 */
export const HOST_GLOBALS = new Set([
  'process',
  'globalThis',
  'global',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'Buffer',
  'eval',
  'Function',
]);

type Node = { type: string; start: number; [key: string]: unknown };

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';

// TypeScript nodes that hold run-time code; every other TS* node is a type and names no value.
const VALUE_TS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'TSInstantiationExpression',
  'TSEnumDeclaration',
  'TSEnumBody',
  'TSEnumMember',
  'TSModuleDeclaration',
  'TSModuleBlock',
  'TSExportAssignment',
  'TSParameterProperty',
  'TSImportEqualsDeclaration',
  'TSExternalModuleReference',
]);

const KEYED = new Set(['Property', 'MethodDefinition', 'PropertyDefinition', 'AccessorProperty', 'TSAbstractMethodDefinition']);

/** An identifier in this place names a property, a label or an export, not a variable. */
function isName(parent: Node, key: string): boolean {
  if (key === 'label') return true;
  if (parent.type === 'MemberExpression') return key === 'property' && !parent.computed;
  if (KEYED.has(parent.type)) return key === 'key' && !parent.computed;
  if (parent.type === 'ImportSpecifier') return key === 'imported';
  if (parent.type === 'ExportSpecifier' || parent.type === 'ExportAllDeclaration') return key === 'exported';
  return parent.type === 'MetaProperty';
}

function stringValue(node: unknown): string | undefined {
  return isNode(node) && node.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
}

function propertyName(member: Node): string | undefined {
  const property = member.property;
  if (!member.computed) return isNode(property) && property.type === 'Identifier' ? String(property.name) : undefined;
  return stringValue(property);
}

export function scanSource(file: string, text: string): FileScan {
  const parsed = parseSync(file, text, { lang: file.endsWith('.d.ts') ? 'dts' : undefined });
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length;
  const references: ModuleReference[] = [];
  const hostAccess: HostAccess[] = [];
  for (const error of parsed.errors) hostAccess.push({ what: `does not parse: ${error.message}`, line: 1 });
  for (const comment of parsed.comments) {
    if (comment.type === 'Line' && /^\/\s*<reference\b/.test(comment.value)) {
      hostAccess.push({ what: `has a triple-slash directive (${comment.value.slice(1).trim()})`, line: lineAt(comment.start) });
    }
  }
  const add = (specifier: string | undefined, kind: ReferenceKind, typeOnly: boolean, at: Node, what: string): void => {
    if (specifier === undefined) hostAccess.push({ what, line: lineAt(at.start) });
    else references.push({ specifier, kind, typeOnly, line: lineAt(at.start) });
  };

  const visit = (node: Node, inType: boolean): void => {
    switch (node.type) {
      case 'ImportDeclaration':
        add(stringValue(node.source), node.importKind === 'type' ? 'import type' : 'import', node.importKind === 'type', node, '');
        break;
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (node.source) add(stringValue(node.source), 'export from', node.exportKind === 'type', node, '');
        break;
      case 'ImportExpression':
        add(stringValue(node.source), 'import()', false, node, 'calls import() with a computed specifier');
        break;
      case 'TSImportType':
        add(stringValue(node.source), 'import type', true, node, 'names a type through import() of a computed specifier');
        break;
      case 'TSExternalModuleReference':
        add(stringValue(node.expression), 'import = require()', false, node, 'calls require() with a computed specifier');
        break;
      case 'CallExpression': {
        const callee = node.callee;
        if (isNode(callee) && callee.type === 'Identifier' && callee.name === 'require') {
          const args = node.arguments as unknown[];
          add(stringValue(args[0]), 'require()', false, node, 'calls require() with a computed specifier');
        }
        break;
      }
      case 'TSModuleDeclaration':
        if (stringValue(node.id) !== undefined)
          hostAccess.push({ what: `declares module '${stringValue(node.id)}'`, line: lineAt(node.start) });
        break;
      case 'MetaProperty':
        hostAccess.push({
          what: `uses ${String((node.meta as Node).name)}.${String((node.property as Node).name)}`,
          line: lineAt(node.start),
        });
        break;
      case 'MemberExpression':
        // ({}).constructor.constructor is Function, which runs code built from strings.
        if (propertyName(node) === 'constructor') hostAccess.push({ what: 'reads .constructor', line: lineAt(node.start) });
        break;
    }
    for (const [key, value] of Object.entries(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (!isNode(child)) continue;
        const childInType = inType || (child.type.startsWith('TS') && !VALUE_TS.has(child.type));
        if (!childInType && child.type === 'Identifier' && HOST_GLOBALS.has(String(child.name)) && !isName(node, key)) {
          hostAccess.push({ what: `uses the global ${String(child.name)}`, line: lineAt(child.start) });
        }
        visit(child, childInType);
      }
    }
  };
  visit(parsed.program as unknown as Node, false);
  return { file, references, hostAccess };
}

export function scanFile(file: string): FileScan {
  return scanSource(file, readFileSync(file, 'utf8'));
}

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/** Every source file under dir (JavaScript too: a .js file must not be a way around the rules). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sourceFiles(path) : SOURCE.test(name) ? [resolve(path)] : [];
    });
}

export const isRelative = (specifier: string): boolean =>
  specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';

/** The file a relative specifier names, the way tsx and TypeScript's bundler resolution find it. */
export function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.(m|c)?js$/, '.$1ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? base;
}

/** The relative-import graph of a tree: file -> the files it imports, type-only imports included. */
export function importGraph(dir: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(dir)) {
    const targets = scanFile(file)
      .references.filter((r) => isRelative(r.specifier))
      .map((r) => resolveRelative(file, r.specifier));
    graph.set(file, new Set(targets));
  }
  return graph;
}

/** Each import cycle once, as the path around it (Tarjan's strongly connected components). */
export function importCycles(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const strongConnect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) components.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) strongConnect(v);
  return components.map((component) => cyclePath(graph, new Set(component)));
}

// A shortest way from the component's first file back to itself, for a readable message.
function cyclePath(graph: Map<string, Set<string>>, component: Set<string>): string[] {
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let at = v; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
