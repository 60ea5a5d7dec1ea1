// Daily callbacks inside the bot: who may report, ask-backs, danger alerts, holidays, needs.
import { describe, expect, it } from 'vitest';
import { createHarness } from './support/harness.ts';
import type { SceneOverrides } from '../src/app.ts';

const B1 = '楚凤社区1号楼群';
const GRID = '楚凤一网格群';
const roster = [
  { name: '张柱业', building: '1', room: '502', phone: '13800000001', worker: '邵婷婷', frequency: 'daily', note: '独居' },
  { name: '刘德顺', building: '1', room: '302', phone: '13800000002', worker: '邵婷婷', frequency: 'daily', note: '独居,外号老刘头' },
  { name: '刘德明', building: '2', room: '101', phone: '13800000003', worker: '邵婷婷', frequency: 'daily', note: '空巢' },
  { name: '王秀英', building: '3', room: '201', phone: '13800000004', worker: '邱靓', frequency: 'daily', note: '独居' },
];
const scene = (holidays = false): SceneOverrides => ({
  rooms: [
    { topic: B1, kind: 'building', building: '1', grid: '楚凤一网格' },
    { topic: GRID, kind: 'grid', building: null, grid: '楚凤一网格' },
  ],
  people: [
    { name: '邵婷婷', role: 'grid_worker', grid: '楚凤一网格', building: null, unit: null, room: null },
    { name: '邱靓', role: 'grid_worker', grid: '楚凤二网格', building: null, unit: null, room: null },
    { name: '王晓慧', role: 'admin', grid: null, building: null, unit: null, room: null },
  ],
  roster: holidays ? roster : roster,
});
const start = '2022-12-21T07:30:00+08:00';

describe('callback reports in a private chat', () => {
  it('asks back when two people fit, and records the one the worker then names', async () => {
    const h = await createHarness(start, scene());
    const ask = await h.say('邵婷婷', '刘大爷电话没人接', { dm: true, at: '09:00' });
    expect(ask[0]!.text).toMatch(/刘德顺/);
    expect(ask[0]!.text).toMatch(/刘德明/);
    expect(h.app.bot.state.calls).toEqual([]);
    await h.say('邵婷婷', '1号楼那个', { dm: true, at: '09:01' });
    expect(h.app.bot.state.calls).toMatchObject([{ outcome: 'unreachable' }]);
    const entry = h.app.bot.state.roster.find((e) => e.id === h.app.bot.state.calls[0]!.rosterId);
    expect(entry?.name).toBe('刘德顺');
  });

  it('finds only the worker’s own people', async () => {
    const h = await createHarness(start, scene());
    const out = await h.say('邵婷婷', '王秀英 正常', { dm: true, at: '09:00' });
    expect(h.app.bot.state.calls).toEqual([]);
    expect(out[0]!.text).not.toMatch(/已记录/);
  });

  it('alerts the admin at once on danger words', async () => {
    const h = await createHarness(start, scene());
    const out = await h.say('邵婷婷', '张柱业摔倒了,说胸痛', { dm: true, at: '09:00' });
    const alert = out.find((o) => o.kind === 'private' && o.to === '王晓慧');
    expect(alert?.text).toMatch(/张柱业/);
    expect(alert?.text).toMatch(/摔倒|胸痛/);
  });

  it('turns a need into an anonymous request in the building group, without name, room or phone', async () => {
    const h = await createHarness(start, scene());
    const out = await h.say('邵婷婷', '张柱业已回访,在发烧,家里没有退烧药', { dm: true, at: '09:00' });
    const post = out.find((o) => o.kind === 'room');
    expect(post).toMatchObject({ room: B1 });
    expect(post!.text).toMatch(/1号楼/);
    expect(post!.text).toMatch(/退烧药/);
    expect(post!.text).not.toMatch(/张柱业|502|13800000001/);
    const offer = await h.say('赵秀梅', '我家有布洛芬', { room: B1, at: '09:10' });
    expect(offer.find((o) => o.kind === 'room')).toMatchObject({ mentions: ['邵婷婷', '赵秀梅'] });
    expect(offer.find((o) => o.kind === 'private' && o.to === '邵婷婷')?.text).toMatch(/赵秀梅/);
  });

  it('marks everyone still pending as reached on 都打完了,都挺好', async () => {
    const h = await createHarness(start, scene());
    await h.say('邵婷婷', '张柱业正常', { dm: true, at: '09:00' });
    await h.say('邵婷婷', '都打完了,都挺好', { dm: true, at: '10:00' });
    expect(h.app.bot.state.calls.filter((c) => c.outcome === 'reached')).toHaveLength(3);
  });

  it('keeps residents out of callbacks and 回访统计 for admins', async () => {
    const h = await createHarness(start, scene());
    await h.say('李阿姨', '张柱业正常', { dm: true, at: '09:00' });
    expect(h.app.bot.state.calls).toEqual([]);
    const worker = await h.say('邵婷婷', '回访统计', { dm: true, at: '09:01' });
    expect(worker[0]!.text).toMatch(/管理员/);
    const admin = await h.say('王晓慧', '回访统计', { dm: true, at: '09:02' });
    expect(admin[0]!.text).toMatch(/邵婷婷/);
  });
});

