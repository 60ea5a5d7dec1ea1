// The parser's learned readers, trained once by the build step (`npm install`, `npm run build`)
// and stored in dist/reader-model.bin, so that `linli parse` need not train at every start.
// The file is keyed by a hash of everything training depends on: every source file the parser
// imports (the training corpus, the features, the phrase rules, the softmax), every file in the
// training folder, the item lexicon as loaded, and jieba's version. A missing, stale or unreadable
// file gives `undefined`, and the parser trains at start as before.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { endianness } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ItemLexicon } from '../domain/parse/lexicon-types.ts';
import type { ReaderModels } from '../domain/parse/readers.ts';
import type { SoftmaxData } from '../domain/text/softmax.ts';

/** Bump when the file layout changes. */
export const MODEL_FORMAT = 1;
const MAGIC = 'LINLI-READERS';
const PARSER_ENTRY = 'src/domain/parse/index.ts';
const TRAINING_DIR = 'src/domain/parse/training';

/** The project folder: the nearest one above this file (src/cli or dist) with a package.json. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('linli: cannot find the project folder');
    dir = up;
  }
  return dir;
}

export function defaultModelFile(root = projectRoot()): string {
  return join(root, 'dist', 'reader-model.bin');
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g;

/** Every source file the parser imports, directly or not, and every file in the training folder. */
export function parserSources(root: string): string[] {
  const seen = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) walk(resolve(dirname(file), spec));
    }
  };
  walk(join(root, PARSER_ENTRY));
  const training = join(root, TRAINING_DIR);
  for (const name of readdirSync(training)) {
    const file = join(training, name);
    if (statSync(file).isFile()) seen.add(file);
  }
  return [...seen].map((f) => relative(root, f).split('\\').join('/')).sort();
}

function jiebaVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules/@node-rs/jieba/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The hash a stored model must carry to be used with these sources and this lexicon. */
export function readerModelKey(root: string, lexicon: ItemLexicon): string {
  const h = createHash('sha256');
  h.update(`${MAGIC} ${MODEL_FORMAT}\0jieba ${jiebaVersion(root)}\0`);
  h.update(JSON.stringify(lexicon));
  for (const file of parserSources(root)) {
    h.update(`\0${file}\0`);
    h.update(readFileSync(join(root, file)));
  }
  return h.digest('hex');
}

interface ModelHeader {
  classes: string[];
  /** Bytes of the features, joined by newlines. */
  features: number;
  weights: number;
  bias: number;
}

interface FileHeader {
  format: number;
  key: string;
  rulePrecision: ReaderModels['rulePrecision'];
  intent: ModelHeader;
  context: ModelHeader;
}

function featureBytes(m: SoftmaxData): Buffer {
  const bad = m.features.find((f) => f.includes('\n'));
  if (bad !== undefined) throw new Error(`reader model: a feature holds a line break: ${JSON.stringify(bad)}`);
  return Buffer.from(m.features.join('\n'));
}

/**
 * `LINLI-READERS {json}\n` padded with spaces to a multiple of 8 bytes; the numbers as little-endian
 * float64 (intent weights, intent bias, context weights, context bias), exact; then each model's
 * features joined by newlines. The same models always give the same bytes.
 */
export function encodeReaderModels(models: ReaderModels, key: string): Buffer {
  const words = [featureBytes(models.intent), featureBytes(models.context)];
  const header = (m: SoftmaxData, w: Buffer): ModelHeader => ({
    classes: m.classes,
    features: w.length,
    weights: m.weights.length,
    bias: m.bias.length,
  });
  const head: FileHeader = {
    format: MODEL_FORMAT,
    key,
    rulePrecision: models.rulePrecision,
    intent: header(models.intent, words[0]!),
    context: header(models.context, words[1]!),
  };
  let text = `${MAGIC} ${JSON.stringify(head)}`;
  text += ' '.repeat((8 - ((Buffer.byteLength(text) + 1) % 8)) % 8) + '\n';
  const arrays = [models.intent.weights, models.intent.bias, models.context.weights, models.context.bias];
  const numbers = Buffer.alloc(arrays.reduce((n, a) => n + a.length * 8, 0));
  let at = 0;
  for (const a of arrays) for (const v of a) at = numbers.writeDoubleLE(v, at);
  return Buffer.concat([Buffer.from(text), numbers, ...words]);
}

/** Reads the header now and each model only when the parser first asks for it. */
export function decodeReaderModels(bytes: Buffer): { key: string; models: ReaderModels } {
  const eol = bytes.indexOf(10);
  const line = eol < 0 ? '' : bytes.toString('utf8', 0, eol);
  if (!line.startsWith(`${MAGIC} `)) throw new Error('not a linli reader model');
  const head = JSON.parse(line.slice(MAGIC.length + 1)) as FileHeader;
  if (head.format !== MODEL_FORMAT) throw new Error(`reader model format ${head.format}, expected ${MODEL_FORMAT}`);
  const { intent, context } = head;
  const numbersAt = eol + 1;
  const wordsAt = numbersAt + 8 * (intent.weights + intent.bias + context.weights + context.bias);
  if (wordsAt + intent.features + context.features !== bytes.length) throw new Error('reader model: wrong length');
  const numbers = (from: number, n: number): Float64Array => {
    const start = numbersAt + 8 * from;
    if (endianness() === 'LE') return new Float64Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + 8 * n));
    return Float64Array.from({ length: n }, (_, i) => bytes.readDoubleLE(start + 8 * i));
  };
  const model = (m: ModelHeader, from: number, wordsFrom: number) => {
    let made: SoftmaxData | undefined;
    return (): SoftmaxData =>
      (made ??= {
        classes: m.classes,
        features: bytes.toString('utf8', wordsFrom, wordsFrom + m.features).split('\n'),
        weights: numbers(from, m.weights),
        bias: numbers(from + m.weights, m.bias),
      });
  };
  const intentData = model(intent, 0, wordsAt);
  const contextData = model(context, intent.weights + intent.bias, wordsAt + intent.features);
  const models: ReaderModels = {
    rulePrecision: head.rulePrecision,
    get intent() {
      return intentData();
    },
    get context() {
      return contextData();
    },
  };
  return { key: head.key, models };
}

/** The stored models when they fit these sources and this lexicon; otherwise undefined (train at start). */
export function loadReaderModels(lexicon: ItemLexicon, root = projectRoot(), file = defaultModelFile(root)): ReaderModels | undefined {
  try {
    if (!existsSync(file)) return undefined;
    const { key, models } = decodeReaderModels(readFileSync(file));
    return key === readerModelKey(root, lexicon) ? models : undefined;
  } catch {
    return undefined;
  }
}
