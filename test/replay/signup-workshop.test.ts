// A union activity through the whole bot (replay-signup-workshop): staff post 名师带徒 privately,
// the bot announces it in the chosen group, workers sign up in six wordings and a pasted 接龙
// list, the fifth waits, cancellations move the waiting up and tell them, 报名情况 gives the group
// counts and staff names, reminders go out the day before and an hour before, staff mark attendance,
// and the list exports to .xlsx.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { replayFile, day, hhmm, type ReplayOutput } from '../support/replay.ts';
import { exportActivity, signupRows } from '../../src/roster-io/campaign-export.ts';
import { readXlsxRows } from '../../src/roster-io/xlsx.ts';

type Run = Awaited<ReturnType<typeof replayFile>>;
const GROUP = '工匠联盟交流群';

describe('union activity sign-ups (replay-signup-workshop)', () => {
  let run: Run;
  let out: ReplayOutput[] = [];
  beforeAll(async () => {
    run = await replayFile('test/fixtures/replay-signup-workshop.jsonl');
    out = run.out;
  }, 90_000);
  const activity = () => run.state.activities.list[0];
  const status = (name: string) =>
    activity()
      .signups.filter((s) => s.name === name && s.status !== 'cancelled')
      .at(-1)?.status ?? null;
  const to = (who: string, time?: string, d = '2023-03-01') =>
    out.filter((o) => o.to === who && day(o) === d && (!time || hhmm(o) === time));

  it('prints no error lines', () => {
    expect(out.filter((o) => o.error)).toEqual([]);
  });

  it('announces the activity in the chosen group only, and tells staff what it posted', () => {
    const ann = out.filter((o) => o.room && /活动报名/.test(o.text ?? ''));
    expect(ann.map((o) => o.room)).toEqual([GROUP]);
    expect(ann[0].text).toMatch(/名师带徒·数控车床公开课/);
    expect(ann[0].text).toMatch(/3月18日\(周六\)14:00/);
    expect(ann[0].text).toMatch(/区职工服务中心三楼/);
    expect(ann[0].text).toMatch(/名额:4人/);
    expect(to('王晓慧', '09:00')[0].text).toMatch(/A1/);
    expect(activity()).toMatchObject({ capacity: 4, rooms: [GROUP] });
  });

  it('understands six wordings, confirms each privately, and starts a waiting list when full', () => {
    for (const n of ['张伟', '陈静']) expect(status(n), n).toBe('confirmed');
    expect(
      activity()
        .signups.slice(0, 4)
        .map((s) => s.name),
    ).toEqual(['张伟', '李娜', '刘洋', '陈静']);
    expect(activity().signups.find((s) => s.name === '老王')).toMatchObject({ by: '杨帆', via: 'proxy' });
    expect(to('张伟', '09:10')[0].text).toMatch(/已报名.*第 1 位/);
    expect(to('杨帆', '09:14')[0].text).toMatch(/老王.*候补.*第 1 位/);
    expect(to('赵磊', '09:15')[0].text).toMatch(/候补.*第 2 位/);
    expect(to('周敏', '09:20')[0].text).toMatch(/候补.*第 3 位/);
    // Sign-ups are confirmed privately: the group hears nothing of them.
    expect(out.filter((o) => o.room === GROUP && day(o) === '2023-03-01' && hhmm(o) >= '09:10' && hhmm(o) < '10:00')).toEqual([]);
  });

  it('takes each person once', () => {
    expect(activity().signups.filter((s) => s.name === '张伟')).toHaveLength(1);
    expect(to('张伟', '09:25')[0].text).toMatch(/已经报过/);
  });

  it('reads only the new lines of a pasted 接龙 list', () => {
    const fromList = activity()
      .signups.filter((s) => s.via === 'jielong')
      .map((s) => s.name);
    expect(fromList).toEqual(['孙丽', '黄强', '吴军']);
    expect(activity().signups.find((s) => s.name === '吴军')).toMatchObject({ by: '吴军' });
    expect(to('黄强', '09:30')[0].text).toMatch(/候补/);
    // 张伟 was on the list again: no second sign-up, no message.
    expect(to('张伟', '09:30')).toEqual([]);
    expect(to('张伟', '09:40')).toEqual([]);
  });

  it('gives the group counts only and staff the names privately', () => {
    const counts = out.filter((o) => o.room === GROUP && hhmm(o) === '10:00');
    expect(counts).toHaveLength(1);
    expect(counts[0].text).toMatch(/4\/4/);
    expect(counts[0].text).toMatch(/候补 6 人/);
    for (const n of ['张伟', '李娜', '老王', '孙丽']) expect(counts[0].text).not.toContain(n);
    const names = to('王晓慧', '10:05')[0].text ?? '';
    for (const n of ['张伟', '李娜', '刘洋', '陈静', '老王', '吴军']) expect(names).toContain(n);
    expect(names).toMatch(/杨帆代报/);
  });

  it('moves the first waiting person up on a cancellation and tells them', () => {
    expect(status('李娜')).toBeNull();
    expect(status('刘洋')).toBeNull();
    expect(status('老王')).toBe('confirmed');
    expect(status('赵磊')).toBe('confirmed');
    expect(status('周敏')).toBe('waiting');
    expect(to('李娜', '12:00', '2023-03-02')[0].text).toMatch(/已取消/);
    // 老王 was signed up by 杨帆: 杨帆 hears of the promotion.
    expect(to('杨帆', '12:00', '2023-03-02')[0].text).toMatch(/老王.*转为.*正式报名/);
    expect(to('赵磊', '12:30', '2023-03-02')[0].text).toMatch(/转为.*正式报名/);
  });

  it('reminds each participant the day before and an hour before, privately', () => {
    const dayBefore = out.filter((o) => day(o) === '2023-03-17' && o.to && /明天/.test(o.text ?? '')).map((o) => o.to);
    expect(dayBefore.sort()).toEqual(['张伟', '杨帆', '赵磊', '陈静'].sort());
    const hour = out.filter((o) => day(o) === '2023-03-18' && o.to && /一小时后/.test(o.text ?? ''));
    expect(hour.map((o) => o.to).sort()).toEqual(['张伟', '杨帆', '赵磊', '陈静'].sort());
    expect(hour.every((o) => hhmm(o) === '13:00')).toBe(true);
    expect(out.filter((o) => o.to === '周敏' && /提醒/.test(o.text ?? ''))).toEqual([]);
  });

  it('records attendance marked by staff and exports the list to .xlsx', async () => {
    const a = activity();
    expect(a.signups.find((s) => s.name === '张伟')?.attended).toBe(true);
    expect(a.signups.find((s) => s.name === '赵磊')?.attended).toBe(false);
    expect(to('王晓慧', '17:00', '2023-03-18')[0].text).toMatch(/到场 3 \/ 4/);
    const file = join(mkdtempSync(join(tmpdir(), 'linli-signup-')), 'list.xlsx');
    await exportActivity(a, file);
    const rows = await readXlsxRows(file);
    expect(rows[0].cells).toEqual(['序号', '姓名', '状态', '报名方式', '代报人', '报名时间', '出勤']);
    expect(rows.slice(1).map((r) => r.cells.slice(1, 5))).toEqual(signupRows(a).map((r) => r.slice(1, 5)));
    expect(rows.find((r) => r.cells[1] === '老王')!.cells).toEqual(expect.arrayContaining(['代报', '杨帆', '到']));
  });
});
