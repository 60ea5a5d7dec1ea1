// `linli start`: the bot on WeChat. State in <data>/linli.json and its journal, the login session
// in <data>/linli.memory-card.json, schedules on node-cron in Asia/Shanghai, the knowledge base
// reloaded when staff edit it, sends paced by the outbox sender. Ends with exit code 0 on
// SIGINT/SIGTERM (after saving); 1 with one clear message when WeChat cannot be reached, the
// message stream stalled and a restart did not help, nobody scanned again after a logout
// (bot.heartbeat, bot.loggedOutExitMinutes), or the state can no longer be saved; 2 when the
// state file cannot be used (it is left untouched; a supervisor should not restart on 2).
import { loadReaderModels } from './reader-model.ts';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { createApp } from '../app.ts';
import { staffAddress } from '../adapters/wechaty/staff-address.ts';
import { JsonlAuditLog } from '../store/audit-log.ts';
import { hostname } from 'node:os';
import { loadMainConfig, resolveConfigDir } from '../config/load.ts';
import { createLogger } from '../log.ts';
import { CronScheduler, systemClock } from '../schedule/cron-scheduler.ts';
import { FileStore } from '../store/file-store.ts';
import { StateFileError, type StateStore } from '../store/types.ts';
import { type Archive, JsonlArchive } from '../store/archive.ts';
import type { District } from '../store/postgres/district.ts';
import type { LiveBot, LiveEnd } from '../adapters/wechaty/live.ts';
import { startWebPage } from '../web/start.ts';

const DEFAULT_DATA_DIR = 'data';
/** If Wechaty's sockets and timers keep the process alive after shutdown, exit anyway. */
const FORCE_EXIT_AFTER_MS = 2_000;

type Outcome = LiveEnd | { reason: 'signal'; signal: NodeJS.Signals } | { reason: 'fatal'; message: string };

