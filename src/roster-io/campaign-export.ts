// Writing a campaign's results and an activity's sign-up list as .xlsx or .csv (for reporting upward).
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { latestVisit, type Campaign } from '../domain/campaigns/index.ts';
import type { Activity } from '../domain/signups/index.ts';
import { localDate, localTime } from '../domain/time.ts';
import { toCsv } from './csv.ts';
import { writeXlsx } from './xlsx.ts';

async function writeTable(path: string, sheet: string, headers: readonly string[], rows: string[][]): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return writeXlsx(path, sheet, headers, rows);
  if (ext === '.csv') return writeFile(path, toCsv([[...headers], ...rows]), 'utf8');
  throw new Error(`unsupported export file type "${ext}" (use .csv or .xlsx)`);
}

export const CAMPAIGN_RESULT_HEADERS = ['姓名', '楼号', '单元', '室号', '走访人', '结果', '走访日期', '发现的需要', '跟进'] as const;
const OUTCOME = { visited: '已走访', unreachable: '未联系上', declined: '婉拒' } as const;

export function campaignRows(c: Campaign): string[][] {
  return c.people.map((p) => {
    const v = latestVisit(c, p.id);
    const cases = c.followups.filter((f) => f.personId === p.id);
    return [
      p.name,
      p.building,
      p.unit ?? '',
      p.room,
      p.visitor,
      v ? (v.proxy ? '已走访(家属代收)' : OUTCOME[v.outcome]) : '未走访',
      v?.date ?? '',
      cases.map((f) => f.need).join('、'),
      cases.length ? (cases.every((f) => f.doneAt) ? '已办结' : '待办') : '',
    ];
  });
}

export async function exportCampaign(c: Campaign, path: string): Promise<void> {
  await writeTable(path, c.name.slice(0, 31), CAMPAIGN_RESULT_HEADERS, campaignRows(c));
}

export const SIGNUP_HEADERS = ['序号', '姓名', '状态', '报名方式', '代报人', '报名时间', '出勤'] as const;
const STATUS = { confirmed: '已报名', waiting: '候补', cancelled: '已取消' } as const;
const VIA = { group: '群内', private: '私聊', jielong: '接龙', proxy: '代报' } as const;

export function signupRows(a: Activity): string[][] {
  return a.signups.map((s, i) => [
    String(i + 1),
    s.name,
    STATUS[s.status],
    VIA[s.via],
    s.by !== s.name ? s.by : '',
    `${localDate(new Date(s.at))} ${localTime(new Date(s.at))}`,
    s.attended === true ? '到' : s.attended === false ? '缺席' : '',
  ]);
}

export async function exportActivity(a: Activity, path: string): Promise<void> {
  await writeTable(path, a.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), SIGNUP_HEADERS, signupRows(a));
}
