// Trust: enrolment codes, admins' staff and group commands, the roles table's guard, and keeping
// bindings current (a staff contact's new id after a login, a bound group's new topic).
// Runs first, so nothing after it sees a refused command.
import type { Feature } from '../bot.ts';
import type { MessageContext } from '../context.ts';
import { GROUP_ONLY, PRIVATE_ONLY, REFUSAL, allowed, guardedCommand } from '../roles.ts';
import { codeInText } from '../../identity/codes.ts';
import { addStaff, bindRoom, redeemCode, removeStaff, type RoomSpec, type StaffSpec } from '../../identity/enrol.ts';
import { bindingOfRoom, staffOfContact } from '../../identity/resolve.ts';
import type { StaffRole } from '../../identity/types.ts';
import { CODE_MINUTES } from '../../identity/codes.ts';

const ROLE_WORDS: [RegExp, StaffRole][] = [
  [/^(?:网格员|网格长)$/, 'grid_worker'],
  [/^(?:管理员|社区管理员)$/, 'admin'],
  [/^(?:工会|工会人员|工会工作人员|工会员工)$/, 'union_staff'],
];
export const ROLE_LABEL: Record<string, string> = { grid_worker: '网格员', admin: '管理员', union_staff: '工会工作人员', resident: '居民' };

export const trustFeature: Feature = {
  name: 'trust',
  staffHelp: ['管理员(私聊):登记员工 邵婷婷 网格员 楚凤一网格 / 员工列表 / 移除员工 邵婷婷;在群里说"绑定本群 3号楼"'],
  install(bot) {
    bot.on((ctx, next) => {
      keepBindingsCurrent(ctx);
      if (ctx.isPrivate && redeem(ctx)) return;
      const row = guardedCommand(ctx.text);
      if (!row) return next();
      const addressed = ctx.isPrivate || ctx.msg.mentionsBot || row.where.includes('group');
      if (!addressed) return next();
      if (!allowed(row, ctx.person.role)) return ctx.reply(REFUSAL);
      if (!row.where.includes(ctx.isPrivate ? 'private' : 'group')) return ctx.reply(ctx.isPrivate ? GROUP_ONLY : PRIVATE_ONLY);
      if (adminCommand(ctx)) return;
      return next();
    });
  },
};

/** A staff member seen under a new contact id (a new login), a bound group under a new topic or id. */
function keepBindingsCurrent(ctx: MessageContext): void {
  const { sender, room } = ctx.msg;
  const staff = staffOfContact(ctx.state.staff, sender);
  if (staff && staff.contactId !== sender.id) staff.contactId = sender.id;
  if (room) {
    const binding = bindingOfRoom(ctx.state.roomBindings, room);
    if (binding && binding.roomId !== room.id) binding.roomId = room.id;
    if (binding && binding.topic !== room.topic) binding.topic = room.topic;
    // A group known by the trusted config (tests, replay, console) is pinned to its id when first
    // heard, so a later rename keeps it. Live, config rooms are not trusted and this never fires.
    if (!binding && ctx.room && ctx.room.kind !== 'other') bindRoom(ctx.state, room, ctx.room, 'config', ctx.now);
  }
}

function redeem(ctx: MessageContext): boolean {
  const code = codeInText(ctx.text);
  if (!code) return false;
  const result = redeemCode(ctx.state, code, ctx.msg.sender.id, ctx.now);
  if (result.kind === 'locked') {
    const minutes = Math.max(1, Math.ceil((Date.parse(result.until) - ctx.now.getTime()) / 60_000));
    ctx.reply(`登记码错的次数太多,请${minutes}分钟后再试,或找管理员。`);
    return true;
  }
  if (result.kind === 'wrong') {
    ctx.reply('登记码不对或已过期,请向管理员重新要一个。');
    return true;
  }
  const { record } = result;
  ctx.audit.push({
    at: ctx.now.toISOString(),
    by: record.name,
    action: 'staff.enrol',
    subject: record.name,
    detail: { role: record.role },
  });
  // Addressed by name: the transport finds the bound contact (and gives it the remark).
  ctx.outbox.toPerson(
    record.name,
    `登记好了:${record.name},${ROLE_LABEL[record.role]}${record.grid ? `(${record.grid})` : ''}。以后请用这个微信私聊我。`,
  );
  return true;
}