export async function runStart(args: ParsedArgs): Promise<number> {
  const log = createLogger();
  const configDir = resolveConfigDir(flagString(args, 'config'));
  const dataDir = resolve(flagString(args, 'data') ?? DEFAULT_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  // store: postgres — several processes (one per WeChat account) share one database.
  let district: District | null = null;
  let app: Awaited<ReturnType<typeof createApp>>;
  let store: StateStore;
  let archive: Archive;
  if (loadMainConfig(configDir).store === 'postgres') {
    const url = process.env.LINLI_DATABASE_URL;
    if (!url) {
      process.stderr.write('配置为 store: postgres,但没有设置环境变量 LINLI_DATABASE_URL(数据库连接串)。\n');
      return 2;
    }
    const { openDistrict, accountName } = await import('../store/postgres/district.ts');
    district = await openDistrict({ url, account: accountName(process.env, hostname()), log, onChange: () => void app?.bot.refresh() });
    store = district.store;
    archive = district.archive;
  } else {
    store = new FileStore(join(dataDir, 'linli.json'));
    archive = new JsonlArchive(join(dataDir, 'archive'));
  }
  const scheduler = new CronScheduler((job, err) => log.error({ job, err }, 'scheduled job failed'));

  let live: LiveBot | null = null;
  let loggedIn = false;
  let fatal: (o: Outcome) => void = () => {};
  const fatalOutcome = new Promise<Outcome>((resolve) => (fatal = resolve));
  try {
    app = await createApp({
      // The readers the build trained: no training at every start.
      readers: loadReaderModels,
      archive,
      shared: district?.shared,
      configDir,
      store,
      clock: systemClock,
      scheduler,
      send: async (out) => {
        if (!live || !loggedIn) throw new Error('WeChat is not connected');
        await live.send(out);
      },
      log,
      watchKnowledgeBase: true,
      // Live, a display name or a group topic proves nothing: staff enrol with a code, admins bind groups.
      trustConfig: false,
      audit: JsonlAuditLog.inDataDir(dataDir),
      paced: true,
      background: true,
      onFatal: (err) =>
        fatal({
          reason: 'fatal',
          message: `状态无法保存到 ${store.where}(${err instanceof Error ? err.message : String(err)}),已停止以免丢失记录。`,
        }),
    });
  } catch (err) {
    if (!(err instanceof StateFileError)) throw err;
    process.stderr.write(`状态文件无法使用,未做任何修改:${err.message}\n`);
    log.error({ file: err.file, problem: err.problem }, 'state file unusable; not started');
    setTimeout(() => process.exit(2), FORCE_EXIT_AFTER_MS).unref();
    return 2;
  }

  const web =
    app.config.web.enabled && !args.flags['no-web']
      ? await startWebPage({ app, dataDir, log }, (line) => process.stderr.write(`${line}\n`))
      : null;
  const signal = waitForSignal();
  // Scheduled messages only make sense while logged in.
  let schedulerRunning = false;
  const { startLive, DEFAULT_PUPPET } = await import('../adapters/wechaty/live.ts');
  live = await startLive({
    dataDir,
    puppet: process.env.WECHATY_PUPPET || DEFAULT_PUPPET,
    botName: app.config.bot.name,
    log,
    heartbeat: app.config.bot.heartbeat,
    loggedOutExitMinutes: app.config.bot.loggedOutExitMinutes,
    onMessage: async (msg) => {
      if (district) {
        district.learnChat(msg.room ? `room:${msg.room.topic}` : `to:${msg.sender.name}`);
        // Staff are written to by their enrolled name (their contact found by its remark), not their display name.
        const speaker = app.bot.services.directory.speaker(msg.sender);
        if (!msg.room && speaker.role !== 'resident') district.learnChat(`to:${speaker.name}`);
      }
      await app.bot.handle(msg);
    },
    onRoomTopic: (room) => app.bot.roomRenamed(room),
    staffAddress: (name) => staffAddress(app.bot.state, name),
    onLogin: () => {
      loggedIn = true;
      // Register the account's chats in the district: its outbox messages are sent from here.
      if (district && live) {
        const d = district;
        void live
          .chats()
          .then((chats) => {
            for (const c of chats) d.learnChat(c);
          })
          .catch((err) => log.error({ err }, 'could not list the account’s chats'));
      }
      // What an earlier run decided and did not send goes first.
      void app.bot.resumeSending();
      if (schedulerRunning) return;
      scheduler.start();
      schedulerRunning = true;
    },
    onLogout: () => {
      loggedIn = false;
      if (!schedulerRunning) return;
      scheduler.stop();
      schedulerRunning = false;
    },
  });

  const outcome: Outcome = await Promise.race([live.ended, signal.promise, fatalOutcome]);
  signal.dispose();
  await web?.close();
  app.close();
  await live.stop();
  await district?.member.leave().catch((err) => log.error({ err }, 'could not hand over the chats'));
  try {
    await store.close();
  } catch (err) {
    log.error({ err, store: store.where }, 'state could not be saved at shutdown');
  }
  const code = outcome.reason === 'signal' ? 0 : 1;
  if (outcome.reason === 'signal') {
    process.stderr.write(`已停止(${outcome.signal}),状态已保存到 ${store.where}\n`);
  } else {
    process.stderr.write(`${outcome.message}\n`);
  }
  setTimeout(() => process.exit(code), FORCE_EXIT_AFTER_MS).unref();
  return code;
}

/** The first SIGINT/SIGTERM asks for a clean stop; a second one exits at once. */
function waitForSignal(): { promise: Promise<Outcome>; dispose(): void } {
  let received = false;
  let resolveSignal: (o: Outcome) => void = () => {};
  const promise = new Promise<Outcome>((resolve) => (resolveSignal = resolve));
  const onSignal = (sig: NodeJS.Signals): void => {
    if (received) process.exit(130);
    received = true;
    process.stderr.write('正在停止……(再按一次 Ctrl-C 立即退出)\n');
    resolveSignal({ reason: 'signal', signal: sig });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    promise,
    dispose() {
      // Keep a handler during shutdown so that a second signal still exits at once.
      if (!received) {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        process.on('SIGINT', () => process.exit(130));
        process.on('SIGTERM', () => process.exit(143));
      }
    },
  };
}
