// The one table of who may run which command and see which data (the README has the same table).
// `pattern` marks the commands the trust feature guards: a role not listed gets a short refusal,
// which is never kept as a question for union staff. Rows without a pattern are enforced where
// the data is produced (a resident's words are never read as a callback report, digests go only
// to enrolled staff).
import type { Role } from '../identity/types.ts';

export type Where = 'group' | 'private';

export interface RoleRow {
  command: string;
  /** An example of the command, for help and for the role-matrix test. */
  example: string;
  where: Where[];
  roles: Role[];
  /** What it shows or changes. */
  data: string;
  pattern?: RegExp;
}

const ALL: Role[] = ['resident', 'grid_worker', 'admin', 'union_staff'];
const STAFF: Role[] = ['grid_worker', 'admin', 'union_staff'];

export const ROLE_TABLE: readonly RoleRow[] = [
  { command: '求助、回应、完成、取消', example: '我的求助', where: ['group', 'private'], roles: ALL, data: '自己的求助;群里只@双方' },
  { command: '帮助', example: '帮助', where: ['group', 'private'], roles: ALL, data: '能做什么(工作人员多看到自己的命令)' },
  { command: '问:工会问题', example: '问:拖欠工资怎么办', where: ['group', 'private'], roles: ALL, data: '知识库的回答' },
  {
    command: '登记码',
    example: '12345678',
    where: ['private'],
    roles: ALL,
    data: '把发码的微信绑定为码所属的工作人员',
  },
  {
    command: '回访查询',
    example: '还有谁没打',
    where: ['private'],
    roles: ['grid_worker', 'admin'],
    data: '网格员:自己名单上的人(姓名、房号、电话);管理员:全部',
    pattern: /^(?:今天)?(?:要回访哪些人|回访名单|还有谁没打|谁没接|谁需要跟进|回访统计)[?？]?$/,
  },
  {
    command: '回访结果(大白话)',
    example: '张桂兰挺好的',
    where: ['private'],
    roles: ['grid_worker', 'admin'],
    data: '记一条回访(网格员:自己名单上的人;管理员:全部)',
  },
  {
    command: '库存',
    example: '库存 布洛芬 +20',
    where: ['private'],
    roles: ['grid_worker', 'admin'],
    data: '爱心药领取处的库存',
    pattern: /^库存(?:\s|$)/,
  },
  {
    command: '未解答问题',
    example: '未解答问题',
    where: ['private'],
    roles: ['union_staff', 'admin'],
    data: '转给工作人员的工会问题',
    pattern: /^(?:未解答|待解答|转人工)的?问题$/,
  },
  {
    command: '登记员工 / 员工列表 / 移除员工',
    example: '员工列表',
    where: ['private'],
    roles: ['admin'],
    data: '工作人员和登记码',
    pattern: /^(?:登记员工|员工列表|移除员工)/,
  },
  {
    command: '绑定本群',
    example: '绑定本群 3号楼',
    where: ['group'],
    roles: ['admin'],
    data: '群的类型、楼号、网格',
    pattern: /^绑定本群/,
  },
  {
    command: '走访查询',
    example: '还有谁没走访',
    where: ['private'],
    roles: ['grid_worker', 'admin'],
    data: '走访人:自己要走访的人;管理员:全部活动的进度',
    pattern: /^(?:还有谁没走访|走访进度)[?？]?$/,
  },
  {
    command: '走访结果(大白话)',
    example: '',
    where: ['private'],
    roles: ['grid_worker', 'admin'],
    data: '记一次走访和发现的需要(走访人:自己名单上的人;管理员:全部)',
  },
  {
    command: '报名、取消报名、报名情况',
    example: '报名情况',
    where: ['group', 'private'],
    roles: ALL,
    data: '自己的报名;群里只有人数,名单只私聊给工作人员',
  },
  {
    command: '发布活动',
    example: '发布活动 标题:安全生产小课堂 时间:3月25日19:00 地点:线上 名额:50',
    where: ['private'],
    roles: ['union_staff', 'admin'],
    data: '公告到工会群的活动',
    pattern: /^(?:发布活动|发活动|新活动|活动发布|发布报名|发起报名|新建活动)/,
  },
  {
    command: '签到 / 缺席 / 取消活动',
    example: '取消活动 A1',
    where: ['private'],
    roles: ['union_staff', 'admin'],
    data: '活动的到场记录;取消时通知报名的人',
    pattern: /^(?:(?:签到|到场|出席|缺席|没来)\s*A\d+|取消活动\s*A\d+)/,
  },
  {
    command: '早间名单、催办、晚间汇总(定时)',
    example: '',
    where: ['private'],
    roles: STAFF,
    data: '网格员:自己的名单和本网格求助;管理员:总数和升级;工会人员:待解答问题',
  },
];

export function allowed(row: RoleRow, role: Role): boolean {
  return row.roles.includes(role);
}

/** The guarded command a text is, if any. */
export function guardedCommand(text: string): RoleRow | null {
  const t = text.trim();
  return ROLE_TABLE.find((r) => r.pattern?.test(t)) ?? null;
}

export const REFUSAL = '这个功能只对已登记的工作人员开放。';
export const PRIVATE_ONLY = '这个请私聊我。';
export const GROUP_ONLY = '请在要绑定的群里说。';
