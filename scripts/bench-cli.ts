// The linli command as a user runs it, each run a new process: the cold start to the first output
// line, and 100,000 messages through `linli parse` against bare Node reading and writing the same
// JSON Lines in the same run. Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceDigest } from '../bin/source-digest.mjs';
import { loadItemLexicon } from '../src/config/load-items.ts';
import { loadReaderModels } from '../src/cli/reader-model.ts';

const BIN = 'bin/linli.mjs';

// Bare Node: the same file read line by line (readline), each line JSON-parsed and written back.
const BARE_PER_LINE = `
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
const rl = createInterface({ input: createReadStream(process.argv[1], 'utf8'), crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  if (!process.stdout.write(JSON.stringify(JSON.parse(line)) + '\\n')) await new Promise((r) => process.stdout.once('drain', r));
}`;
// The same, with a chunk of lines written at once (as linli does).
const BARE_BATCHED = `
import { createReadStream } from 'node:fs';
let rest = '';
for await (const chunk of createReadStream(process.argv[1], 'utf8')) {
  const lines = (rest + chunk).split('\\n');
  rest = lines.pop();
  let out = '';
  for (const line of lines) if (line.trim()) out += JSON.stringify(JSON.parse(line)) + '\\n';
  if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r));
}
if (rest.trim()) process.stdout.write(JSON.stringify(JSON.parse(rest)) + '\\n');`;

interface Run {
  /** From spawning to the first byte on stdout. */
  first: number;
  /** From spawning to the end of stdout. */
  total: number;
  lines: number;
}

function run(args: string[], input: string | null, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let first = -1;
    let lines = 0;
    child.stdout.on('data', (b: Buffer) => {
      if (first < 0) first = performance.now() - t0;
      for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve({ first, total: performance.now() - t0, lines }) : reject(new Error(`${args.join(' ')}: exit ${code}`)),
    );
    child.stdin.end(input ?? '');
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${Math.round(x).toLocaleString('en')} ms`;

async function coldStart(label: string, args: string[], input: string, runs: number, env: Record<string, string> = {}): Promise<void> {
  const firsts: number[] = [];
  for (let i = 0; i < runs; i++) firsts.push((await run([BIN, ...args], input, env)).first);
  const sorted = [...firsts].sort((a, b) => a - b);
  console.log(`${label.padEnd(62)} median ${ms(median(firsts)).padStart(8)} of ${runs} (${sorted.map((x) => Math.round(x)).join(' ')})`);
}

/** Which code `linli` runs now, and whether the build's stored readers fit it. */
function describeBuild(): string {
  let compiled = false;
  try {
    compiled = (JSON.parse(readFileSync('dist/build.json', 'utf8')) as { sources: string }).sources === sourceDigest('.');
  } catch {
    compiled = false;
  }
  const stored = existsSync('dist/reader-model.bin') && loadReaderModels(loadItemLexicon('config')) !== undefined;
  return `${compiled ? 'compiled dist/' : 'TypeScript sources (dist/ missing or stale: npm run build)'}, readers ${stored ? 'stored by the build' : 'trained at start'}`;
}

export async function benchCli(texts: string[]): Promise<void> {
  console.log(`linli command: ${describeBuild()}`);
  await coldStart('linli parse: cold start to first line (谁家有布洛芬)', ['parse'], '谁家有布洛芬\n', 9);
  await coldStart('linli parse: the same, from the TypeScript sources (tsx)', ['parse'], '谁家有布洛芬\n', 3, { LINLI_FROM_SOURCE: '1' });
  await coldStart('linli parse: cold start, a post no rule decides (loads jieba)', ['parse'], '今天风好大\n', 5);
  await coldStart('linli ask: cold start to first line', ['ask'], '工资被拖欠了怎么办\n', 5);

  // 100,000 messages: the dev-set texts over and over, some with a sender and a room.
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-cli-'));
  const file = join(dir, 'messages.jsonl');
  const senders = ['陈思雨', '刘建国', null, null];
  const rooms = ['金象泰小区3号楼群', null, null];
  const lines = Array.from({ length: 100_000 }, (_, i) => {
    const sender = senders[i % senders.length];
    const room = rooms[i % rooms.length];
    return JSON.stringify({ text: texts[i % texts.length], ...(sender ? { sender } : {}), ...(room ? { room } : {}) });
  });
  writeFileSync(file, lines.join('\n') + '\n');
  // Interleaved, best of two each: the machine's other load touches both alike.
  const bare: number[] = [];
  const batched: number[] = [];
  const parse: number[] = [];
  // Besides linli as it runs (worker threads only where the load leaves a core spare): one thread,
  // and one worker thread beside it whatever the load.
  const single: number[] = [];
  const pooled: number[] = [];
  const linliRun = async (into: number[], env: Record<string, string> = {}) => {
    const r = await run([BIN, 'parse', file], null, env);
    if (r.lines !== lines.length) throw new Error(`linli parse wrote ${r.lines} lines for ${lines.length}`);
    into.push(r.total);
  };
  const load = loadavg()[0]!;
  for (let i = 0; i < 2; i++) {
    bare.push((await run(['--input-type=module', '-e', BARE_PER_LINE, file], null)).total);
    batched.push((await run(['--input-type=module', '-e', BARE_BATCHED, file], null)).total);
    await linliRun(parse);
    await linliRun(single, { LINLI_PARSE_WORKERS: '0' });
    await linliRun(pooled, { LINLI_PARSE_WORKERS: '1' });
  }
  rmSync(dir, { recursive: true, force: true });
  const [b, bb, p] = [Math.min(...bare), Math.min(...batched), Math.min(...parse)];
  console.log(`100,000 messages, whole process: bare Node JSONL read+write ${ms(b)} (a write per line), ${ms(bb)} (batched)`);
  console.log(
    `  linli parse ${ms(p)}: ${(p / b).toFixed(1)}× bare (${(p / bb).toFixed(1)}× batched bare), ${((p / lines.length) * 1000).toFixed(1)} µs a message`,
  );
  const [s1, s2] = [Math.min(...single), Math.min(...pooled)];
  console.log(
    `  one thread ${ms(s1)} (${(s1 / b).toFixed(1)}×), with one worker thread ${ms(s2)} (${(s2 / b).toFixed(1)}×); load average ${load.toFixed(1)} on ${availableParallelism()} cores`,
  );
}
