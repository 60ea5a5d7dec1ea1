// Column headers of roster and call-log spreadsheets, and the other spellings we accept.

export const ROSTER_HEADERS = ['姓名', '楼号', '单元', '室号', '电话', '网格员', '频次', '备注'] as const;
export type RosterColumn = (typeof ROSTER_HEADERS)[number];

export const REQUIRED_COLUMNS: RosterColumn[] = ['姓名', '楼号', '室号', '电话', '网格员', '频次'];

export const CALL_LOG_HEADERS = ['日期', '时间', '姓名', '楼号', '室号', '网格员', '结果', '情况', '需要'] as const;

const ALIASES: Record<string, RosterColumn> = {
  名字: '姓名',
  老人姓名: '姓名',
  楼栋: '楼号',
  楼: '楼号',
  栋: '楼号',
  楼栋号: '楼号',
  单元号: '单元',
  房号: '室号',
  房间号: '室号',
  门牌号: '室号',
  室: '室号',
  手机: '电话',
  手机号: '电话',
  联系电话: '电话',
  电话号码: '电话',
  负责人: '网格员',
  负责网格员: '网格员',
  回访频次: '频次',
  频率: '频次',
  回访频率: '频次',
  说明: '备注',
  情况: '备注',
};

/** The roster column a header cell names, or null. */
export function columnOf(header: string): RosterColumn | null {
  const h = header
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/[((].*[))]$/, '');
  if ((ROSTER_HEADERS as readonly string[]).includes(h)) return h as RosterColumn;
  return ALIASES[h] ?? null;
}
