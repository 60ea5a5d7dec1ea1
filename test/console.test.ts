import { PassThrough } from 'node:stream';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConsoleLine, parseTimeSpec, resolveTimeSpec } from '../src/adapters/console/commands.ts';
import { ConsoleSession, matchRoom } from '../src/adapters/console/session.ts';
import { formatBotMessage, formatPrompt } from '../src/adapters/console/format.ts';
import { createPrinter } from '../src/adapters/console/printer.ts';
import { runConsoleLoop } from '../src/adapters/console/repl.ts';
import { SAMPLE_NOTE, sampleRoster } from '../src/adapters/console/sample-roster.ts';
import { loadMainConfig } from '../src/config/load.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Directory } from '../src/bot/directory.ts';
import type { IncomingMessage, OutgoingMessage } from '../src/bot/messages.ts';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import { silentLogger } from '../src/log.ts';
import { createTestStore, type TestStore } from './support/test-store.ts';

const BOT = ['邻里小助手'];
const T0 = new Date('2022-12-20T21:00:00+08:00');

describe('parseConsoleLine', () => {
  it('reads each slash command', () => {
    expect(parseConsoleLine('/as 陈思雨', BOT)).toEqual({ kind: 'as', name: '陈思雨' });
    expect(parseConsoleLine('/in 3号楼', BOT)).toEqual({ kind: 'in', room: '3号楼' });
    expect(parseConsoleLine('/dm', BOT)).toEqual({ kind: 'dm' });
    expect(parseConsoleLine('/rooms', BOT)).toEqual({ kind: 'rooms' });
    expect(parseConsoleLine('/people', BOT)).toEqual({ kind: 'people' });
    expect(parseConsoleLine('/at', BOT)).toEqual({ kind: 'mention' });
    expect(parseConsoleLine('/@', BOT)).toEqual({ kind: 'mention' });
    expect(parseConsoleLine('/quote 急求布洛芬', BOT)).toEqual({ kind: 'quote', text: '急求布洛芬' });
    expect(parseConsoleLine('/quote', BOT)).toEqual({ kind: 'quote', text: null });
    expect(parseConsoleLine('/help', BOT)).toEqual({ kind: 'help' });
    expect(parseConsoleLine('/quit', BOT)).toEqual({ kind: 'quit' });
    expect(parseConsoleLine('/EXIT', BOT)).toEqual({ kind: 'quit' });
    expect(parseConsoleLine('/roster', BOT)).toEqual({ kind: 'roster', action: { kind: 'show' } });
    expect(parseConsoleLine('/roster sample', BOT)).toEqual({ kind: 'roster', action: { kind: 'sample' } });
    expect(parseConsoleLine('/roster import 名单 2022.csv', BOT)).toEqual({
      kind: 'roster',
      action: { kind: 'import', file: '名单 2022.csv' },
    });
    expect(parseConsoleLine('／as 邱靓', BOT)).toEqual({ kind: 'as', name: '邱靓' });
  });

  it('reads /time in Shanghai time unless an offset is given', () => {
    expect(parseConsoleLine('/time 2022-12-20T21:30', BOT)).toEqual({
      kind: 'time',
      spec: { kind: 'at', at: new Date('2022-12-20T13:30:00Z') },
    });
    expect(parseTimeSpec('2022-12-20 21:30:15')).toEqual({ kind: 'at', at: new Date('2022-12-20T13:30:15Z') });
    expect(parseTimeSpec('2022-12-20T21:30Z')).toEqual({ kind: 'at', at: new Date('2022-12-20T21:30:00Z') });
    expect(parseTimeSpec('2022-12-20T21:30+09:00')).toEqual({ kind: 'at', at: new Date('2022-12-20T12:30:00Z') });
    expect(parseTimeSpec('8:05')).toEqual({ kind: 'clock', hour: 8, minute: 5 });
    expect(parseTimeSpec('+30m')).toEqual({ kind: 'plus', minutes: 30 });
    expect(parseTimeSpec('+2h')).toEqual({ kind: 'plus', minutes: 120 });
    expect(parseTimeSpec('+1d')).toEqual({ kind: 'plus', minutes: 1440 });
  });

  it('resolves clock times on the simulated Shanghai day', () => {
    const now = new Date('2022-12-20T23:50:00+08:00'); // 15:50 UTC, same Shanghai day
    expect(resolveTimeSpec({ kind: 'clock', hour: 8, minute: 30 }, now)).toEqual(new Date('2022-12-20T08:30:00+08:00'));
    const afterMidnight = new Date('2022-12-21T00:10:00+08:00'); // still 2022-12-20 in UTC
    expect(resolveTimeSpec({ kind: 'clock', hour: 8, minute: 30 }, afterMidnight)).toEqual(new Date('2022-12-21T08:30:00+08:00'));
    expect(resolveTimeSpec({ kind: 'plus', minutes: 90 }, now)).toEqual(new Date('2022-12-21T01:20:00+08:00'));
  });

  it('rejects bad input with a message', () => {
    for (const line of ['/time yesterday', '/time 2022-13-01T10:00', '/time 2022-02-30T10:00', '/time 25:00', '/time +0m', '/time']) {
      const cmd = parseConsoleLine(line, BOT);
      expect(cmd.kind, line).toBe('error');
    }
    expect(parseConsoleLine('/time yesterday', BOT)).toMatchObject({ message: expect.stringContaining('yesterday') });
    expect(parseConsoleLine('/as', BOT).kind).toBe('error');
    expect(parseConsoleLine('/in   ', BOT).kind).toBe('error');
    expect(parseConsoleLine('/roster import', BOT).kind).toBe('error');
    expect(parseConsoleLine('/roster everyone', BOT)).toMatchObject({ kind: 'error', message: expect.stringContaining('/roster sample') });
    expect(parseConsoleLine('/frobnicate', BOT)).toMatchObject({ kind: 'error', message: expect.stringContaining('/help') });
  });

  it('treats other lines as messages, with a leading @bot as a mention', () => {
    expect(parseConsoleLine('  急求布洛芬 ', BOT)).toEqual({ kind: 'say', text: '急求布洛芬', mentionsBot: false });
    expect(parseConsoleLine('@邻里小助手 工资被拖欠怎么办', BOT)).toEqual({
      kind: 'say',
      text: '工资被拖欠怎么办',
      mentionsBot: true,
    });
    expect(parseConsoleLine('@邻里小助手\u2005帮助', BOT)).toEqual({ kind: 'say', text: '帮助', mentionsBot: true });
    expect(parseConsoleLine('@小助手 在吗', ['小助手', '邻里小助手'])).toMatchObject({ mentionsBot: true, text: '在吗' });
    expect(parseConsoleLine('@邻里小助手们好', BOT)).toMatchObject({ mentionsBot: false });
    expect(parseConsoleLine('@李阿姨 我家有', BOT)).toMatchObject({ mentionsBot: false, text: '@李阿姨 我家有' });
    expect(parseConsoleLine('//etc 是目录', BOT)).toEqual({ kind: 'say', text: '/etc 是目录', mentionsBot: false });
    expect(parseConsoleLine('   ', BOT)).toEqual({ kind: 'empty' });
  });
});