function adminCommand(ctx: MessageContext): boolean {
  const text = ctx.text.trim();
  const by = ctx.person.name;
  const at = ctx.now.toISOString();
  if (/^员工列表$/.test(text)) {
    ctx.reply(describeStaff(ctx));
    return true;
  }
  let m = /^移除员工\s*(\S+)$/.exec(text);
  if (m) {
    const gone = removeStaff(ctx.state, m[1]!);
    if (gone) ctx.audit.push({ at, by, action: 'staff.remove', subject: gone.name });
    ctx.reply(gone ? `已移除:${gone.name}。这个微信以后按居民对待。` : `没有叫${m[1]}的工作人员。`);
    return true;
  }
  m = /^登记员工\s*(.*)$/.exec(text);
  if (m) {
    const spec = staffSpec(m[1]!);
    if (!spec) {
      ctx.reply('请这样说:登记员工 邵婷婷 网格员 楚凤一网格(角色:网格员、管理员、工会;网格员要写网格)');
      return true;
    }
    const code = addStaff(ctx.state, spec, by, ctx.now);
    ctx.audit.push({ at, by, action: 'staff.add', subject: spec.name, detail: { role: spec.role, grid: spec.grid } });
    ctx.reply(`${spec.name}的登记码:${code}(${CODE_MINUTES}分钟内有效,只能用一次)。请${spec.name}用自己的微信私聊我发这个码。`);
    return true;
  }
  m = /^绑定本群\s*(.*)$/.exec(text);
  if (m && ctx.msg.room) {
    const spec = roomSpec(m[1]!);
    if (!spec) {
      ctx.reply('请这样说:绑定本群 3号楼 楚凤二网格 / 绑定本群 楚凤一网格 / 绑定本群 工会');
      return true;
    }
    bindRoom(ctx.state, ctx.msg.room, spec, by, ctx.now);
    ctx.audit.push({
      at,
      by,
      action: 'room.bind',
      subject: ctx.msg.room.topic,
      detail: { kind: spec.kind, building: spec.building, grid: spec.grid },
    });
    ctx.reply(`本群已绑定:${describeRoom(spec)}。改群名不影响。`);
    return true;
  }
  return false;
}

export function staffSpec(words: string): StaffSpec | null {
  const [name, roleWord, grid] = words.trim().split(/\s+/);
  if (!name || !roleWord) return null;
  const role = ROLE_WORDS.find(([re]) => re.test(roleWord))?.[1];
  if (!role) return null;
  if (role === 'grid_worker' && !grid) return null;
  return { name, role, grid: grid ?? null };
}

export function roomSpec(words: string): RoomSpec | null {
  const tokens = words.trim().split(/\s+/).filter(Boolean);
  let building: string | null = null;
  let grid: string | null = null;
  let union = false;
  let other = false;
  for (const t of tokens) {
    const b = /^(\d+)号?楼(?:群)?$/.exec(t);
    if (b) building = b[1]!;
    else if (/网格(?:群)?$/.test(t)) grid = t.replace(/群$/, '');
    else if (/^工会/.test(t)) union = true;
    else if (/^其他|^其它/.test(t)) other = true;
  }
  if (building) return { kind: 'building', building, grid };
  if (grid) return { kind: 'grid', building: null, grid };
  if (union) return { kind: 'union', building: null, grid: null };
  if (other) return { kind: 'other', building: null, grid: null };
  return null;
}

function describeRoom(spec: RoomSpec): string {
  if (spec.kind === 'building') return `${spec.building}号楼群${spec.grid ? `(${spec.grid})` : ''}`;
  if (spec.kind === 'grid') return `${spec.grid}群`;
  if (spec.kind === 'union') return '工会服务群';
  return '其他群';
}

function describeStaff(ctx: MessageContext): string {
  if (ctx.state.staff.length === 0) return '还没有登记的工作人员。';
  const lines = ctx.state.staff.map(
    (s) => `· ${s.name} ${ROLE_LABEL[s.role]}${s.grid ? ` ${s.grid}` : ''} ${s.enrolledAt ? '已绑定微信' : '等登记码'}`,
  );
  return ['工作人员:', ...lines].join('\n');
}
