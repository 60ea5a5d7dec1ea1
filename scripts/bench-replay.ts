// Replay at scale (issue 9): 3,000 messages across 50 building groups through the whole bot
// (`runReplay`: Wechaty on the mock puppet, the file store, the simulated scheduler), against
// bare Wechaty reading the same messages through the same mock world in the same run.
// Prints figures; asserts nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PersonInfo, RoomInfo } from '../src/bot/directory.ts';
import type { TranscriptLine } from '../src/adapters/replay/events.ts';
import { silentLogger } from '../src/log.ts';
import { toLocalIso } from '../src/domain/time.ts';

const devset = process.env.LINLI_DEVSET ?? '../shared/devset';
const BUILDINGS = 50;
const MESSAGES = Number(process.env.LINLI_BENCH_REPLAY ?? 3000);
const GRIDS = 5;
// Rounds of each side, interleaved; the best of each is printed (the machine's other load touches both alike).
const ROUNDS = Number(process.env.LINLI_BENCH_ROUNDS ?? 3);

const texts = readFileSync(join(devset, 'parse-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);

const topic = (b: number) => `bench小区${b}号楼群`;
const grid = (b: number) => `bench${(b % GRIDS) + 1}网格`;

interface Said {
  at: Date;
  from: string;
  room: string;
  text: string;
}

/** The transcript: a setup naming 50 building groups and their grid groups, then messages every 20 s. */
export function transcript(): { lines: TranscriptLine[]; says: Said[]; rooms: RoomInfo[]; people: PersonInfo[]; start: Date } {
  const rooms: RoomInfo[] = [
    ...Array.from(
      { length: BUILDINGS },
      (_, i): RoomInfo => ({ topic: topic(i + 1), kind: 'building', building: String(i + 1), grid: grid(i + 1) }),
    ),
    ...Array.from(
      { length: GRIDS },
      (_, g): RoomInfo => ({ topic: `bench${g + 1}网格群`, kind: 'grid', building: null, grid: `bench${g + 1}网格` }),
    ),
  ];
  const people = Array.from(
    { length: GRIDS },
    (_, g): PersonInfo => ({
      name: `网格员${g + 1}`,
      role: 'grid_worker',
      grid: `bench${g + 1}网格`,
      building: null,
      unit: null,
      room: null,
    }),
  );
  const start = new Date('2022-12-18T18:00:00+08:00');
  const says = Array.from({ length: MESSAGES }, (_, i): Said => {
    const b = (i % BUILDINGS) + 1;
    // Six speakers per group, so that neighbours answer each other's posts.
    return {
      at: new Date(start.getTime() + (i + 1) * 20_000),
      from: `居民${b}-${Math.floor(i / BUILDINGS) % 6}`,
      room: topic(b),
      text: texts[i % texts.length]!,
    };
  });
  const lines: TranscriptLine[] = [
    { line: 1, kind: 'json', value: { setup: { now: start.toISOString(), rooms, people, roster: [] } } },
    ...says.map((s, i): TranscriptLine => ({ line: i + 2, kind: 'json', value: { ...s, at: s.at.toISOString() } })),
  ];
  return { lines, says, rooms, people, start };
}

/** What the bot said in a replay: where, and after which message (the last one said at or before it). */
interface Reply {
  after: number;
  at: string;
  room: string | null;
  to: string | null;
  text: string;
}

/**
 * Bare Wechaty: the same rooms and speakers in the mock, each message said and awaited as a replay
 * does. With `replies`: after each message it also says what the bot said after it (found by
 * topic or name, as any bot must), so that the floor includes delivering the bot's answers.
 */
async function bare(says: Said[], replies: Reply[] = []): Promise<number> {
  const { MockWorld } = await import('../src/adapters/replay/mock-world.ts');
  const world = new MockWorld('邻里助手');
  const members = new Map<string, Set<string>>();
  for (const s of says) {
    if (!members.has(s.room)) members.set(s.room, new Set());
    members.get(s.room)!.add(s.from);
  }
  world.createRooms(members);
  let received = 0;
  let wake: (() => void) | null = null;
  world.wechaty.on('message', async (m) => {
    // Its own answers come back as messages too: skipped, as every bot must.
    if (m.self()) return;
    // What any bot does with a message: who said it, where, and the text.
    m.talker().name();
    await m.room()?.topic();
    m.text();
    received++;
    wake?.();
  });
  await world.start();
  const t0 = performance.now();
  let next = 0;
  for (const [i, s] of says.entries()) {
    const expected = received + 1;
    world.say(s.from, s.text, { room: s.room, mentionsBot: false });
    while (received < expected) await new Promise<void>((r) => (wake = r));
    for (; next < replies.length && replies[next]!.after <= i; next++) {
      const r = replies[next]!;
      if (r.room !== null) await (await world.wechaty.Room.find({ topic: r.room }))?.say(r.text);
      else await (await world.wechaty.Contact.find({ name: r.to! }))?.say(r.text);
    }
  }
  const ms = performance.now() - t0;
  await world.stop();
  return ms;
}

/** The bot alone: the same setup and messages through the fake transport, the same store (no fsync) and clock. */
export async function botAlone(scene: ReturnType<typeof transcript>): Promise<number> {
  const [{ createApp }, { FakeTransport }, { FileStore }, { SimulatedClock }, { loadReaderModels }] = await Promise.all([
    import('../src/app.ts'),
    import('../src/adapters/fake/fake-transport.ts'),
    import('../src/store/file-store.ts'),
    import('../src/schedule/simulated.ts'),
    import('../src/cli/reader-model.ts'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-bot-'));
  const t0 = performance.now();
  const clock = new SimulatedClock(scene.start);
  const transport = new FakeTransport();
  const app = await createApp({
    configDir: 'config',
    store: new FileStore(join(dir, 'linli.json'), { fsync: false }),
    clock,
    scheduler: clock,
    send: (o) => transport.send(o),
    log: silentLogger,
    overrides: { rooms: scene.rooms, people: scene.people, roster: [] },
    readers: loadReaderModels,
  });
  await transport.start(async (m) => void (await app.bot.handle(m)));
  for (const s of scene.says) {
    await clock.advanceTo(s.at);
    await transport.push({ from: s.from, room: s.room, text: s.text, time: clock.now() });
  }
  const ms = performance.now() - t0;
  app.close();
  await app.bot.store.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

export async function benchReplay(): Promise<void> {
  const { runReplay } = await import('../src/adapters/replay/run-replay.ts');
  const { loadReaderModels } = await import('../src/cli/reader-model.ts');
  const scene = transcript();
  const { lines, says } = scene;
  const bareMs: number[] = [];
  const replayMs: number[] = [];
  const botMs: number[] = [];
  const bareRepliesMs: number[] = [];
  let replies: Reply[] = [];
  const times = says.map((s) => toLocalIso(s.at));
  for (let i = 0; i < ROUNDS; i++) {
    bareMs.push(await bare(says));
    botMs.push(await botAlone(scene));
    const heard: Reply[] = [];
    const t0 = performance.now();
    // As `linli replay` runs it: with the readers the build trained (npm run build).
    await runReplay(lines, {
      configDir: 'config',
      log: silentLogger,
      emit: (l) =>
        void heard.push({
          after: -1,
          at: String(l.at),
          room: (l.room as string) ?? null,
          to: (l.to as string) ?? null,
          text: String(l.text),
        }),
      readers: loadReaderModels,
    });
    replayMs.push(performance.now() - t0);
    // Each answer goes after the last message said at or before its time (times are in order).
    let m = 0;
    replies = heard
      .filter((h) => h.room !== null || h.to !== null)
      .map((h) => {
        while (m + 1 < times.length && times[m + 1]! <= h.at) m++;
        return { ...h, after: m };
      });
    bareRepliesMs.push(await bare(says, replies));
  }
  const sent = replies.length;
  const [b, r, bot, br] = [Math.min(...bareMs), Math.min(...replayMs), Math.min(...botMs), Math.min(...bareRepliesMs)];
  console.log(
    `replay: ${MESSAGES.toLocaleString('en')} messages across ${BUILDINGS} building groups: ${Math.round(r).toLocaleString('en')} ms (${sent} sent), bare Wechaty on the mock ${Math.round(b).toLocaleString('en')} ms: ${(r / b).toFixed(2)}×`,
  );
  console.log(
    `  bare Wechaty reading the same messages and saying the bot's ${sent} answers: ${Math.round(br).toLocaleString('en')} ms; replay over that: ${(r / br).toFixed(2)}×, over that + the bot alone: ${(r / (br + bot)).toFixed(2)}×`,
  );
  console.log(
    `  of which the bot's own work (the same through the fake transport): ${Math.round(bot).toLocaleString('en')} ms (${Math.round((bot * 1000) / MESSAGES)} µs a message); replay over bare Wechaty + the bot alone: ${(r / (b + bot)).toFixed(2)}× (best of ${ROUNDS}, interleaved)`,
  );
}

if (process.argv[1]?.endsWith('bench-replay.ts')) await benchReplay();