describe('console session', () => {
  const topics = ['楚凤社区1号楼群', '楚凤社区2号楼群', '楚凤一网格群', '金象泰小区3号楼群'];

  it('matches rooms by exact topic, unique prefix or unique substring', () => {
    expect(matchRoom('楚凤一网格群', topics)).toEqual({ kind: 'known', topic: '楚凤一网格群' });
    expect(matchRoom('金象泰', topics)).toEqual({ kind: 'known', topic: '金象泰小区3号楼群' });
    expect(matchRoom('3号楼', topics)).toEqual({ kind: 'known', topic: '金象泰小区3号楼群' });
    expect(matchRoom('号楼', topics)).toMatchObject({ kind: 'ambiguous' });
    expect(matchRoom('新业主群', topics)).toEqual({ kind: 'unknown', topic: '新业主群' });
  });

  it('builds messages with one-shot mention and quote', () => {
    const s = new ConsoleSession('陈思雨', '金象泰小区3号楼群');
    s.mentionNext = true;
    s.quoteNext = '急求布洛芬';
    const a = s.message('有了吗', false, T0);
    expect(a).toMatchObject({
      text: '有了吗',
      sender: { name: '陈思雨' },
      room: { topic: '金象泰小区3号楼群' },
      mentionsBot: true,
      quote: '急求布洛芬',
      time: T0,
    });
    const b = s.message('谢谢', false, T0);
    expect(b).toMatchObject({ mentionsBot: false, quote: null });
    expect(b.id).not.toBe(a.id);
    s.room = null;
    expect(s.message('你好', false, T0).room).toBeNull();
  });

  it('formats the prompt and bot messages', () => {
    const s = new ConsoleSession('陈思雨', '金象泰小区3号楼群');
    expect(formatPrompt(s, '邻里小助手')).toBe('[陈思雨 @ 金象泰小区3号楼群] > ');
    s.room = null;
    expect(formatPrompt(s, '邻里小助手')).toBe('[陈思雨 @ 私聊] > ');
    const room = formatBotMessage({ kind: 'room', room: '楚凤二网格群', text: 'a\nb', mentions: ['邱靓'] }, T0, '邻里小助手');
    expect(room.header).toContain('21:00 → 楚凤二网格群  @邱靓');
    expect(room.body).toBe('  │ a\n  │ b');
    const dm = formatBotMessage({ kind: 'private', to: '邱靓', text: 'x' }, T0, '邻里小助手');
    expect(dm.header).toContain('私聊 → 邱靓');
  });
});

