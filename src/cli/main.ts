// The `linli` command. Each subcommand is imported only when used: `parse` and `ask` must not
// pay for loading Wechaty (seconds) or print anything but JSON Lines on stdout.
import { parseArgs } from './args.ts';

const HELP = `linli (邻里) — a WeChat group bot for neighbourhood mutual aid, callbacks and union answers

Usage: linli <command> [options]

Commands:
  start                       run the bot on WeChat (puppet from WECHATY_PUPPET, default wechaty-puppet-wechat4u)
  console                     try the bot in a terminal, without WeChat
  parse [FILE]                understand group messages (JSON Lines out; see shared/contracts/parse.md)
  ask [FILE]                  answer union-service questions (JSON Lines out)
  replay [FILE] [--data DIR]  play a chat transcript through the whole bot on a simulated clock
  roster import FILE          replace the callback roster from a .csv or .xlsx (Chinese headers)
  roster export FILE          write the roster as .xlsx or .csv
                              (--console: the state of \`linli console --data DIR\` instead of the live bot's)
  staff add NAME --role R [--grid G] | list | remove NAME
                              enrol staff: prints a one-time code the person sends the bot privately
  rooms bind TOPIC --kind K [--building N] [--grid G] | list
                              bind a group (the binding follows renames)
  callbacks export FILE --from YYYY-MM-DD --to YYYY-MM-DD
                              write the callback log for reporting
  campaign import FILE --name NAME --deadline YYYY-MM-DD [--start YYYY-MM-DD]
                              a visit campaign's list (姓名 楼号 单元 室号 电话 走访人 备注) from .csv or .xlsx
  campaign export FILE [--name NAME] | campaign list
                              a campaign's results as .xlsx or .csv
  activity export FILE [--id A1] | activity list
                              a union activity's sign-up list as .xlsx or .csv
  store migrate --from lowdb DIR --to postgres
                              copy a community's data (state and archive) into PostgreSQL
                              (LINLI_DATABASE_URL); the source is only read

Options:
  --config DIR   config folder (default: config/)
  --data DIR     data folder (default: data/)
  -h, --help     this help
`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const [command, ...rest] = args.positionals;
  if (args.flags.help || !command) {
    process.stdout.write(HELP);
    return command || args.flags.help ? 0 : 1;
  }
  switch (command) {
    case 'parse':
      return (await import('./parse-command.ts')).runParse(rest[0], args);
    case 'ask':
      return (await import('./ask-command.ts')).runAsk(rest[0], args);
    case 'replay':
      return (await import('./replay-command.ts')).runReplay(rest[0], args);
    case 'start':
      return (await import('./start-command.ts')).runStart(args);
    case 'console':
      return (await import('./console-command.ts')).runConsole(args);
    case 'staff':
    case 'rooms':
      return (await import('./staff-command.ts')).runStaffCommand(command, rest, args);
    case 'store':
      return (await import('./store-command.ts')).runStoreCommand(rest, args);
    case 'roster':
    case 'callbacks':
      return (await import('./roster-command.ts')).runRosterCommand(command, rest, args);
    case 'campaign':
    case 'activity':
      return (await import('./campaign-command.ts')).runCampaignCommand(command, rest, args);
    default:
      process.stderr.write(`linli: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`linli: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
