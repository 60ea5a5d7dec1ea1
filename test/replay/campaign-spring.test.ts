// A visit campaign through the whole bot (replay-campaign-spring): 刘家社区 brings Spring Festival
// couplets to veterans. The list is imported with `linli campaign import`; the bot sends each
// visitor their own list on the first day, records plain-word visit reports, keeps needs as
// follow-up cases (never posted to a group), reminds weekly and in the last three days, shows
// grid groups counts only, and sends admins the final report after the deadline.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCampaignCommand } from '../../src/cli/campaign-command.ts';
import { parseArgs } from '../../src/cli/args.ts';
import { replayFile } from '../support/replay.ts';
import { day, hhmm, type ReplayOutput } from '../support/replay.ts';
import { findPrivacyLeaks } from '../support/privacy.ts';
import { readXlsxRows } from '../../src/roster-io/xlsx.ts';

type Run = Awaited<ReturnType<typeof replayFile>>;
const CAMPAIGN = '2023春节送春联';
const PEOPLE = [
  { name: '王建国', building: '3', room: '201', phone: '13905350101' },
  { name: '李秀兰', building: '5', room: '402', phone: '13905350102' },
  { name: '吴长海', building: '6', room: '301', phone: '' },
  { name: '赵德明', building: '7', room: '101', phone: '0535-6212345' },
  { name: '周桂芝', building: '8', room: '502', phone: '13905350105' },
];