/** Runs the console loop over piped lines and returns everything it printed. */
async function runLines(
  lines: string[],
  setup: (
    send: (out: OutgoingMessage) => void,
    clock: SimulatedClock,
  ) => {
    bot: { handle(msg: IncomingMessage): Promise<OutgoingMessage[]> };
    directory: Directory;
  },
  clock = new SimulatedClock(T0),
): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const printer = createPrinter(output, clock, { botName: '邻里小助手', color: false });
  const { bot, directory } = setup((out) => printer.botMessage(out), clock);
  const done = runConsoleLoop({ input, output, printer, bot, directory, clock, botName: '邻里小助手', interactive: false });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return printed;
}

describe('console loop (stub bot)', () => {
  const directory = new Directory(
    [{ topic: '金象泰小区3号楼群', kind: 'building', building: '3', grid: '楚凤二网格' }],
    [{ name: '邱靓', role: 'grid_worker', grid: '楚凤二网格', building: null, unit: null, room: null }],
  );

  it('switches speaker and room and prints what the bot sends', async () => {
    const seen: IncomingMessage[] = [];
    const out = await runLines(
      ['/as 陈思雨', '/in 3号楼', '急求布洛芬', '/as 张伟', '@邻里小助手 我家有', '/time 2022-12-20T20:00', '/quit', '不会被读到'],
      (send) => ({
        directory,
        bot: {
          async handle(msg) {
            seen.push(msg);
            if (msg.text !== '我家有') return [];
            const reply: OutgoingMessage = {
              kind: 'room',
              room: msg.room!.topic,
              text: `${msg.sender.name} 可以提供`,
              mentions: ['陈思雨', msg.sender.name],
            };
            send(reply);
            return [reply];
          },
        },
      }),
    );
    expect(seen.map((m) => [m.sender.name, m.room?.topic, m.text, m.mentionsBot])).toEqual([
      ['陈思雨', '金象泰小区3号楼群', '急求布洛芬', false],
      ['张伟', '金象泰小区3号楼群', '我家有', true],
    ]);
    expect(out).toContain('[陈思雨 @ 金象泰小区3号楼群] > 急求布洛芬');
    expect(out).toContain('◆ 邻里小助手 21:00 → 金象泰小区3号楼群  @陈思雨 @张伟\n  │ 张伟 可以提供');
    expect(out).toContain('模拟时钟直接设为 2022-12-20 20:00');
    expect(out).not.toContain('不会被读到');
  });

  it('explains ambiguous rooms and unknown rooms, and sets the date on a long clock jump', async () => {
    const rooms = new Directory(
      [
        { topic: '楚凤社区1号楼群', kind: 'building', building: '1', grid: 'g1' },
        { topic: '楚凤社区2号楼群', kind: 'building', building: '2', grid: 'g1' },
      ],
      [],
    );
    const out = await runLines(['/in 号楼', '/in 新业主群', '/time +8d', '/time +1d'], () => ({
      directory: rooms,
      bot: { handle: async () => [] },
    }));
    expect(out).toContain('对应多个群:楚凤社区1号楼群、楚凤社区2号楼群');
    expect(out).toContain('进入「新业主群」(不在配置中,按其他群处理)');
    expect(out).toContain('模拟时钟直接设为');
    expect(out).toContain('2022-12-29 21:00');
  });

  it('runs scheduled jobs when /time moves the clock, at their own time', async () => {
    const out = await runLines(['/dm', '/time 2022-12-21T08:45'], (send, clock) => {
      clock.add({
        name: 'morning',
        cron: '30 8 * * *',
        run: async () => send({ kind: 'private', to: '邱靓', text: '早上好' }),
      });
      return { directory, bot: { handle: async () => [] } };
    });
    expect(out).toContain('◆ 邻里小助手 08:30 → 私聊 → 邱靓\n  │ 早上好');
    expect(out).not.toContain('途中没有定时消息');
  });
});

