// Pure text for the console: the prompt, the bot's messages, room and people lists, help.
import type { OutgoingMessage } from '../../bot/messages.ts';
import type { PersonInfo, RoomInfo } from '../../bot/directory.ts';
import { localDate, localTime, localWeekday } from '../../domain/time.ts';
import { formatAddress } from '../../domain/callbacks/entry.ts';
import { formatFrequency } from '../../domain/callbacks/frequency.ts';
import type { RosterEntry } from '../../domain/callbacks/types.ts';
import type { ConsoleSession } from './session.ts';
import { MAX_JUMP_DAYS } from './commands.ts';

export const PRIVATE_LABEL = '私聊';

const ROLE_LABEL: Record<PersonInfo['role'], string> = {
  resident: '居民',
  grid_worker: '网格员',
  admin: '管理员',
  union_staff: '工会工作人员',
};
const KIND_LABEL: Record<RoomInfo['kind'], string> = { building: '楼栋群', grid: '网格群', union: '工会服务群', other: '其他群' };
const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

export function formatPrompt(session: ConsoleSession, botName: string): string {
  const flags: string[] = [];
  if (session.mentionNext) flags.push(`@${botName}`);
  if (session.quoteNext !== null) flags.push(`引用「${clip(session.quoteNext, 12)}」`);
  const extra = flags.length ? ` · ${flags.join(' · ')}` : '';
  return `[${session.speaker} @ ${session.room ?? PRIVATE_LABEL}${extra}] > `;
}

/** The bot's message: a header (time, where, whom it @-mentions) and the text, indented. */
export function formatBotMessage(out: OutgoingMessage, at: Date, botName: string): { header: string; body: string } {
  const where = out.kind === 'room' ? out.room : `${PRIVATE_LABEL} → ${out.to}`;
  const mentions = out.kind === 'room' && out.mentions.length ? `  ${out.mentions.map((n) => `@${n}`).join(' ')}` : '';
  const header = `  ◆ ${botName} ${localTime(at)} → ${where}${mentions}`;
  const body = out.text
    .split('\n')
    .map((l) => `  │ ${l}`)
    .join('\n');
  return { header, body };
}

export function formatClock(at: Date): string {
  return `${localDate(at)} ${localTime(at)}(周${WEEKDAY[localWeekday(at)]},上海时间)`;
}

export function formatRooms(rooms: RoomInfo[], current: string | null): string {
  const lines = rooms.map((r) => {
    const details = [KIND_LABEL[r.kind], r.building ? `${r.building}号楼` : null, r.grid].filter(Boolean).join(' · ');
    return `${r.topic === current ? '*' : ' '} ${r.topic}(${details})`;
  });
  if (current !== null && !rooms.some((r) => r.topic === current)) lines.push(`* ${current}(其他群,不在配置中)`);
  lines.push('  用 /in 群名 进入(可写群名的一部分),/dm 私聊小助手');
  return lines.join('\n');
}

export function formatPeople(people: PersonInfo[], speaker: string): string {
  const lines = people.map((p) => `${p.name === speaker ? '*' : ' '} ${p.name}(${describePerson(p)})`);
  if (!people.some((p) => p.name === speaker)) lines.push(`* ${speaker}(居民,不在名单中)`);
  lines.push('  用 /as 名字 切换发言人;不在名单中的名字按普通居民处理');
  return lines.join('\n');
}

export function describePerson(p: PersonInfo): string {
  const home = [p.building ? `${p.building}号楼` : '', p.unit ? `${p.unit}单元` : '', p.room ?? ''].join('');
  return [ROLE_LABEL[p.role], p.grid, home || null].filter(Boolean).join(' · ');
}

/** The roster grouped by grid worker, without phone numbers (the terminal may be shared). */
export function formatRoster(entries: readonly RosterEntry[]): string {
  if (entries.length === 0) {
    return '回访名单是空的。/roster sample 载入一份虚构的示例名单;真实名单请用 /roster import 文件,或退出后 linli roster import 文件 --console --data 目录。';
  }
  const byWorker = new Map<string, RosterEntry[]>();
  for (const e of entries) byWorker.set(e.worker, [...(byWorker.get(e.worker) ?? []), e]);
  const lines = [`回访名单 ${entries.length} 人:`];
  for (const [worker, people] of byWorker) {
    lines.push(`  ${worker}(${people.length} 人)`);
    for (const p of people) lines.push(`    ${p.name} ${formatAddress(p)} ${formatFrequency(p.frequency)}${p.note ? ` ${p.note}` : ''}`);
  }
  lines.push('  到点的提醒和追问会私信网格员:用 /time 把时钟拨到早上 8:30 之后看看。');
  return lines.join('\n');
}

export function helpText(botName: string): string {
  return [
    '命令:',
    '  /as 名字        以此人身份发言(不在名单中的名字按普通居民处理)',
    '  /in 群名        进入群聊(可写群名中唯一的一部分;未配置的群按"其他群"处理)',
    '  /dm             与小助手私聊',
    '  /rooms          列出配置中的群',
    '  /people         列出配置中的人(角色、网格)',
    '  /time 时间      把模拟时钟往前拨,途中到点的定时任务会执行并显示',
    `                  例:/time 21:30(今天)、/time +30m、/time +2h、/time YYYY-MM-DDTHH:MM(上海时间);往后拨 ${MAX_JUMP_DAYS} 天以内会补发途中的定时任务,拨回过去或跳得更远则直接设定日期`,
    `  /at 或 /@       下一条消息 @${botName}(也可以直接以 @${botName} 开头)`,
    '  /quote 文本     下一条消息引用这段文字(/quote 不带文字则取消)',
    '  /roster         查看回访名单;/roster sample 载入虚构的示例名单(名单为空时);/roster import 文件 导入 .csv/.xlsx',
    '  /help           显示本帮助',
    '  /quit           退出(Ctrl-D 也可以)',
    '其他输入都会作为当前发言人在当前群(或私聊)里说的话发给小助手;以 / 开头的文字请写 //。',
    '注意:模拟时钟从启动时的真实时间开始,只有 /time 会让它前进,两条消息之间时间不会自己走。',
  ].join('\n');
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
