// Matching in both directions, stock, and the escalation ladder.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness.ts';
import type { SceneOverrides } from '../../src/app.ts';
import type { OutgoingMessage } from '../../src/bot/messages.ts';

const B3 = '金象泰小区3号楼群';
const B5 = '金象泰小区5号楼群';
const GRID2 = '楚凤二网格群';
const scene: SceneOverrides = {
  rooms: [
    { topic: B3, kind: 'building', building: '3', grid: '楚凤二网格' },
    { topic: B5, kind: 'building', building: '5', grid: '楚凤二网格' },
    { topic: GRID2, kind: 'grid', building: null, grid: '楚凤二网格' },
  ],
  people: [
    { name: '邱靓', role: 'grid_worker', grid: '楚凤二网格', building: null, unit: null, room: null },
    { name: '林晓雯', role: 'resident', grid: null, building: '3', unit: null, room: '602' },
  ],
  roster: [],
};
const start = '2022-12-18T18:00:00+08:00';
const textOf = (o: OutgoingMessage | undefined): string => o?.text ?? '';

describe('matching', () => {
  it('matches a new request with a standing offer in the same building', async () => {
    const h = await createHarness(start, scene);
    await h.say('赵敏', '我有多余的抗原,10个,放一楼保安处了,需要的自取', { room: B3, at: '19:20' });
    const out = await h.say('马建军', '谁家有抗原?想测一下', { room: B3, at: '19:40' });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ room: B3, mentions: ['马建军', '赵敏'] });
    expect(textOf(out[0])).toMatch(/保安处/);
  });

  it('prefers a standing offer in the same building to one elsewhere in the grid', async () => {
    const h = await createHarness(start, scene);
    await h.say('钱大姐', '我家多了几盒布洛芬,有需要的邻居来拿', { room: B5, at: '19:00' });
    await h.say('赵敏', '我家有布洛芬,有需要的来拿', { room: B3, at: '19:10' });
    const out = await h.say('马建军', '求布洛芬', { room: B3, at: '19:40' });
    expect(out[0]).toMatchObject({ mentions: ['马建军', '赵敏'] });
  });

  it('picks the request whose item fits the offer, not merely the newest', async () => {
    const h = await createHarness(start, scene);
    await h.say('马建军', '谁家有多余的N95口罩?', { room: B3, at: '20:05' });
    await h.say('吴红梅', '有没有邻居有蒙脱石散?老人拉肚子', { room: B3, at: '20:12' });
    const out = await h.say('赵敏', '我有N95,明早放你门口', { room: B3, at: '20:14' });
    expect(out[0]).toMatchObject({ mentions: ['马建军', '赵敏'] });
    expect(textOf(out[0])).toMatch(/门口/);
  });

  it('flags adult fever medicine offered for a child with a caution', async () => {
    const h = await createHarness(start, scene);
    await h.say('陈思雨', '谁家有儿童退烧药?宝宝发烧了', { room: B3, at: '19:02' });
    const out = await h.say('刘建国', '我家有布洛芬片', { room: B3, at: '19:03' });
    expect(textOf(out[0])).toMatch(/孩子|儿童/);
    expect(textOf(out[0])).toMatch(/医生|药师/);
  });

  it('points a request to pickup-point stock kept by grid workers', async () => {
    const h = await createHarness(start, scene);
    const ack = await h.say('邱靓', '库存 布洛芬 +20', { dm: true, at: '18:10' });
    expect(textOf(ack[0])).toMatch(/布洛芬.*20/);
    const out = await h.say('马建军', '谁家有布洛芬,家里老人发烧了', { room: B3, at: '19:00' });
    expect(textOf(out[0])).toMatch(/爱心药|领取/);
  });
});