describe('console loop (whole bot, config/ of the repo)', () => {
  it("a request and a neighbour's 我家有 print a match in the building group, @-mentioning the requester", async () => {
    const { createApp } = await import('../src/app.ts');
    const clock = new SimulatedClock(T0);
    let app: Awaited<ReturnType<typeof createApp>> | null = null;
    const out = await (async () => {
      const input = new PassThrough();
      const output = new PassThrough();
      let printed = '';
      output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
      const printer = createPrinter(output, clock, { botName: '邻里小助手', color: false });
      app = await createApp({
        configDir: resolve('config'),
        store: await createTestStore(),
        clock,
        scheduler: clock,
        send: async (o) => printer.botMessage(o),
        log: silentLogger,
      });
      const done = runConsoleLoop({
        input,
        output,
        printer,
        bot: app.bot,
        directory: app.bot.services.directory,
        clock,
        botName: app.config.bot.name,
        interactive: false,
      });
      input.end(['/as 陈思雨', '/in 3号楼', '急求布洛芬,孩子发烧了', '/as 张伟', '我家有'].join('\n') + '\n');
      await done;
      return printed;
    })();
    app!.close();
    const header = out.split('\n').find((l) => l.includes('◆'));
    expect(header).toBeDefined();
    expect(header).toContain('→ 金象泰小区3号楼群');
    expect(header).toContain('@陈思雨');
    expect(out).toContain('张伟');
  }, 20_000);
});

describe('the sample roster', () => {
  const config = loadMainConfig(resolve('config'));
  const directory = new Directory(config.rooms, config.people);

  it('is not in the default config, so a first start of the live bot never loads it', () => {
    expect(config.roster).toEqual([]);
  });

  it("gives each grid worker of the config fictional people in the buildings of the worker's grid, marked as examples", () => {
    const sample = sampleRoster(directory);
    const workers = config.people.filter((p) => p.role === 'grid_worker');
    expect(workers.length).toBeGreaterThan(0);
    expect(new Set(sample.map((e) => e.worker))).toEqual(new Set(workers.map((w) => w.name)));
    for (const e of sample) {
      expect(e.note.startsWith(SAMPLE_NOTE), e.name).toBe(true);
      expect(e.phone).toMatch(/^1380000\d{4}$/);
      const grid = workers.find((w) => w.name === e.worker)!.grid;
      const buildings = config.rooms.filter((r) => r.kind === 'building' && r.grid === grid).map((r) => r.building);
      expect(buildings, `${e.name} ${e.building}`).toContain(e.building);
    }
    expect(new Set(sample.map((e) => e.id)).size).toBe(sample.length);
  });

  it('is empty when the config has no grid worker', () => {
    expect(sampleRoster(new Directory(config.rooms, []))).toEqual([]);
  });
});

