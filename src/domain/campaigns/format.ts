// What the bot says about campaigns. Visitors see their own people; admins see everyone;
// groups see counts only (never a name, a room or a need).
import { daysBetween } from '../time.ts';
import { countCampaign, latestVisit, peopleOf, statusOf, toVisit, type CampaignCounts } from './progress.ts';
import type { Campaign, CampaignPerson, VisitOutcome } from './types.ts';
import type { Recorded } from './record.ts';

const OUTCOME_CN: Record<VisitOutcome, string> = { visited: '已走访', unreachable: '未联系上', declined: '婉拒' };

function dateCn(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

function address(p: CampaignPerson): string {
  return `${p.building}号楼${p.unit ? `${p.unit}单元` : ''}${p.room}`;
}

/** A visitor's own line for a person: name, address, phone — only ever sent to that visitor. */
function personLine(c: Campaign, p: CampaignPerson, i: number): string {
  const status = statusOf(c, p);
  const mark = status === 'unreachable' ? '(上次没联系上)' : '';
  const extra = [p.phone, p.note].filter(Boolean).join(' ');
  return `${i + 1}. ${p.name} ${address(p)}${extra ? ` ${extra}` : ''}${mark}`;
}

function countsLine(k: CampaignCounts): string {
  return `已走访 ${k.visited} / ${k.total} 人,未联系上 ${k.unreachable},婉拒 ${k.declined},未走访 ${k.pending}`;
}

export function formatStartNotice(c: Campaign, visitor: string): string {
  const mine = peopleOf(c, visitor);
  // Examples use the visitor's own people: another visitor's names are not theirs to see.
  const a = mine[0]?.name ?? '王大爷';
  const b = mine[1]?.name ?? a;
  return [
    `【${c.name}】今天开始,${dateCn(c.deadline)}前完成。您负责走访 ${mine.length} 人:`,
    ...mine.map((p, i) => personLine(c, p, i)),
    `走访后直接私聊告诉我,如"${a}送到了,身体挺好,说家里暖气不热";家里没人就说"${b}家里没人"。`,
    '老人提到的困难我会记成跟进事项,只给您和管理员看,不发到群里。',
  ].join('\n');
}

export function formatReminder(c: Campaign, visitor: string, today: string, kind: 'weekly' | 'final_days'): string | null {
  const left = toVisit(c, visitor);
  const k = countCampaign(c, peopleOf(c, visitor));
  const days = daysBetween(today, c.deadline);
  const when = days === 0 ? '今天截止' : `还有 ${days} 天截止(${dateCn(c.deadline)})`;
  if (left.length === 0) return kind === 'weekly' ? `【${c.name}】本周进度:您的 ${k.total} 人都已走访,辛苦了!` : null;
  const head =
    kind === 'weekly' ? `【${c.name}】本周进度:${countsLine(k)}。${when}。` : `【${c.name}】${when},您还有 ${left.length} 人没走访:`;
  return [head, ...(kind === 'weekly' ? ['还没走访:'] : []), ...left.map((p, i) => personLine(c, p, i))].join('\n');
}

export function formatVisitAck(c: Campaign, p: CampaignPerson, r: Recorded): string {
  const lines: string[] = [];
  if (r.visit) {
    const how = r.visit.proxy ? '已走访(家属代收)' : OUTCOME_CN[r.visit.outcome];
    lines.push(`已记录:【${c.name}】${p.name} ${how}`);
  }
  if (r.settled.length) lines.push(`${p.name}的跟进事项已办结:${r.settled.map((f) => f.need).join('、')}`);
  if (r.newFollowups.length)
    lines.push(
      `已记为跟进事项(只您和管理员可见,不发群):${r.newFollowups.map((f) => f.need).join('、')}。办好后告诉我"${p.name}的事解决了"。`,
    );
  const left = toVisit(c, p.visitor).length;
  if (r.visit) lines.push(left > 0 ? `您还有 ${left} 人待走访。` : '您的名单都走访完了,辛苦了!');
  return lines.join('\n');
}

export function formatUnclearVisit(p: CampaignPerson): string {
  return `${p.name}的走访情况是?可以说"${p.name}送到了""${p.name}家里没人"或"${p.name}不要了"。`;
}

export function formatAmbiguousVisit(mention: string, candidates: readonly CampaignPerson[]): string {
  return `"${mention}"有 ${candidates.length} 位:${candidates.map((p) => `${p.name}(${address(p)})`).join('、')},请说全名或门牌。`;
}

/** A visitor's own list of what is left, with open follow-ups. */
export function formatTodo(campaigns: readonly Campaign[], visitor: string): string {
  const parts = campaigns.map((c) => {
    const left = toVisit(c, visitor);
    const k = countCampaign(c, peopleOf(c, visitor));
    const cases = c.followups.filter((f) => f.worker === visitor && !f.doneAt);
    const name = (id: string) => c.people.find((p) => p.id === id)?.name ?? '';
    return [
      `【${c.name}】${dateCn(c.deadline)}截止,${countsLine(k)}`,
      ...(left.length ? left.map((p, i) => personLine(c, p, i)) : ['都走访完了。']),
      ...(cases.length ? ['待跟进:', ...cases.map((f) => `· ${name(f.personId)}:${f.need}`)] : []),
    ].join('\n');
  });
  return parts.join('\n\n') || '您目前没有走访任务。';
}

/** Admins: every campaign, per visitor. */
export function formatProgress(campaigns: readonly Campaign[]): string {
  if (campaigns.length === 0) return '目前没有进行中的走访活动。';
  return campaigns
    .map((c) => {
      const rows = [...new Set(c.people.map((p) => p.visitor))].map((v) => `· ${v}:${countsLine(countCampaign(c, peopleOf(c, v)))}`);
      return [`【${c.name}】${dateCn(c.start)}—${dateCn(c.deadline)},${countsLine(countCampaign(c))}`, ...rows].join('\n');
    })
    .join('\n\n');
}

/** Final report to admins: counts, then who was not reached, who declined, and needs found. */
export function formatFinalReport(c: Campaign): string {
  const k = countCampaign(c);
  const names = (s: VisitOutcome | 'pending') =>
    c.people
      .filter((p) => statusOf(c, p) === s)
      .map((p) => `${p.name}(${p.visitor})`)
      .join('、');
  const lines = [
    `【${c.name}】走访总结(截止${dateCn(c.deadline)}):共 ${k.total} 人`,
    `已走访 ${k.visited} 人,未联系上 ${k.unreachable} 人,婉拒 ${k.declined} 人,未走访 ${k.pending} 人,发现需要 ${k.needs} 人。`,
  ];
  if (k.unreachable) lines.push(`未联系上:${names('unreachable')}`);
  if (k.declined) lines.push(`婉拒:${names('declined')}`);
  if (k.pending) lines.push(`未走访:${names('pending')}`);
  const cases = c.followups.filter((f) => !f.doneAt);
  if (c.followups.length) {
    lines.push('发现的需要(跟进人):');
    for (const f of c.followups) {
      const p = c.people.find((x) => x.id === f.personId);
      lines.push(`· ${p?.name ?? ''}:${f.need}(${f.worker}${f.doneAt ? ',已办结' : ''})`);
    }
    lines.push(`其中 ${cases.length} 件待办。`);
  }
  return lines.join('\n');
}

/** For grid groups: counts only. */
export function formatGroupCounts(c: Campaign, people: readonly CampaignPerson[], final: boolean): string {
  const k = countCampaign(c, people);
  return `【${c.name}】${final ? '走访结束' : '走访进度'}:本网格${countsLine(k)}。`;
}

export function formatLatest(c: Campaign, p: CampaignPerson): string {
  const v = latestVisit(c, p.id);
  return v ? `${p.name}:${OUTCOME_CN[v.outcome]}` : `${p.name}:未走访`;
}
