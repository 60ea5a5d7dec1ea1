// `linli replay`: a transcript through the real Wechaty (mock puppet), the real store and
// the scheduler on a simulated clock. Prints everything the bot sends, stamped with the
// simulated time, as JSON Lines.
//
// With --data DIR a run can be killed and started again on the same folder: it skips the lines
// it had handled (replay-progress.json), first sends what the killed run decided and did not
// send, and never sends a message twice (replay-delivered.jsonl is the mock world's record of
// what it received). --pace sends at live pacing on the simulated clock.
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp, type AppDeps } from '../../app.ts';
import { loadMainConfig } from '../../config/load.ts';
import { describeRosterConfigErrors, rosterFromConfig } from '../../roster-io/index.ts';
import { FileStore } from '../../store/file-store.ts';
import type { StateStore } from '../../store/types.ts';
import { JsonlArchive } from '../../store/archive.ts';
import { SimulatedClock } from '../../schedule/simulated.ts';
import { WechatyTransport } from '../wechaty/wechaty-transport.ts';
import { formatQuote } from '../wechaty/quote.ts';
import { toLocalIso } from '../../domain/time.ts';
import type { OutgoingMessage } from '../../bot/messages.ts';
import type { Logger } from '../../log.ts';
import { toEvent, type ReplayEvent, type ReplaySetup, type TranscriptLine } from './events.ts';
import { MockWorld } from './mock-world.ts';
import { staffAddress } from '../wechaty/staff-address.ts';

export interface ReplayOptions {
  configDir: string;
  dataDir?: string | null;
  log: Logger;
  /** Receives each output line (a bot message or an error line). */
  emit: (line: Record<string, unknown>) => Promise<void> | void;
  /** Send at live pacing (config `bot.pacing`) on the simulated clock. */
  pace?: boolean;
  /** Runs once the bot is up, before the first event (the staff page's test attaches its server here). */
  onStart?: (app: App) => Promise<void>;
  /** The build's trained readers (see AppDeps.readers): a replay need not train the parser first. */
  readers?: AppDeps['readers'];
  /**
   * The state store (tests: the same transcript on PostgreSQL). Default, and always for `linli
   * replay`: the lowdb file in the data folder.
   */
  store?: (dataDir: string) => Promise<StateStore>;
}

/** How long after the last event paced sends are still waited for. */
const DRAIN_LIMIT_MS = 24 * 3_600_000;
const PROGRESS = 'replay-progress.json';
const DELIVERED = 'replay-delivered.jsonl';

const HANDLE_TIMEOUT_MS = 10_000;