describe('console /roster (whole bot, config/ of the repo)', () => {
  async function runWholeBot(lines: string[]): Promise<{ out: string; store: TestStore }> {
    const store = await createTestStore();
    const { createApp } = await import('../src/app.ts');
    const clock = new SimulatedClock(T0);
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const printer = createPrinter(output, clock, { botName: '邻里小助手', color: false });
    const app = await createApp({
      configDir: resolve('config'),
      store,
      clock,
      scheduler: clock,
      send: async (o) => printer.botMessage(o),
      log: silentLogger,
    });
    const done = runConsoleLoop({
      input,
      output,
      printer,
      bot: app.bot,
      directory: app.bot.services.directory,
      clock,
      botName: app.config.bot.name,
      interactive: false,
      roster: {
        entries: () => app.bot.state.roster,
        replace: async (entries) => {
          await app.bot.change((s) => void (s.roster = entries));
        },
      },
    });
    input.end(lines.join('\n') + '\n');
    await done;
    app.close();
    return { out: printed, store };
  }

  it('points to /roster sample when the roster is empty, and the sample makes the morning reminder fire', async () => {
    const { out, store } = await runWholeBot(['/roster sample', '/time 2022-12-21T08:45']);
    expect(out).toMatch(/回访名单是空的[\s\S]*\/roster sample/);
    const saved = (await store.saved()).roster;
    expect(saved.length).toBeGreaterThan(0);
    const first = saved.find((e) => e.worker === '邵婷婷')!;
    const reminder = out.split('◆').find((block) => block.includes('08:30 → 私聊 → 邵婷婷'));
    expect(reminder).toBeDefined();
    expect(reminder).toContain(first.name);
    expect(reminder).toContain(SAMPLE_NOTE);
    expect(out).not.toMatch(/◆[^\n]*→ 楚凤[^\n]*\n[^◆]*1380000/); // phones only in private reminders
  }, 20_000);

  it('never puts the sample over a roster that is already there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-console-roster-'));
    const csv = join(dir, 'r.csv');
    writeFileSync(csv, ['姓名,楼号,单元,室号,电话,网格员,频次,备注', '石秀英,2号楼,,402,13800007001,邵婷婷,每天,独居'].join('\n'));
    const { out, store } = await runWholeBot([`/roster import ${csv}`, '/roster sample', '/roster']);
    expect((await store.saved()).roster.map((e) => e.name)).toEqual(['石秀英']);
    expect(out).toContain('已导入 1 人');
    expect(out).toContain('示例名单不会覆盖它');
    expect(out).toMatch(/邵婷婷\(1 人\)\n\s+石秀英 2号楼402 每天 独居/);
    expect(out).not.toContain('13800007001'); // /roster shows no phone numbers
  }, 20_000);

  it('refuses a spreadsheet with a bad row and keeps the roster as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-console-roster-bad-'));
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, ['姓名,楼号,单元,室号,电话,网格员,频次,备注', '石秀英,2号楼,,402,12345,邵婷婷,每天,独居'].join('\n'));
    const { out, store } = await runWholeBot(['/roster sample', `/roster import ${csv}`, `/roster import ${join(dir, 'missing.csv')}`]);
    expect(out).toMatch(/第2行/);
    expect(out).toContain('找不到文件');
    expect((await store.saved()).roster.every((e) => e.note.startsWith(SAMPLE_NOTE))).toBe(true);
  }, 20_000);
});
