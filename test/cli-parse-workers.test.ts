// `linli parse` with a pool of worker threads gives the lines one thread gives, in input order,
// with bad lines reported at their place; a worker that cannot start leaves the main thread to
// answer; and the parser's numbered feature path gives the ids the named features give.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadMainConfig } from '../src/config/load.ts';
import { loadItemLexicon } from '../src/config/load-items.ts';
import { Directory } from '../src/bot/directory.ts';
import { createParser } from '../src/domain/parse/index.ts';
import { JointFeatureIds } from '../src/domain/parse/feature-ids.ts';
import { emitPostFeatures, postFeatures } from '../src/domain/parse/features.ts';
import { createSegmenter } from '../src/domain/text/segmenter.ts';
import { answerBatch } from '../src/cli/parse-answer.ts';
import { ParsePool } from '../src/cli/parse-pool.ts';
import type { RawBatch } from '../src/cli/input.ts';
import type { ItemLexicon } from '../src/domain/parse/lexicon-types.ts';

const configDir = resolve(import.meta.dirname, '../config');
const lexicon = loadItemLexicon(configDir);
const parser = createParser(lexicon);
const config = loadMainConfig(configDir);
const directory = new Directory(config.rooms, config.people);
const local = (batch: RawBatch) => answerBatch(batch, parser, directory);

// Our own phrasings, of every kind the contract names, some with a sender or a room.
const POSTS = [
  '5栋有没有邻居家里有多余的体温计,借用两天',
  '我这边还剩半盒连花清瘟,需要的话说一声',
  '小孩烧到39度5了,哪位有美林混悬液救个急',
  '药收到啦,太感谢楼上的阿姨了',
  '已经在药店买到了,大家不用帮我找了',
  '明早九点社区卫生站发放抗原试剂,每户限领两份',
  '今天太阳真好,出来晒晒被子',
  '我有一袋N95口罩,想换点儿童退烧药',
  '哈哈哈',
  '我家也有',
  '12号楼2单元有位独居的大爷要人帮忙买菜',
  '谁能帮忙跑腿去医院取个药,有偿',
];

function mixedLines(count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = POSTS[i % POSTS.length]!;
    if (i % 3 === 0) lines.push(text);
    else if (i % 3 === 1) lines.push(JSON.stringify({ text, sender: '王阿姨' }));
    else lines.push(JSON.stringify({ text, room: '金象泰小区3号楼群' }));
  }
  return lines;
}

function linli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((done, fail) => {
    execFile('node', ['bin/linli.mjs', ...args], { maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } }, (err, stdout) =>
      err ? fail(err) : done(stdout),
    );
  });
}

describe('linli parse worker pool', () => {
  it('a large input gives, through the pool, the lines one thread gives, in order, a bad line at its place', async () => {
    const first = mixedLines(3000);
    const rest = mixedLines(6000);
    // A broken line, a blank one and a wrong field type in the middle of what the workers get.
    rest.splice(3000, 0, '{"text": "求布洛芬"', '', '{"text": 7}');
    const lines = [...first, ...rest];
    const dir = mkdtempSync(join(tmpdir(), 'linli-pool-'));
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    const single = await linli(['parse', file], { LINLI_PARSE_WORKERS: '0' });

    // Through stdin: the first part, then (once the workers are ready) the rest.
    const child = spawn('node', ['bin/linli.mjs', 'parse'], {
      env: { ...process.env, LINLI_PARSE_WORKERS: '1', LINLI_PARSE_POOL_AFTER: '0', LINLI_PARSE_STATS: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    const ready = new Promise<void>((r) =>
      child.stderr.setEncoding('utf8').on('data', (s: string) => {
        stderr += s;
        if (stderr.includes('worker threads ready')) r();
      }),
    );
    const closed = new Promise<number | null>((r) => child.on('close', r));
    child.stdin.write(first.join('\n') + '\n');
    await ready;
    child.stdin.end(rest.join('\n') + '\n');
    expect(await closed).toBe(0);

    expect(stdout).toBe(single);
    const answeredByWorkers = Number(/(\d+) answered by worker threads/.exec(stderr)?.[1]);
    expect(answeredByWorkers).toBeGreaterThan(1000);
    const out = stdout.trimEnd().split('\n');
    expect(out).toHaveLength(lines.length - 1);
    expect(JSON.parse(out[6000]!)).toMatchObject({ line: 6001, error: expect.stringMatching(/^invalid JSON/) });
    expect(JSON.parse(out[6001]!)).toEqual({ line: 6003, error: '"text" must be a string' });
    expect(JSON.parse(out[6002]!).text).toBe(POSTS[3000 % POSTS.length]);
  }, 120_000);

  it('a worker answers batches as this thread does, and one that cannot start leaves this thread to answer', async () => {
    const batches: RawBatch[] = [
      { first: 1, lines: mixedLines(40) },
      { first: 41, lines: ['', '{oops', ...mixedLines(7)] },
    ];
    const setup = { rooms: config.rooms, people: config.people, lexicon, models: parser.readerModels() };
    const pool = new ParsePool(1, setup, local);
    try {
      await vi.waitFor(() => expect(pool.hasRoom).toBe(true), { timeout: 60_000, interval: 50 });
      const outs = await Promise.all(batches.map((b) => pool.run(b)));
      expect(outs).toEqual(batches.map(local));
    } finally {
      await pool.close();
    }
    // A lexicon no parser can be built from: the worker fails at start.
    const broken = new ParsePool(1, { ...setup, lexicon: {} as ItemLexicon }, local);
    try {
      // The worker reports that it failed and is dropped: the pool never runs, and answers here.
      expect(broken.size).toBe(1);
      await vi.waitFor(() => expect(broken.size).toBe(0), { timeout: 60_000, interval: 50 });
      expect(broken.running).toBe(false);
      expect(await broken.run(batches[1]!)).toBe(local(batches[1]!));
    } finally {
      await broken.close();
    }
  }, 120_000);

  it('the numbered feature path gives the ids that naming every feature gives', () => {
    const models = parser.readerModels();
    const joint = new JointFeatureIds([models.intent.features, models.context.features]);
    const segmenter = createSegmenter(parser.userWords);
    const rules = [
      { intent: 'request' as const, decided: true },
      { intent: 'other' as const, decided: false },
    ];
    for (const [k, text] of [...POSTS, '😀谁有X?急!!', '', '𠮷野家的X还有吗'].entries()) {
      const rule = rules[k % 2]!;
      const categories = k % 3 === 0 ? (['fever_medicine', 'fever_medicine'] as const) : [];
      const named = joint.idsOf(postFeatures(text, [...categories], rule, segmenter));
      const sink = joint.sink();
      emitPostFeatures(text, [...categories], rule, segmenter, sink);
      expect(sink.ids).toEqual(named);
      if (text.length > 4) expect(named.length).toBeGreaterThan(5);
    }
  });
});
