// `linli store migrate --from lowdb DIR --to postgres`: copies a community's lowdb data (state
// and archive) into the PostgreSQL database named by LINLI_DATABASE_URL (or --url), checks the
// counts and reads the state back; the source files are only read.
import { resolve } from 'node:path';
import type { ParsedArgs } from './args.ts';
import { flagString } from './args.ts';

const USAGE = '用法:linli store migrate --from lowdb DIR --to postgres [--url 连接串,默认取 LINLI_DATABASE_URL]\n';

export async function runStoreCommand(rest: string[], args: ParsedArgs): Promise<number> {
  const [sub, dir] = rest;
  if (sub !== 'migrate' || flagString(args, 'from') !== 'lowdb' || flagString(args, 'to') !== 'postgres' || !dir) {
    process.stderr.write(USAGE);
    return 2;
  }
  const url = flagString(args, 'url') ?? process.env.LINLI_DATABASE_URL;
  if (!url) {
    process.stderr.write(`没有数据库连接串:请设置 LINLI_DATABASE_URL 或用 --url。\n${USAGE}`);
    return 2;
  }
  const { copyFromLowdb } = await import('../store/postgres/copy-from-lowdb.ts');
  const { redactUrl } = await import('../store/postgres/postgres-store.ts');
  try {
    const report = await copyFromLowdb(resolve(dir), url);
    const lines = Object.entries(report.counts).map(([k, n]) => `  ${k}: ${n}`);
    process.stderr.write(`已复制到 ${redactUrl(url)}(源文件未改动),条数核对一致:\n${lines.join('\n')}\n  其他字段: ${report.values}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`复制失败,数据库未写入:${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