export async function runReplay(lines: TranscriptLine[], opts: ReplayOptions): Promise<void> {
  const events = lines.map((l, i) => toEvent(l, i === 0));
  const setupEvent = events.find((e): e is Extract<ReplayEvent, { kind: 'setup' }> => e.kind === 'setup');
  const setup: ReplaySetup = setupEvent?.setup ?? { now: null };
  const firstAt = events.find((e) => e.kind === 'message' || e.kind === 'clock') as { at: Date } | undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'linli-replay-'));
  const progress = opts.dataDir ? readProgress(dataDir) : null;
  const delivered = opts.dataDir ? readDelivered(dataDir) : new Set<number>();
  const clock = new SimulatedClock(progress?.clock ?? setup.now ?? firstAt?.at ?? new Date());

  const config = loadMainConfig(opts.configDir);
  if (setupEvent && setup.roster) {
    const roster = rosterFromConfig(setup.roster);
    if (!roster.ok) {
      await opts.emit({ error: describeRosterConfigErrors(roster.errors, 'setup.roster'), line: setupEvent.line });
      setup.roster = [];
    }
  }
  const world = new MockWorld(config.bot.name);
  world.createRooms(roomMembers(events, setup));
  for (const p of setup.people ?? config.people) world.contact(p.name, 'id' in p ? (p.id as string | undefined) : null);

  let currentLine = 0;
  const transport = new WechatyTransport(world.wechaty, {
    botName: config.bot.name,
    log: opts.log,
    timeOf: () => clock.now(),
    idOf: () => `replay-line-${currentLine}`,
    staffAddress: (name) => staffAddress(app.bot.state, name),
  });
  const send = async (out: OutgoingMessage, ids: readonly number[]): Promise<void> => {
    if (ids.length > 0 && ids.every((id) => delivered.has(id))) return; // delivered before a restart
    // A recipient the transcript never showed (never a staff member: they are reached by remark or id).
    if (out.kind === 'private' && !staffAddress(app.bot.state, out.to)) world.contact(out.to);
    const recipient = await transport.send(out);
    if (opts.dataDir) recordDelivered(dataDir, ids, toLocalIso(clock.now()), out);
    for (const id of ids) delivered.add(id);
    await opts.emit(
      out.kind === 'room'
        ? { at: toLocalIso(clock.now()), room: out.room, mentions: out.mentions, text: out.text }
        : { at: toLocalIso(clock.now()), to: out.to, ...(recipient && recipient !== out.to ? { toId: recipient } : {}), text: out.text },
    );
  };
  const app = await createApp({
    configDir: opts.configDir,
    // A run without --data writes to a folder deleted at its end: no restart reads it, so no fsync.
    store: opts.store ? await opts.store(dataDir) : new FileStore(join(dataDir, 'linli.json'), { fsync: opts.dataDir != null }),
    archive: new JsonlArchive(join(dataDir, 'archive')),
    clock,
    scheduler: clock,
    send,
    log: opts.log,
    overrides: { rooms: setup.rooms, people: setup.people, roster: setup.roster },
    // The setup's staff are enrolled, bound to the contact the transcript speaks as.
    contactIdOf: (name) => world.contact(name).id,
    paced: opts.pace ?? false,
    readers: opts.readers,
  });
  await transport.start(
    async (msg) => {
      await app.bot.handle(msg);
    },
    { onRoomTopic: (room) => app.bot.roomRenamed(room) },
  );
  await world.start();

  try {
    // What a killed run decided and did not send goes first.
    await app.bot.resumeSending();
    await opts.onStart?.(app);
    // Who last said each text: a quote is attributed to them (a lookup, not a scan of all said so far).
    const lastSaidBy = new Map<string, string>();
    for (const event of events) {
      if (event.kind === 'setup') continue;
      if (progress && event.line <= progress.line) {
        if (event.kind === 'message') lastSaidBy.set(event.text, event.from);
        continue;
      }
      if (event.kind === 'error') {
        await opts.emit({ error: event.error, line: event.line });
        continue;
      }
      if (event.at.getTime() < clock.now().getTime()) {
        await opts.emit({ error: `time ${toLocalIso(event.at)} is earlier than the clock (${toLocalIso(clock.now())})`, line: event.line });
        continue;
      }
      await clock.advanceTo(event.at);
      if (event.kind === 'relogin') world.relogin();
      if (event.kind === 'rename') {
        const expected = transport.topicChanges + 1;
        world.renameRoom(event.room, event.topic, event.by);
        await waitUntil(() => transport.topicChanges >= expected, HANDLE_TIMEOUT_MS);
        await transport.idle();
      }
      if (event.kind === 'message') {
        const author = (event.quote ? lastSaidBy.get(event.quote) : undefined) ?? '群友';
        // As on WeChat: the @-mention is plain text in the reply, below a quoted message.
        const body = event.mentionsBot && event.room ? `@${config.bot.name}\u2005${event.text}` : event.text;
        const text = event.quote ? formatQuote(author, event.quote, body) : body;
        const expected = transport.received + 1;
        currentLine = event.line;
        const arrival = nextMessage(world);
        world.say(event.from, text, { room: event.room, mentionsBot: event.mentionsBot, fromId: event.fromId });
        if (!(await handled(() => transport.received >= expected, arrival, world, transport, HANDLE_TIMEOUT_MS))) {
          await opts.emit({ error: 'the bot did not receive this message in time', line: event.line });
        }
        await transport.idle();
        lastSaidBy.set(event.text, event.from);
      }
      if (opts.dataDir) writeProgress(dataDir, { line: event.line, clock: clock.now() });
    }
    // Paced sends still waiting for their chat's turn go out on the simulated clock.
    const until = clock.now().getTime() + DRAIN_LIMIT_MS;
    while (app.bot.state.outbox.length > 0 && clock.now().getTime() < until)
      await clock.advanceTo(new Date(clock.now().getTime() + 60_000));
  } finally {
    app.close();
    await app.bot.store.close().catch((err: unknown) => opts.log.error({ err }, 'state could not be saved'));
    await world.stop().catch(() => undefined);
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Rooms of the setup plus rooms events speak in; members are the room's real speakers. */
function roomMembers(events: ReplayEvent[], setup: ReplaySetup): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>();
  for (const r of setup.rooms ?? []) members.set(r.topic, new Set());
  for (const e of events) {
    if (e.kind !== 'message' || e.room === null) continue;
    if (!members.has(e.room)) members.set(e.room, new Set());
    members.get(e.room)!.add(e.fromId ? `${e.from}#${e.fromId}` : e.from);
  }
  return members;
}

/** Resolves when Wechaty next emits a message (the transport, listening first, has it in hand), or after `ms`. */
function nextMessage(world: MockWorld, ms = 20): Promise<void> {
  return new Promise((resolve) => {
    const heard = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      world.wechaty.off('message', heard);
      resolve();
    }, ms);
    world.wechaty.once('message', heard);
  });
}

/**
 * Waits until `done`, woken by Wechaty's message events rather than by polling a timer: a
 * message said in the mock is handled as soon as it arrives. The event heard may be the bot's
 * own echo; then the wait goes on, with a fresh wake-up.
 */
async function handled(
  done: () => boolean,
  arrival: Promise<void>,
  world: MockWorld,
  transport: WechatyTransport,
  timeoutMs: number,
): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  let wake = arrival;
  for (;;) {
    await wake;
    await transport.idle();
    if (done()) return true;
    if (Date.now() > end) return false;
    wake = nextMessage(world);
  }
}

/** Polls for a room-topic change (rare: a rename event), which no message event announces. */
async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 1));
  }
  return true;
}

function readProgress(dir: string): { line: number; clock: Date } | null {
  const file = join(dir, PROGRESS);
  if (!existsSync(file)) return null;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { line: number; clock: string };
  return { line: raw.line, clock: new Date(raw.clock) };
}

function writeProgress(dir: string, p: { line: number; clock: Date }): void {
  const file = join(dir, PROGRESS);
  writeFileSync(`${file}.tmp`, JSON.stringify({ line: p.line, clock: p.clock.toISOString() }), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

function readDelivered(dir: string): Set<number> {
  const file = join(dir, DELIVERED);
  const out = new Set<number>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      for (const id of (JSON.parse(line) as { ids: number[] }).ids) out.add(id);
    } catch {
      // a torn last line: that send was not recorded, so it is sent again
    }
  }
  return out;
}

function recordDelivered(dir: string, ids: readonly number[], at: string, out: OutgoingMessage): void {
  const file = join(dir, DELIVERED);
  appendFileSync(file, `${JSON.stringify({ ids, at, out })}\n`, { mode: 0o600 });
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
