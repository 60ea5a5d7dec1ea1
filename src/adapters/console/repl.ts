// The console loop: reads lines (a terminal or piped stdin), runs slash commands, and hands
// everything else to the bot as a message from the current speaker in the current room.
// The bot's replies reach the terminal through the printer (the console's `send`), the same
// way scheduled jobs' messages do when /time moves the simulated clock.
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { IncomingMessage, OutgoingMessage } from '../../bot/messages.ts';
import type { Directory } from '../../bot/directory.ts';
import type { RosterEntry } from '../../domain/callbacks/types.ts';
import { MAX_JUMP_DAYS, parseConsoleLine, resolveTimeSpec, type ConsoleCommand, type RosterAction } from './commands.ts';
import { describePerson, formatClock, formatPeople, formatPrompt, formatRooms, formatRoster, helpText } from './format.ts';
import { SAMPLE_NOTE, sampleRoster } from './sample-roster.ts';
import type { ConsolePrinter } from './printer.ts';
import { ConsoleSession, matchRoom } from './session.ts';

/** The console's callback roster: read it, and replace it (saved before the next message). */
export interface ConsoleRoster {
  entries(): RosterEntry[];
  replace(entries: RosterEntry[]): Promise<void>;
}

/** A clock that moves only when told to (SimulatedClock). */
export interface SteppingClock {
  now(): Date;
  advanceTo(to: Date): Promise<void>;
  resetTo(to: Date): void;
}

export interface ConsoleLoopOptions {
  input: Readable;
  /** Where readline draws the prompt (interactive mode only). */
  output: Writable;
  printer: ConsolePrinter;
  bot: { handle(msg: IncomingMessage): Promise<OutgoingMessage[]> };
  directory: Pick<Directory, 'allRooms' | 'allPeople' | 'person' | 'knowsPerson'>;
  clock: SteppingClock;
  botName: string;
  /** A person at a terminal: draw a prompt. Otherwise echo each line after its prompt, as a transcript. */
  interactive: boolean;
  speaker?: string;
  room?: string | null;
  /** The bot's roster, for /roster; absent when the console runs without a whole bot. */
  roster?: ConsoleRoster;
}

