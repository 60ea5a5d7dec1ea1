// Importing a visit campaign's list (.csv or .xlsx): 姓名 楼号 单元 室号 电话 走访人 备注.
// The same checks and row errors as the callback roster; a phone is optional (a visit needs none).
import { rosterEntryId } from '../domain/callbacks/entry.ts';
import { campaignId, type Campaign, type CampaignPerson } from '../domain/campaigns/index.ts';
import { readRows, type RowError } from './import.ts';
import { normalizeBuilding, normalizePhone, normalizeRoom, normalizeUnit } from './validate.ts';

export const CAMPAIGN_HEADERS = ['姓名', '楼号', '单元', '室号', '电话', '走访人', '备注'] as const;
type Column = (typeof CAMPAIGN_HEADERS)[number];
const REQUIRED: Column[] = ['姓名', '楼号', '室号', '走访人'];

const ALIASES: Record<string, Column> = {
  名字: '姓名',
  楼栋: '楼号',
  楼: '楼号',
  栋: '楼号',
  单元号: '单元',
  房号: '室号',
  房间号: '室号',
  门牌号: '室号',
  手机: '电话',
  手机号: '电话',
  联系电话: '电话',
  走访人员: '走访人',
  走访人员姓名: '走访人',
  负责人: '走访人',
  网格员: '走访人',
  慰问人: '走访人',
  说明: '备注',
  情况: '备注',
};

function columnOf(header: string): Column | null {
  const h = header
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/[((].*[))]$/, '');
  return (CAMPAIGN_HEADERS as readonly string[]).includes(h) ? (h as Column) : (ALIASES[h] ?? null);
}

export type CampaignRowsResult = { ok: true; people: CampaignPerson[] } | { ok: false; errors: RowError[] };

export function campaignPeopleFromRows(rows: readonly { line: number; cells: string[] }[]): CampaignRowsResult {
  const [header, ...body] = rows;
  if (!header) return { ok: false, errors: [{ line: 1, reason: `文件是空的,第一行应是表头:${CAMPAIGN_HEADERS.join(' ')}` }] };
  const columns = header.cells.map(columnOf);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) return { ok: false, errors: [{ line: header.line, reason: `表头缺少:${missing.join('、')}` }] };
  if (body.length === 0) return { ok: false, errors: [{ line: header.line, reason: '只有表头,没有名单' }] };
  const reasons = new Map<number, string[]>();
  const seen = new Map<string, number>();
  const people: CampaignPerson[] = [];
  for (const row of body) {
    const cell = (c: Column) => {
      const i = columns.indexOf(c);
      return i < 0 ? '' : (row.cells[i] ?? '').trim();
    };
    const problems: string[] = [];
    const name = cell('姓名');
    const building = normalizeBuilding(cell('楼号'));
    const unit = normalizeUnit(cell('单元'));
    const room = normalizeRoom(cell('室号'));
    const visitor = cell('走访人');
    const phoneRaw = cell('电话');
    const phone = phoneRaw ? normalizePhone(phoneRaw) : '';
    if (!name) problems.push('缺少姓名');
    else if (name.length > 20 || /\d/.test(name)) problems.push(`姓名看起来不对("${name}")`);
    if (!building) problems.push('缺少楼号');
    if (!room) problems.push('缺少室号');
    if (phone === null) problems.push(`电话号码不对("${phoneRaw}"),应为11位手机号或带区号的座机`);
    if (!visitor) problems.push('缺少走访人');
    const id = rosterEntryId(name, building, unit, room);
    const first = seen.get(id);
    if (name && first !== undefined) problems.push(`与第${first}行重复(同一姓名、同一房间)`);
    else seen.set(id, row.line);
    if (problems.length) reasons.set(row.line, problems);
    else people.push({ id, name, building, unit, room, phone: phone ?? '', visitor, note: cell('备注') });
  }
  if (reasons.size) return { ok: false, errors: [...reasons.entries()].map(([line, rs]) => ({ line, reason: rs.join(';') })) };
  return { ok: true, people };
}

export async function importCampaignFile(path: string): Promise<CampaignRowsResult> {
  return campaignPeopleFromRows(await readRows(path));
}

/** A new campaign, or the same-named one with its list replaced (visits to people still listed are kept). */
export function upsertCampaign(
  campaigns: Campaign[],
  spec: { name: string; start: string; deadline: string; people: CampaignPerson[] },
): { campaign: Campaign; replaced: boolean } {
  const id = campaignId(spec.name);
  const old = campaigns.find((c) => c.id === id);
  const ids = new Set(spec.people.map((p) => p.id));
  const campaign: Campaign = {
    id,
    name: spec.name,
    start: spec.start,
    deadline: spec.deadline,
    people: spec.people,
    visits: old?.visits.filter((v) => ids.has(v.personId)) ?? [],
    followups: old?.followups.filter((f) => ids.has(f.personId)) ?? [],
    startNoticeAt: old?.startNoticeAt ?? null,
    remindedDates: old?.remindedDates ?? [],
    finalReportAt: null,
  };
  if (old) campaigns.splice(campaigns.indexOf(old), 1, campaign);
  else campaigns.push(campaign);
  return { campaign, replaced: Boolean(old) };
}