describe('callback schedule', () => {
  it('reminds each worker privately with only their own people', async () => {
    const h = await createHarness(start, scene());
    const out = await h.advance('09:00');
    expect(out.map((o) => (o.kind === 'private' ? o.to : o.room)).sort()).toEqual(['邱靓', '邵婷婷']);
    const mine = out.find((o) => o.kind === 'private' && o.to === '邵婷婷')!;
    expect(mine.text).toMatch(/张柱业/);
    expect(mine.text).not.toMatch(/王秀英/);
  });

  it('skips reminders on a holiday listed in config', async () => {
    const h = await createHarness(start, scene());
    h.app.config.holidays.push('2022-12-21');
    expect(await h.advance('09:00')).toEqual([]);
  });

  it('puts counts only in the grid group in the evening', async () => {
    const h = await createHarness(start, scene());
    await h.say('邵婷婷', '张柱业正常', { dm: true, at: '09:00' });
    const out = await h.advance('20:30');
    const digest = out.filter((o) => o.kind === 'room' && o.room === GRID);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toMatch(/\d/);
    for (const e of roster) {
      expect(digest[0]!.text).not.toContain(e.name);
      expect(digest[0]!.text).not.toContain(e.phone);
    }
  });
});

describe('needs and good news', () => {
  it('settles the aid request for a person when a later call says the need is met', async () => {
    const h = await createHarness(start, scene());
    await h.say('邵婷婷', '张柱业已回访,在发烧,家里没有退烧药', { dm: true, at: '09:00' });
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('open');
    await h.say('邵婷婷', '张柱业退烧了,药够吃,女儿给买了', { dm: true, at: '09:20' });
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('fulfilled');
    expect((await h.advance('12:00')).filter((o) => o.kind === 'room' && o.room === GRID)).toEqual([]);
  });
});

describe('what each worker sees', () => {
  it('keeps another worker’s callback person out of a worker’s private request list', async () => {
    const h = await createHarness(start, {
      ...scene(),
      people: [
        { name: '邵婷婷', role: 'grid_worker', grid: '楚凤一网格', building: null, unit: null, room: null },
        { name: '陈红', role: 'grid_worker', grid: '楚凤一网格', building: null, unit: null, room: null },
      ],
    });
    await h.say('邵婷婷', '张柱业已回访,在发烧,家里没有退烧药', { dm: true, at: '09:00' });
    const own = await h.say('邵婷婷', '求助列表', { dm: true, at: '09:05' });
    expect(own[0]!.text).toMatch(/张柱业/);
    const other = await h.say('陈红', '求助列表', { dm: true, at: '09:06' });
    expect(other[0]!.text).toMatch(/退烧药/);
    expect(other[0]!.text).not.toMatch(/张柱业|502/);
  });
});