describe('visit campaign: 送春联 from import to final report (replay-campaign-spring)', () => {
  let run: Run;
  let out: ReplayOutput[] = [];
  let dataDir = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linli-campaign-'));
    const args = parseArgs(['--data', dataDir, '--name', CAMPAIGN, '--start', '2023-01-09', '--deadline', '2023-01-20']);
    expect(await runCampaignCommand('campaign', ['import', 'test/fixtures/campaign-spring.csv'], args)).toBe(0);
    run = await replayFile('test/fixtures/replay-campaign-spring.jsonl', { dataDir, handBack: true });
    out = run.out;
  }, 90_000);
  const to = (who: string, d: string, time?: string) => out.filter((o) => o.to === who && day(o) === d && (!time || hhmm(o) === time));
  const text = (who: string, d: string, time: string) =>
    to(who, d, time)
      .map((o) => o.text)
      .join('\n');
  const campaign = () => run.state.campaigns.find((c) => c.name === CAMPAIGN)!;
  const personId = (name: string) => campaign().people.find((p) => p.name === name)!.id;

  it('prints no error lines', () => {
    expect(out.filter((o) => o.error)).toEqual([]);
  });

  it('sends each visitor only their own list on the first day', () => {
    const liu = text('刘敏', '2023-01-09', '09:00');
    const sun = text('孙立', '2023-01-09', '09:00');
    expect(liu).toMatch(/2023春节送春联/);
    for (const n of ['王建国', '李秀兰', '吴长海']) expect(liu).toContain(n);
    for (const n of ['赵德明', '周桂芝']) expect(liu).not.toContain(n);
    for (const n of ['赵德明', '周桂芝']) expect(sun).toContain(n);
    for (const n of ['王建国', '李秀兰', '吴长海']) expect(sun).not.toContain(n);
    expect(sun).toMatch(/1月20日/);
  });

  it('records plain-word visit reports and says what it understood', () => {
    const c = campaign();
    const last = (name: string) => c.visits.filter((v) => v.personId === personId(name)).at(-1);
    expect(last('王建国')).toMatchObject({ outcome: 'visited', visitor: '刘敏' });
    expect(last('赵德明')).toMatchObject({ outcome: 'declined', visitor: '孙立' });
    expect(last('周桂芝')).toMatchObject({ outcome: 'visited', proxy: true });
    // Not reached on the first day, seen on the 18th: the latest visit counts.
    expect(c.visits.filter((v) => v.personId === personId('李秀兰')).map((v) => v.outcome)).toEqual(['unreachable', 'visited']);
    expect(c.visits.some((v) => v.personId === personId('吴长海'))).toBe(false);
    expect(text('刘敏', '2023-01-09', '10:00')).toMatch(/王建国.*已走访/);
    expect(text('刘敏', '2023-01-09', '10:30')).toMatch(/李秀兰.*未联系上/);
    expect(text('孙立', '2023-01-09', '11:00')).toMatch(/赵德明.*婉拒/);
  });

  it('keeps needs as follow-up cases for the visitor, settles them, and never posts them to a group', () => {
    const c = campaign();
    const heating = c.followups.find((f) => f.personId === personId('王建国'))!;
    expect(heating).toMatchObject({ worker: '刘敏' });
    expect(heating.need).toMatch(/暖气不热/);
    expect(heating.doneAt).not.toBeNull();
    const care = c.followups.find((f) => f.personId === personId('李秀兰'))!;
    expect(care.need).toMatch(/居家养老/);
    expect(care.doneAt).toBeNull();
    expect(text('刘敏', '2023-01-09', '10:00')).toMatch(/跟进/);
    // Not an aid request: nothing in any group about heating or care.
    expect(run.state.aid.requests).toEqual([]);
    expect(out.filter((o) => o.room && /暖气|养老/.test(o.text ?? ''))).toEqual([]);
  });

  it('leaves the daily callbacks to the callbacks feature', () => {
    expect(text('刘敏', '2023-01-09', '10:40')).toMatch(/张柱业/);
    expect(run.state.calls.find((call) => call.text === '张柱业电话没人接')).toMatchObject({ outcome: 'unreachable' });
  });

  it("shows a visitor none of another visitor's people, and a resident nothing", () => {
    const sunLate = to('孙立', '2023-01-09').filter((o) => hhmm(o) >= '11:15');
    expect(sunLate.map((o) => o.text).join('\n')).not.toMatch(/暖气|王建国/);
    const groupTexts = out.filter((o) => o.room).map((o) => o.text ?? '');
    for (const p of PEOPLE) for (const t of groupTexts) expect(t).not.toContain(p.name);
    expect(findPrivacyLeaks(run.input, out, PEOPLE)).toEqual([]);
  });

  it('answers 还有谁没走访 with the visitor’s own people still to see', () => {
    const todo = text('刘敏', '2023-01-09', '11:20');
    expect(todo).toContain('李秀兰');
    expect(todo).toContain('吴长海');
    expect(todo).not.toMatch(/\d\. 王建国/);
    expect(todo).not.toContain('赵德明');
  });

  it('reminds weekly, then daily in the last three days, and gives grid groups counts only', () => {
    const weekly = text('刘敏', '2023-01-16', '09:00');
    expect(weekly).toMatch(/本周进度/);
    expect(weekly).toContain('吴长海');
    expect(text('孙立', '2023-01-16', '09:00')).toMatch(/都已走访/);
    const group = out.filter((o) => o.room === '刘家社区一网格群' && day(o) === '2023-01-16' && /送春联/.test(o.text ?? ''));
    expect(group).toHaveLength(1);
    // Both visitors work in this grid now (a committee member is enrolled like a grid worker): all five count.
    expect(group[0].text).toMatch(/已走访 2 \/ 5/);
    for (const d of ['2023-01-18', '2023-01-19', '2023-01-20']) expect(text('刘敏', d, '09:00'), d).toContain('吴长海');
    // 孙立 has nobody left: no daily nagging.
    expect(to('孙立', '2023-01-18', '09:00')).toEqual([]);
    expect(to('刘敏', '2023-01-17', '09:00')).toEqual([]);
  });

  it('sends admins the final report after the deadline: visited, not reached, declined, needs', () => {
    const report = text('高洁', '2023-01-20', '20:00');
    expect(report).toMatch(/共 5 人/);
    expect(report).toMatch(/已走访 3 人/);
    expect(report).toMatch(/未联系上 0 人/);
    expect(report).toMatch(/婉拒 1 人/);
    expect(report).toMatch(/未走访 1 人/);
    expect(report).toMatch(/发现需要 2 人/);
    expect(report).toMatch(/吴长海/);
    expect(report).toMatch(/居家养老/);
    expect(campaign().finalReportAt).not.toBeNull();
    const finalGroup = out.filter((o) => o.room === '刘家社区一网格群' && day(o) === '2023-01-20');
    expect(finalGroup.map((o) => o.text).join()).toMatch(/走访结束/);
  });

  it('exports the results for reporting upward', async () => {
    const file = join(dataDir, 'result.xlsx');
    expect(await runCampaignCommand('campaign', ['export', file], parseArgs(['--data', dataDir, '--name', CAMPAIGN]))).toBe(0);
    const rows = await readXlsxRows(file);
    expect(rows[0].cells).toContain('走访人');
    const wang = rows.find((r) => r.cells[0] === '王建国')!;
    expect(wang.cells).toContain('已走访');
    expect(wang.cells.join()).toMatch(/暖气不热/);
    expect(rows.find((r) => r.cells[0] === '吴长海')!.cells).toContain('未走访');
  });
});
