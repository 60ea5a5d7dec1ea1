// `linli roster import|export` and `linli callbacks export`: spreadsheets in and out of the
// bot's store, for grid workers' lists and for reporting upward.
import { join, resolve } from 'node:path';
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { FileStore } from '../store/file-store.ts';
import { changeState } from '../store/change.ts';
import { stateFile } from './state-file.ts';
import { JsonlArchive } from '../store/archive.ts';
import { JsonlAuditLog } from '../store/audit-log.ts';
import type { CallRecord } from '../domain/callbacks/index.ts';
import { describeImportErrors, exportCallLog, exportRoster, importRosterFile } from '../roster-io/index.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runRosterCommand(command: string, rest: string[], args: ParsedArgs): Promise<number> {
  const [action, file] = rest;
  const dataDir = resolve(flagString(args, 'data') ?? 'data');
  // --console: the state `linli console --data DIR` uses, instead of the live bot's.
  const which = args.flags.console === true ? 'console' : 'live';
  const store = new FileStore(stateFile(dataDir, which));
  const reader = new FileStore(stateFile(dataDir, which), { readOnly: true });
  const fail = (message: string): number => {
    process.stderr.write(`linli ${command}: ${message}\n`);
    return 2;
  };
  if (!file) return fail(`usage: linli ${command} ${action ?? '<import|export>'} FILE`);

  if (command === 'roster' && action === 'import') {
    const result = await importRosterFile(file);
    if (!result.ok) {
      process.stderr.write(`名单没有导入:有 ${result.errors.length} 行不对,请改正后重新导入。\n${describeImportErrors(result.errors)}\n`);
      return 1;
    }
    await changeState(store, (state) => void (state.roster = result.entries));
    // Logged once saved, as every admin action is.
    JsonlAuditLog.inDataDir(dataDir).append({
      at: new Date().toISOString(),
      by: 'cli',
      action: 'roster.import',
      subject: file,
      detail: { people: result.entries.length },
    });
    process.stderr.write(`已导入 ${result.entries.length} 人到回访名单 (${store.file})\n`);
    if (which === 'console') process.stderr.write(`用 linli console --data ${dataDir} 打开控制台即可使用这份名单\n`);
    return 0;
  }
  if (command === 'roster' && action === 'export') {
    const state = await reader.load();
    await exportRoster(state.roster, file);
    process.stderr.write(`已导出 ${state.roster.length} 人到 ${file}\n`);
    return 0;
  }
  if (command === 'callbacks' && action === 'export') {
    const from = flagString(args, 'from');
    const to = flagString(args, 'to');
    if (!from || !to || !DATE.test(from) || !DATE.test(to)) return fail('--from and --to need dates like 2022-12-01');
    const state = await reader.load();
    // Older calls live in the archive; a record can be in both after an interrupted move.
    const archived = await new JsonlArchive(join(dataDir, 'archive')).readAll<CallRecord>('calls');
    const calls = [...new Map([...archived, ...state.calls].map((c) => [c.id, c])).values()];
    await exportCallLog(calls, state.roster, { from, to }, file);
    process.stderr.write(`已导出 ${from} 至 ${to} 的回访记录到 ${file}\n`);
    return 0;
  }
  return fail(`unknown action "${action ?? ''}" (import or export)`);
}
