// Old records leave the live state for the archive, and nothing is lost on the way.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHarness } from './support/harness.ts';
import { JsonlArchive, type MemoryArchive } from '../src/store/archive.ts';
import type { CallRecord } from '../src/domain/callbacks/index.ts';

const roster = [{ name: '张柱业', building: '1', room: '502', phone: '13800000001', worker: '邵婷婷', frequency: 'daily', note: '独居' }];
const scene = {
  rooms: [{ topic: '楚凤社区1号楼群', kind: 'building' as const, building: '1', grid: '楚凤一网格' }],
  people: [{ name: '邵婷婷', role: 'grid_worker' as const, grid: '楚凤一网格', building: null, unit: null, room: null }],
  roster,
};

describe('retention', () => {
  it('moves calls to history once nothing live reads them, keeping the latest five and open findings', async () => {
    const h = await createHarness('2022-12-01T08:00:00+08:00', scene);
    const archive = h.app.bot.services.archive as MemoryArchive;
    await h.say('邵婷婷', '张柱业家里没有退烧药了', { dm: true, at: '09:00' });
    await h.say('邵婷婷', '谁家有退烧药', { room: '楚凤社区1号楼群', at: '09:05' });
    await h.say('邵婷婷', '不用了,买到了', { room: '楚凤社区1号楼群', at: '09:10' });
    for (const d of ['02', '03', '04', '05', '06', '07'])
      await h.say('邵婷婷', '张柱业电话没人接', { dm: true, at: `2022-12-${d}T09:00:00+08:00` });
    // The admin was told on the 7th that nobody answered: read until a good call answers it.
    await h.app.bot.change((s) => void s.callbackEscalations.push(`${s.roster[0]!.id}:2022-12-07`));
    // Three weeks on: the request went a day after it closed; of the calls, the oldest plain
    // ones went, and the need nobody has met since stays with the five latest.
    for (const day of ['12-08', '12-15', '12-22', '12-29']) await h.advance(`2022-${day}T08:00:00+08:00`);
    expect((await archive.readAll('requests')).length).toBe(1);
    expect(h.app.bot.state.aid.requests).toEqual([]);
    const live = () => h.app.bot.state.calls.map((c) => c.date);
    expect(live()).toEqual(['2022-12-01', '2022-12-03', '2022-12-04', '2022-12-05', '2022-12-06', '2022-12-07']);
    expect((await archive.readAll<CallRecord>('calls')).map((c) => c.date)).toEqual(['2022-12-02']);
    const status = (await h.say('邵婷婷', '张柱业最近情况', { dm: true, at: '2022-12-29T09:00:00+08:00' }))[0]!.text;
    expect(status).toContain('待跟进');
    expect(status).toContain('退烧药');
    expect(h.app.bot.state.callbackEscalations).toHaveLength(1);
    // A good report clears the need: from then on only two weeks and the latest five stay.
    await h.say('邵婷婷', '张柱业正常', { dm: true, at: '2022-12-29T10:00:00+08:00' });
    for (const day of ['01-05', '01-12', '01-19', '01-26', '02-02']) await h.advance(`2023-${day}T08:00:00+08:00`);
    const archived = await archive.readAll<CallRecord>('calls');
    expect(live()).toEqual(['2022-12-04', '2022-12-05', '2022-12-06', '2022-12-07', '2022-12-29']);
    expect(archived.map((c) => c.date)).toEqual(['2022-12-02', '2022-12-01', '2022-12-03']);
    expect(new Set([...archived, ...h.app.bot.state.calls].map((c) => c.id)).size).toBe(8);
    expect(h.app.bot.state.callbackEscalations).toEqual([]);
  }, 60_000);

  it('moves an answered hand-off a day after the answer and an unanswered one a month after it was asked; ids keep counting', async () => {
    const h = await createHarness('2022-12-01T08:00:00+08:00', {
      ...scene,
      rooms: [...scene.rooms, { topic: '区总工会职工服务群', kind: 'union' as const, building: null, grid: null }],
    });
    const archive = h.app.bot.services.archive as MemoryArchive;
    const ask = (text: string, at: string) => h.say('李师傅', `@邻里助手 ${text}`, { room: '区总工会职工服务群', at, mentionsBot: true });
    await ask('我们厂里的食堂伙食补贴今年怎么没有发', '2022-12-01T09:00:00+08:00');
    await ask('职工子女夏令营什么时候报名', '2022-12-01T09:30:00+08:00');
    expect(h.app.bot.state.handoffs.map((x) => x.id)).toEqual(['Q1', 'Q2']);
    await h.app.bot.change((s) => {
      const q = s.handoffs.find((x) => x.id === 'Q1')!;
      q.answeredAt = '2022-12-01T10:00:00.000Z';
      q.answeredBy = '工会小王';
    });
    await h.advance('2022-12-03T08:00:00+08:00');
    expect(h.app.bot.state.handoffs.map((x) => x.id)).toEqual(['Q2']);
    expect((await archive.readAll<{ id: string }>('handoffs')).map((x) => x.id)).toEqual(['Q1']);
    await ask('劳模疗休养今年还有名额吗', '2022-12-03T09:00:00+08:00');
    expect(h.app.bot.state.handoffs.map((x) => x.id)).toEqual(['Q2', 'Q3']);
    await h.advance('2023-01-05T08:00:00+08:00');
    expect(h.app.bot.state.handoffs).toEqual([]);
    expect((await archive.readAll<{ id: string }>('handoffs')).map((x) => x.id)).toEqual(['Q1', 'Q2', 'Q3']);
  }, 60_000);

  it('moves a closed request to history a day after it closed, not a fortnight later, once', async () => {
    const h = await createHarness('2022-12-01T08:00:00+08:00', scene);
    const archive = h.app.bot.services.archive as MemoryArchive;
    await h.say('刘阿姨', '谁家有退烧药,家里老人发烧了', { room: '楚凤社区1号楼群', at: '09:05' });
    await h.say('孙大哥', '我家有布洛芬,给你送过去', { room: '楚凤社区1号楼群', at: '09:07' });
    await h.say('刘阿姨', '完成', { room: '楚凤社区1号楼群', at: '09:30' });
    await h.say('王大爷', '有没有人有抗原', { room: '楚凤社区1号楼群', at: '12:00' });
    expect(h.app.bot.state.aid.requests.map((r) => r.status)).toEqual(['fulfilled', 'open']);
    // Still read live the next morning (the briefing looks back a day): still there.
    await h.advance('2022-12-02T09:20:00+08:00');
    expect(h.app.bot.state.aid.requests).toHaveLength(2);
    expect(await archive.readAll('requests')).toEqual([]);
    // A day after it closed it leaves within ten minutes; the open one stays.
    await h.advance('2022-12-02T09:41:00+08:00');
    expect(h.app.bot.state.aid.requests.map((r) => r.status)).toEqual(['open']);
    const history = await archive.readAll<{ status: string; requester: string }>('requests');
    expect(history.map((r) => [r.requester, r.status])).toEqual([['刘阿姨', 'fulfilled']]);
    // An offer now still finds the open request; the night's run writes nothing twice.
    const out = await h.say('赵姐', '我有抗原', { room: '楚凤社区1号楼群', at: '2022-12-02T09:45:00+08:00' });
    expect(out.some((o) => o.kind === 'room' && o.mentions.includes('王大爷'))).toBe(true);
    await h.advance('2022-12-03T04:00:00+08:00');
    expect(await archive.readAll('requests')).toHaveLength(1);
  }, 60_000);

  it('leaves a lone closed request among many open ones for the night: moving it rewrites the list', async () => {
    const h = await createHarness('2022-12-01T08:00:00+08:00', scene);
    const archive = h.app.bot.services.archive as MemoryArchive;
    for (let i = 0; i < 20; i++) await h.say(`邻居${i}`, '谁家有布洛芬?老人发烧了', { room: '楚凤社区1号楼群', at: '09:00' });
    await h.say('刘阿姨', '求一盒抗原', { room: '楚凤社区1号楼群', at: '09:10' });
    await h.say('刘阿姨', '取消', { room: '楚凤社区1号楼群', at: '09:30' });
    await h.advance('2022-12-02T09:41:00+08:00');
    expect(h.app.bot.state.aid.requests).toHaveLength(21);
    await h.advance('2022-12-03T03:01:00+08:00');
    expect(h.app.bot.state.aid.requests).toHaveLength(20);
    expect((await archive.readAll<{ requester: string }>('requests')).map((r) => r.requester)).toEqual(['刘阿姨']);
  }, 60_000);

  it('writes JSON Lines per kind and month, and reads them back in order', async () => {
    const archive = new JsonlArchive(join(mkdtempSync(join(tmpdir(), 'linli-archive-')), 'archive'));
    await archive.append(
      'calls',
      [
        { id: 'C1', date: '2022-11-30' },
        { id: 'C2', date: '2022-12-01' },
      ],
      (c) => c.date.slice(0, 7),
    );
    await archive.append('calls', [{ id: 'C3', date: '2022-12-02' }], (c) => c.date.slice(0, 7));
    expect((await archive.readAll<{ id: string }>('calls')).map((c) => c.id)).toEqual(['C1', 'C2', 'C3']);
    expect(await archive.readAll('requests')).toEqual([]);
  });
});