describe('escalation', () => {
  it('relays an unmatched urgent request to the grid group, then tells the worker, once each', async () => {
    const h = await createHarness(start, scene);
    await h.say('林晓雯', '深夜打扰,我怀孕6个月,发烧38度8,谁家有对乙酰氨基酚?急 电话13912345678', { room: B3, at: '21:36' });
    const out = await h.advance('22:10');
    const relay = out.filter((o) => o.kind === 'room' && o.room === GRID2);
    const toWorker = out.filter((o) => o.kind === 'private' && o.to === '邱靓');
    expect(relay).toHaveLength(1);
    expect(textOf(relay[0])).toMatch(/3号楼/);
    expect(textOf(relay[0])).not.toMatch(/602|139|林晓雯/);
    expect(toWorker).toHaveLength(1);
    expect(textOf(toWorker[0])).toMatch(/林晓雯/);
    expect(textOf(toWorker[0])).toMatch(/602/);
    expect(textOf(toWorker[0])).toMatch(/38\.8/);
    expect(textOf(toWorker[0])).not.toMatch(/13912345678/);
    expect(out.filter((o) => o.kind === 'room' && o.room === B3)).toEqual([]);
    expect(await h.advance('23:00')).toEqual([]);
  });

  it('never escalates a request that was matched in time', async () => {
    const h = await createHarness(start, scene);
    await h.say('陈思雨', '急!孩子烧到39度5,谁家有美林', { room: B3, at: '19:02' });
    await h.say('刘建国', '我家有', { room: B3, at: '19:03' });
    const later = await h.advance('21:00');
    expect(later.filter((o) => o.kind === 'room')).toEqual([]);
    expect(later.filter((o) => /无人响应|还没有人回应/.test(o.text))).toEqual([]);
  });

  it('relays a normal request after the normal delay but not one its author said can wait', async () => {
    const h = await createHarness(start, scene);
    await h.say('郭丽娜', '谁家有黄桃罐头,不急,明天有也行', { room: B3, at: '20:25' });
    await h.say('马建军', '谁家有多余的N95口罩?', { room: B3, at: '20:30' });
    const out = await h.advance('21:30');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ room: GRID2 });
    expect(textOf(out[0])).toMatch(/N95/);
  });

  it('matches an offer in the grid group from a member of her group and @-mentions both there', async () => {
    const h = await createHarness(start, scene);
    await h.say('钱大姐', '今晚楼下好冷,大家多穿点', { room: B3, at: '20:00' }); // seen in 3号楼群
    await h.say('林晓雯', '我怀孕6个月,发烧38度8,谁家有对乙酰氨基酚?急', { room: B3, at: '21:36' });
    await h.advance('21:50');
    const out = await h.say('钱大姐', '我有对乙酰氨基酚', { room: GRID2, at: '21:52' });
    const back = out.find((o) => o.kind === 'room' && o.room === B3);
    expect(back).toMatchObject({ mentions: ['林晓雯', '钱大姐'] });
    expect(out.filter((o) => o.kind === 'private')).toEqual([]);
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('matched');
    expect((await h.advance('23:00')).filter((o) => o.kind === 'private')).toEqual([]);
  });

  it('tells both sides privately when the grid-group helper is not in her group, and @-mentions him only where he spoke', async () => {
    const h = await createHarness(start, scene);
    await h.say('林晓雯', '我怀孕6个月,发烧38度8,谁家有对乙酰氨基酚?急', { room: B3, at: '21:36' });
    await h.advance('21:50');
    const out = await h.say('钱大姐', '我有对乙酰氨基酚,没拆封的', { room: GRID2, at: '21:52' });
    expect(out.filter((o) => o.kind === 'room' && o.mentions.includes('钱大姐')).map((o) => o.kind === 'room' && o.room)).toEqual([GRID2]);
    expect(out.filter((o) => o.kind === 'room' && o.room === B3)).toEqual([]);
    const toHer = out.find((o) => o.kind === 'private' && o.to === '林晓雯');
    const toHim = out.find((o) => o.kind === 'private' && o.to === '钱大姐');
    expect(textOf(toHer)).toMatch(/钱大姐/);
    expect(textOf(toHer)).toMatch(/说明书|遵医嘱/);
    expect(textOf(toHim)).toMatch(/林晓雯/);
    expect(textOf(toHim)).not.toMatch(/602/); // her room number stays in her own group
    const ack = out.find((o) => o.kind === 'room' && o.room === GRID2);
    expect(textOf(ack)).not.toMatch(/林晓雯/);
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('matched');
  });

  it('counts a grid worker’s offer in the building group and stops further levels', async () => {
    const h = await createHarness(start, scene);
    await h.say('林晓雯', '我怀孕6个月,发烧38度8,谁家有对乙酰氨基酚?急', { room: B3, at: '21:36' });
    await h.advance('21:50');
    const out = await h.say('邱靓', '@林晓雯 我已经联系社区医生了,马上给你送对乙酰氨基酚过去', { room: B3, at: '21:52' });
    expect(out[0]).toMatchObject({ mentions: ['林晓雯', '邱靓'] });
    expect(await h.advance('23:00')).toEqual([]);
  });

  it('gives a grid worker the open requests of the grid privately', async () => {
    const h = await createHarness(start, scene);
    await h.say('林晓雯', '谁家有对乙酰氨基酚', { room: B3, at: '21:36' });
    const out = await h.say('邱靓', '求助列表', { dm: true, at: '21:40' });
    expect(out[0]).toMatchObject({ kind: 'private', to: '邱靓' });
    expect(textOf(out[0])).toMatch(/林晓雯.*对乙酰氨基酚.*602/);
  });
});

describe('groups nobody configured', () => {
  it('still tells an admin about an urgent request nobody answers in an unknown group', async () => {
    const h = await createHarness(start, {
      rooms: [],
      people: [{ name: '王晓慧', role: 'admin', grid: null, building: null, unit: null, room: null }],
      roster: [],
    });
    await h.say('路人甲', '急!孩子高烧39度,谁家有美林', { room: '某小区业主群', at: '21:00' });
    const out = await h.advance('21:30');
    expect(out.filter((o) => o.kind === 'private' && o.to === '王晓慧')).toHaveLength(1);
  });
});

describe('standing offers that run out', () => {
  it('stops matching a standing offer once its owner says it is gone', async () => {
    const h = await createHarness(start, scene);
    await h.say('赵敏', '我有多余的抗原,10个,放一楼保安处了,需要的自取', { room: B3, at: '19:20' });
    await h.say('赵敏', '抗原已经被领完了', { room: B3, at: '20:00' });
    expect(h.app.bot.state.aid.offers.every((o) => !o.active)).toBe(true);
    const out = await h.say('马建军', '谁家有抗原?想测一下', { room: B3, at: '20:10' });
    expect(out.filter((o) => o.kind === 'room' && o.mentions.includes('赵敏'))).toEqual([]);
  });
});