describe('corrections (不对 / 改成…)', () => {
  it('takes back the last record and withdraws the request it posted', async () => {
    const h = await createHarness(start, scene());
    await h.say('邵婷婷', '张柱业在发烧,家里没有退烧药', { dm: true, at: '09:00' });
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('open');
    const out = await h.say('邵婷婷', '不对', { dm: true, at: '09:02' });
    expect(out[0]!.text).toMatch(/张柱业/);
    expect(out[0]!.text).toMatch(/撤销/);
    expect(h.app.bot.state.calls).toEqual([]);
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('cancelled');
  });

  it('changes the last record to what the worker says it was', async () => {
    const h = await createHarness(start, scene());
    await h.say('邵婷婷', '张柱业正常', { dm: true, at: '09:00' });
    await h.say('邵婷婷', '改成没接通', { dm: true, at: '09:01' });
    expect(h.app.bot.state.calls).toMatchObject([{ outcome: 'unreachable' }]);
    // Still due: the chase lists him.
    const chase = (await h.advance('14:05')).find((o) => o.kind === 'private' && o.to === '邵婷婷');
    expect(chase?.text).toMatch(/张柱业/);
  });

  it('asks which person when the last message named several', async () => {
    const h = await createHarness(start, scene());
    await h.say('邵婷婷', '张柱业正常,刘德明没人接', { dm: true, at: '09:00' });
    const out = await h.say('邵婷婷', '改成家属接的', { dm: true, at: '09:01' });
    expect(out[0]!.text).toMatch(/张柱业/);
    expect(out[0]!.text).toMatch(/刘德明/);
    expect(h.app.bot.state.calls).toHaveLength(2);
    await h.say('邵婷婷', '刘德明改成家属接的', { dm: true, at: '09:02' });
    expect(h.app.bot.state.calls.map((c) => c.outcome).sort()).toEqual(['proxy', 'reached']);
  });

  it('puts the pickup point’s stock back when a delivery is taken back', async () => {
    const h = await createHarness(start, scene());
    await h.say('邵婷婷', '张柱业在发烧,家里没有退烧药', { dm: true, at: '09:00' });
    await h.say('邵婷婷', '库存 布洛芬 +5', { dm: true, at: '09:01' });
    await h.say('邵婷婷', '张柱业的退烧药我从爱心药领取处拿了送过去了', { dm: true, at: '09:30' });
    const stock = () => h.app.bot.state.aid.stock[0]!.stock['布洛芬'];
    expect(stock()).toBe(4);
    expect(h.app.bot.state.aid.requests[0]).toMatchObject({ status: 'fulfilled', helper: '邵婷婷' });
    await h.say('邵婷婷', '刚才那条记错了', { dm: true, at: '09:31' });
    expect(stock()).toBe(5);
    expect(h.app.bot.state.aid.requests[0]).toMatchObject({ status: 'open', helper: null, delivered: false });
  });

  it('tells the admin when a danger report is taken back', async () => {
    const h = await createHarness(start, scene());
    await h.say('邵婷婷', '张柱业摔倒了', { dm: true, at: '09:00' });
    const out = await h.say('邵婷婷', '不对,记错人了,是刘德明摔倒了', { dm: true, at: '09:01' });
    expect(out.some((o) => o.kind === 'private' && o.to === '王晓慧' && /张柱业/.test(o.text) && /撤回/.test(o.text))).toBe(true);
    expect(out.some((o) => o.kind === 'private' && o.to === '王晓慧' && /刘德明/.test(o.text) && /摔倒/.test(o.text))).toBe(true);
    const names = h.app.bot.state.calls.map((c) => h.app.bot.state.roster.find((e) => e.id === c.rosterId)!.name);
    expect(names).toEqual(['刘德明']);
  });

  it('says there is nothing to correct when nothing was recorded today', async () => {
    const h = await createHarness(start, scene());
    const out = await h.say('邵婷婷', '不对', { dm: true, at: '09:00' });
    expect(out[0]!.text).toMatch(/没有/);
    expect(h.app.bot.state.calls).toEqual([]);
  });
});