export async function runConsoleLoop(opts: ConsoleLoopOptions): Promise<void> {
  const { printer, directory, clock, botName } = opts;
  const rooms = directory.allRooms();
  const session = new ConsoleSession(
    opts.speaker ?? directory.allPeople().find((p) => p.role === 'resident')?.name ?? '居民',
    opts.room !== undefined ? opts.room : ((rooms.find((r) => r.kind === 'building') ?? rooms[0])?.topic ?? null),
  );
  const botNames = [...new Set([botName, '邻里小助手'])];

  printer.info(`邻里 linli 控制台 · 模拟时间 ${formatClock(clock.now())} · ${rooms.length} 个群 · /help 查看命令`);
  if (opts.roster && opts.roster.entries().length === 0 && directory.allPeople().some((p) => p.role === 'grid_worker')) {
    printer.info('回访名单是空的:输入 /roster sample 载入一份虚构的示例名单,再用 /time 看网格员每天的回访提醒。');
  }

  const rl = createInterface({
    input: opts.input,
    output: opts.interactive ? opts.output : undefined,
    terminal: opts.interactive,
    crlfDelay: Infinity,
  });
  rl.on('SIGINT', () => rl.close());
  const prompt = (): void => {
    if (!opts.interactive) return;
    rl.setPrompt(formatPrompt(session, botName));
    rl.prompt();
  };

  const execute = async (cmd: ConsoleCommand): Promise<'quit' | undefined> => {
    switch (cmd.kind) {
      case 'empty':
        return;
      case 'quit':
        return 'quit';
      case 'error':
        printer.error(cmd.message);
        return;
      case 'help':
        printer.info(helpText(botName));
        return;
      case 'rooms':
        printer.info(formatRooms(rooms, session.room));
        return;
      case 'people':
        printer.info(formatPeople(directory.allPeople(), session.speaker));
        return;
      case 'as':
        session.speaker = cmd.name;
        printer.info(
          directory.knowsPerson(cmd.name)
            ? `现在由「${cmd.name}」发言(${describePerson(directory.person(cmd.name))})`
            : `现在由「${cmd.name}」发言(不在名单中,按普通居民处理)`,
        );
        return;
      case 'in': {
        const match = matchRoom(
          cmd.room,
          rooms.map((r) => r.topic),
        );
        if (match.kind === 'ambiguous') {
          printer.error(`"${cmd.room}"对应多个群:${match.candidates.join('、')}。请写得更具体些`);
          return;
        }
        session.room = match.topic;
        printer.info(match.kind === 'known' ? `进入「${match.topic}」` : `进入「${match.topic}」(不在配置中,按其他群处理)`);
        return;
      }
      case 'dm':
        session.room = null;
        printer.info(`现在与${botName}私聊`);
        return;
      case 'mention':
        session.mentionNext = !session.mentionNext;
        printer.info(session.mentionNext ? `下一条消息会 @${botName}` : `已取消 @${botName}`);
        return;
      case 'quote':
        session.quoteNext = cmd.text;
        printer.info(cmd.text === null ? '已取消引用' : `下一条消息引用「${cmd.text}」`);
        return;
      case 'time':
        await moveClock(cmd.spec);
        return;
      case 'roster':
        await rosterCommand(cmd.action);
        return;
      case 'say': {
        const before = printer.printed;
        await opts.bot.handle(session.message(cmd.text, cmd.mentionsBot, clock.now()));
        if (opts.interactive && printer.printed === before) printer.info('  (小助手没有回复)');
        return;
      }
    }
  };

  const rosterCommand = async (action: RosterAction): Promise<void> => {
    const roster = opts.roster;
    if (!roster) {
      printer.error('这里没有回访名单可用。');
      return;
    }
    if (action.kind === 'show') {
      printer.info(formatRoster(roster.entries()));
      return;
    }
    if (action.kind === 'sample') {
      // Never on top of a real roster: the sample only fills an empty one.
      const current = roster.entries().length;
      if (current > 0) {
        printer.error(`已经有 ${current} 人的回访名单,示例名单不会覆盖它。/roster 查看。`);
        return;
      }
      const sample = sampleRoster(directory);
      if (sample.length === 0) {
        printer.error('配置里没有网格员(/people 查看),示例名单需要至少一位网格员。');
        return;
      }
      await roster.replace(sample);
      printer.info(`已载入示例名单 ${sample.length} 人(虚构人物,电话是占位号码,备注都标着"${SAMPLE_NOTE}"),只在这个控制台里。`);
      printer.info(formatRoster(sample));
      return;
    }
    if (!existsSync(action.file)) {
      printer.error(`找不到文件 ${action.file}`);
      return;
    }
    // exceljs takes a second to load: only when a file is imported.
    const { importRosterFile, describeImportErrors } = await import('../../roster-io/index.ts');
    const result = await importRosterFile(action.file);
    if (!result.ok) {
      printer.error(`${describeImportErrors(result.errors)}\n原来的名单没有改动。`);
      return;
    }
    await roster.replace(result.entries);
    printer.info(`已导入 ${result.entries.length} 人到回访名单。`);
  };

  const moveClock = async (spec: Extract<ConsoleCommand, { kind: 'time' }>['spec']): Promise<void> => {
    const from = clock.now();
    const to = resolveTimeSpec(spec, from);
    // Going back, or further than a week ahead, sets the date without replaying the jobs
    // in between (every minute of simulated time runs the escalation check).
    if (to.getTime() < from.getTime() || to.getTime() - from.getTime() > MAX_JUMP_DAYS * 86_400_000) {
      clock.resetTo(to);
      printer.info(`⏰ 模拟时钟直接设为 ${formatClock(to)}(途中的定时任务不补发;之后再往后拨就能看到它们)`);
      return;
    }
    printer.info(`⏰ 模拟时钟 ${formatClock(from)} → ${formatClock(to)}`);
    const before = printer.printed;
    await clock.advanceTo(to);
    if (printer.printed === before) printer.info('  (途中没有定时消息)');
  };

  let quitByCommand = false;
  prompt();
  for await (const line of rl) {
    const cmd = parseConsoleLine(line, botNames);
    if (!opts.interactive && cmd.kind !== 'empty') printer.raw(`${formatPrompt(session, botName)}${line.trim()}`);
    let result: 'quit' | undefined;
    try {
      result = await execute(cmd);
    } catch (err) {
      printer.error(`出错了:${err instanceof Error ? err.message : String(err)}`);
    }
    if (result === 'quit') {
      quitByCommand = true;
      break;
    }
    prompt();
  }
  rl.close();
  // Ctrl-D / Ctrl-C leave the cursor after the prompt: end the line for the shell.
  if (opts.interactive && !quitByCommand) opts.output.write('\n');
}
