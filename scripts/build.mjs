#!/usr/bin/env node
// `npm run build`, also run by `npm install` and `npm ci` (the `prepare` script): compiles src/
// to JavaScript in dist/ with esbuild (tsx's own compiler), trains the parser's learned readers
// once and stores them in dist/reader-model.bin, and records in dist/build.json the hash of the
// sources it was built from. bin/linli.mjs runs dist/ only while that hash still holds; the tests
// and a stale or missing dist/ run the TypeScript sources, so a failed build costs only speed.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceDigest } from '../bin/source-digest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

async function compile() {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    // The parse pool's worker is its own entry: a thread starts from a file.
    entryPoints: { main: 'src/cli/main.ts', 'parse-worker': 'src/cli/parse-worker.ts' },
    outdir: dist,
    bundle: true,
    // Each command stays its own chunk: `parse` and `ask` never load Wechaty.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'error',
  });
}

async function trainReaders() {
  const { register } = await import('tsx/esm/api');
  register();
  const { loadItemLexicon } = await import('../src/config/load-items.ts');
  const { createParser } = await import('../src/domain/parse/index.ts');
  const { encodeReaderModels, readerModelKey, defaultModelFile } = await import('../src/cli/reader-model.ts');
  const lexicon = loadItemLexicon(join(root, 'config'));
  const models = createParser(lexicon).readerModels();
  writeFileSync(defaultModelFile(root), encodeReaderModels(models, readerModelKey(root, lexicon)));
}

try {
  const t0 = performance.now();
  const sources = sourceDigest(root);
  rmSync(dist, { recursive: true, force: true });
  await compile();
  const t1 = performance.now();
  await trainReaders();
  const t2 = performance.now();
  // Written last: a half-built dist/ is never run.
  writeFileSync(join(dist, 'build.json'), JSON.stringify({ sources }) + '\n');
  console.log(`linli build: dist/ compiled in ${(t1 - t0).toFixed(0)} ms, reader model trained in ${(t2 - t1).toFixed(0)} ms`);
} catch (err) {
  rmSync(join(dist, 'build.json'), { force: true });
  console.error(`linli build: skipped (${err instanceof Error ? err.message : String(err)}); linli runs from the TypeScript sources`);
}