describe('a grid worker’s private messages', () => {
  it('answers what it cannot read with callbacks hints and the worker’s own names, never union suggestions', async () => {
    const h = await createHarness(start, scene());
    for (const text of ['今天还差几个', '谁没接', '这个怎么弄', '老人不在家咋办', '你好']) {
      const out = await h.say('邵婷婷', text, { dm: true, at: '09:00' });
      expect(out, text).toHaveLength(1);
      expect(out[0]!.text, text).not.toMatch(/您是想问|回复数字|工会工作人员/);
    }
    const help = await h.say('邵婷婷', '这个怎么弄', { dm: true, at: '09:01' });
    expect(help[0]!.text).toMatch(/张柱业|刘德顺|刘德明/);
    expect(help[0]!.text).not.toMatch(/王秀英/); // another worker's person
    expect(h.app.bot.state.handoffs).toEqual([]);
    expect(await h.say('邵婷婷', '好的,辛苦了', { dm: true, at: '09:02' })).toEqual([]);
  });

  it('still passes a union question with its prefix, and aid commands, through', async () => {
    const h = await createHarness(start, scene());
    const q = await h.say('邵婷婷', '问:工资被拖欠了怎么办', { dm: true, at: '09:00' });
    expect(q[0]!.text).toMatch(/法律服务站|12351/);
    const stock = await h.say('邵婷婷', '库存 布洛芬 +3', { dm: true, at: '09:01' });
    expect(stock[0]!.text).toMatch(/布洛芬/);
    const list = await h.say('邵婷婷', '求助列表', { dm: true, at: '09:02' });
    expect(list[0]!.text).toMatch(/求助/);
  });

  it('records nothing for a name with no result in the words', async () => {
    const h = await createHarness(start, scene());
    const out = await h.say('邵婷婷', '张柱业的药我下午给他送过去', { dm: true, at: '09:00' });
    expect(h.app.bot.state.calls).toEqual([]);
    expect(out[0]!.text).toMatch(/没有记录/);
  });
});

describe('family, neighbours and the rest of the list', () => {
  it('keeps a family-answered person in the chase but not in the all-day escalation', async () => {
    const h = await createHarness(start, scene());
    await h.say('邵婷婷', '张柱业他闺女接的,说老人睡了', { dm: true, at: '09:00' });
    await h.say('邵婷婷', '刘德顺没听见', { dm: true, at: '09:05' });
    await h.say('邵婷婷', '刘德明正常', { dm: true, at: '09:10' });
    const out = await h.advance('17:35');
    const chase = out
      .filter((o) => o.kind === 'private' && o.to === '邵婷婷')
      .map((o) => o.text)
      .join('\n');
    expect(chase).toMatch(/张柱业/);
    expect(chase).toMatch(/刘德顺/);
    expect(chase).not.toMatch(/刘德明/);
    const esc = out.filter((o) => o.kind === 'private' && o.to === '王晓慧' && /预警/.test(o.text));
    expect(esc).toHaveLength(1);
    expect(esc[0]!.text).toMatch(/刘德顺/);
  });

  it('closes a need family bought without crediting the worker', async () => {
    const h = await createHarness(start, scene());
    await h.say('邵婷婷', '张柱业缺降压药', { dm: true, at: '09:00' });
    await h.say('邵婷婷', '张柱业打了,降压药他儿子给买了', { dm: true, at: '10:00' });
    expect(h.app.bot.state.aid.requests[0]).toMatchObject({ status: 'fulfilled', helper: null });
    const morning = (await h.advance('2022-12-22T09:00:00+08:00')).find(
      (o) => o.kind === 'private' && o.to === '邵婷婷' && /早上好/.test(o.text),
    )!;
    const block = morning.text.split(/\n(?=\d+\. )/).find((b) => b.includes('张柱业'))!;
    expect(block).not.toMatch(/您送到/);
    expect(block).not.toMatch(/没有人响应/);
  });

  it('records 其他都挺好 for everyone else still pending', async () => {
    const h = await createHarness(start, scene());
    const out = await h.say('邵婷婷', '都打了,刘德顺没人接,其他都挺好', { dm: true, at: '09:00' });
    const byName = (n: string) => h.app.bot.state.calls.filter((c) => h.app.bot.state.roster.find((e) => e.id === c.rosterId)!.name === n);
    expect(byName('刘德顺')).toMatchObject([{ outcome: 'unreachable' }]);
    expect(byName('张柱业')).toMatchObject([{ outcome: 'reached', clears: true }]);
    expect(byName('刘德明')).toMatchObject([{ outcome: 'reached', clears: true }]);
    expect(out[0]!.text).toMatch(/刘德顺 未接通/);
  });
});
