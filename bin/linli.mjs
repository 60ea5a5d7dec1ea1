#!/usr/bin/env node
// Entry point of the `linli` command. It runs the compiled JavaScript in dist/ (built by
// `npm install` or `npm run build`) when dist/ was built from the sources as they are now, and
// otherwise the TypeScript sources through tsx's loader, which costs about half a second more
// at every start. LINLI_FROM_SOURCE=1 always runs the sources.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceDigest } from './source-digest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function builtFromCurrentSources() {
  if (process.env.LINLI_FROM_SOURCE === '1') return false;
  try {
    const built = JSON.parse(readFileSync(new URL('../dist/build.json', import.meta.url), 'utf8'));
    return built.sources === sourceDigest(root);
  } catch {
    return false;
  }
}

if (builtFromCurrentSources()) {
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
