// `linli campaign import|export|list` and `linli activity export|list`: visit-campaign lists in,
// campaign results and activity sign-up lists out, for staff and for reporting upward.
import { resolve } from 'node:path';
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';
import { FileStore } from '../store/file-store.ts';
import { changeState } from '../store/change.ts';
import { stateFile } from './state-file.ts';
import { describeImportErrors } from '../roster-io/import.ts';
import { importCampaignFile, upsertCampaign } from '../roster-io/campaign-import.ts';
import { exportActivity, exportCampaign } from '../roster-io/campaign-export.ts';
import { countCampaign } from '../domain/campaigns/index.ts';
import { localDate } from '../domain/time.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runCampaignCommand(command: string, rest: string[], args: ParsedArgs): Promise<number> {
  const [action, file] = rest;
  const dataDir = resolve(flagString(args, 'data') ?? 'data');
  const which = args.flags.console === true ? 'console' : 'live';
  const path = stateFile(dataDir, which);
  const fail = (message: string): number => {
    process.stderr.write(`linli ${command}: ${message}\n`);
    return 2;
  };
  const read = () => new FileStore(path, { readOnly: true }).load();

  if (command === 'campaign' && action === 'import') {
    const name = flagString(args, 'name');
    const deadline = flagString(args, 'deadline');
    const start = flagString(args, 'start') ?? localDate(new Date());
    if (!file || !name || !deadline)
      return fail('usage: linli campaign import FILE --name 2023春节送春联 --deadline 2023-01-20 [--start 2023-01-09]');
    if (!DATE.test(deadline) || !DATE.test(start) || start > deadline)
      return fail('--start and --deadline need dates like 2023-01-20, start first');
    const result = await importCampaignFile(file);
    if (!result.ok) {
      process.stderr.write(`${describeImportErrors(result.errors)}\n`);
      return 1;
    }
    let replaced = false;
    await changeState(new FileStore(path), (state) => {
      replaced = upsertCampaign(state.campaigns, { name, start, deadline, people: result.people }).replaced;
    });
    const visitors = new Set(result.people.map((p) => p.visitor)).size;
    process.stderr.write(
      `已${replaced ? '更新' : '导入'}走访活动「${name}」:${result.people.length} 人,${visitors} 位走访人,${start} 至 ${deadline} (${path})\n`,
    );
    return 0;
  }
  if (command === 'campaign' && action === 'list') {
    for (const c of (await read()).campaigns) {
      const k = countCampaign(c);
      process.stdout.write(
        `${c.name}\t${c.start}~${c.deadline}\t已走访 ${k.visited}/${k.total}\t未联系上 ${k.unreachable}\t婉拒 ${k.declined}\t需要 ${k.needs}\n`,
      );
    }
    return 0;
  }
  if (command === 'campaign' && action === 'export') {
    const name = flagString(args, 'name');
    const state = await read();
    const c = name ? state.campaigns.find((x) => x.name === name) : state.campaigns.at(-1);
    if (!file || !c)
      return fail(
        `usage: linli campaign export FILE [--name NAME] (campaigns: ${state.campaigns.map((x) => x.name).join(', ') || 'none'})`,
      );
    await exportCampaign(c, file);
    process.stderr.write(`已导出「${c.name}」${c.people.length} 人的走访结果到 ${file}\n`);
    return 0;
  }
  if (command === 'activity' && action === 'list') {
    for (const a of (await read()).activities.list) {
      const n = a.signups.filter((s) => s.status === 'confirmed').length;
      process.stdout.write(`${a.id}\t${a.title}\t${a.time}\t${n}${a.capacity ? `/${a.capacity}` : ''}${a.cancelled ? '\t已取消' : ''}\n`);
    }
    return 0;
  }
  if (command === 'activity' && action === 'export') {
    const id = flagString(args, 'id');
    const state = await read();
    const a = id ? state.activities.list.find((x) => x.id === id) : state.activities.list.at(-1);
    if (!file || !a) return fail('usage: linli activity export FILE [--id A1]');
    await exportActivity(a, file);
    process.stderr.write(`已导出「${a.title}」的报名名单(${a.signups.length} 条)到 ${file}\n`);
    return 0;
  }
  return fail(`unknown action "${action ?? ''}"`);
}
