// Mutual aid through the whole bot (fake transport): threads, replies, matches, lifecycle.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness.ts';
import type { SceneOverrides } from '../../src/app.ts';

const B3 = '金象泰小区3号楼群';
const GRID2 = '楚凤二网格群';
const scene: SceneOverrides = {
  rooms: [
    { topic: B3, kind: 'building', building: '3', grid: '楚凤二网格' },
    { topic: '金象泰小区5号楼群', kind: 'building', building: '5', grid: '楚凤二网格' },
    { topic: GRID2, kind: 'grid', building: null, grid: '楚凤二网格' },
  ],
  people: [
    { name: '邱靓', role: 'grid_worker', grid: '楚凤二网格', building: null, unit: null, room: null },
    { name: '王晓慧', role: 'admin', grid: null, building: null, unit: null, room: null },
    { name: '林晓雯', role: 'resident', grid: null, building: '3', unit: null, room: '602' },
  ],
  roster: [],
};
const start = '2022-12-18T18:00:00+08:00';
const open = (h: Awaited<ReturnType<typeof createHarness>>) =>
  h.app.bot.state.aid.requests.filter((r) => r.status === 'open' || r.status === 'matched');

describe('threads and replies', () => {
  it('attaches a bare 我家有 to the latest open request and @-mentions both sides', async () => {
    const h = await createHarness(start, scene);
    expect(await h.say('陈思雨', '急!2单元1102,孩子一岁半烧到39度5,家里美林用完了,谁家有先借一点', { room: B3, at: '19:02' })).toEqual([]);
    const out = await h.say('刘建国', '我家有', { room: B3, at: '19:03' });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: 'room', room: B3, mentions: ['陈思雨', '刘建国'] });
    expect(out[0]!.kind === 'room' && out[0]!.text).toMatch(/1102/);
    expect(out[0]!.kind === 'room' && out[0]!.text).toMatch(/说明书|遵医嘱/);
    expect(out[0]!.kind === 'room' && out[0]!.text).not.toMatch(/\d+\s*(ml|毫升|片|粒|mg)/);
    expect(h.app.bot.state.aid.requests).toHaveLength(1);
  });

  it('never opens a request for a reply with nothing open, and stays silent', async () => {
    const h = await createHarness(start, scene);
    expect(await h.say('刘建国', '我家有', { room: B3, at: '19:03' })).toEqual([]);
    expect(await h.say('孙桂芝', '我也有', { room: B3, at: '19:04' })).toEqual([]);
    expect(h.app.bot.state.aid.requests).toHaveLength(0);
  });

  it('does not attach a bare reply to a request older than the reply window', async () => {
    const h = await createHarness(start, scene);
    await h.say('陈思雨', '谁家有退烧药?', { room: B3, at: '19:00' });
    expect(await h.say('刘建国', '我家有', { room: B3, at: '19:45' })).toEqual([]);
    expect(open(h)[0]!.status).toBe('open');
  });

  it('keeps a second offer as a backup without a second notice or a new request', async () => {
    const h = await createHarness(start, scene);
    await h.say('陈思雨', '谁家有美林?孩子发烧了', { room: B3, at: '19:02' });
    await h.say('刘建国', '我家有', { room: B3, at: '19:03' });
    expect(await h.say('孙桂芝', '我也有,泰诺林行不行?', { room: B3, at: '19:04' })).toEqual([]);
    const [req] = h.app.bot.state.aid.requests;
    expect(h.app.bot.state.aid.requests).toHaveLength(1);
    expect(req!.offers.map((o) => o.helper)).toEqual(['刘建国', '孙桂芝']);
    expect(req!.helper).toBe('刘建国');
  });

  it('treats the requester continuing her thread as the same request', async () => {
    const h = await createHarness(start, scene);
    await h.say('陈思雨', '谁家有美林?孩子发烧了', { room: B3, at: '19:02' });
    await h.say('刘建国', '我家有', { room: B3, at: '19:03' });
    expect(await h.say('陈思雨', '美林泰诺林都行!刘哥能放我门口吗', { room: B3, at: '19:05' })).toEqual([]);
    expect(h.app.bot.state.aid.requests).toHaveLength(1);
  });

  it('does not open a request for a counter-question into someone else’s thread', async () => {
    const h = await createHarness(start, scene);
    await h.say('王丽', '谁家有退烧药能给我妈送上去吗', { room: B3, at: '19:31' });
    expect(await h.say('周航', '几单元?', { room: B3, at: '19:32' })).toEqual([]);
    expect(h.app.bot.state.aid.requests).toHaveLength(1);
  });

  it('refreshes instead of adding when the same person asks again for the same thing', async () => {
    const h = await createHarness(start, scene);
    await h.say('马建军', '谁家有多余的N95口罩?', { room: B3, at: '20:05' });
    await h.say('马建军', '还有人有N95吗,求一个', { room: B3, at: '21:00' });
    expect(h.app.bot.state.aid.requests).toHaveLength(1);
    expect(h.app.bot.state.aid.requests[0]!.messageIds).toHaveLength(2);
  });

  it('attaches an offer that quotes a request to that request, even when another is newer', async () => {
    const h = await createHarness(start, scene);
    await h.say('吴红梅', '有没有邻居有蒙脱石散?老人拉肚子', { room: B3, at: '20:12' });
    await h.say('郭丽娜', '谁家有黄桃罐头,孩子想吃', { room: B3, at: '20:14' });
    const out = await h.say('周航', '我家有', { room: B3, at: '20:15', quote: '有没有邻居有蒙脱石散?老人拉肚子' });
    expect(out[0]).toMatchObject({ mentions: ['吴红梅', '周航'] });
  });

  it('stays silent on notices and chit-chat, and never turns them into requests or offers', async () => {
    const h = await createHarness(start, scene);
    await h.say('赵敏', '我有多余的抗原,放一楼保安处了,需要的自取', { room: B3, at: '19:20' });
    expect(await h.say('李阿姨', '楼下大药房明早8点发抗原,每人限两个', { room: B3, at: '20:20' })).toEqual([]);
    expect(await h.say('马建军', '我家没有了,帮顶一下', { room: B3, at: '20:21' })).toEqual([]);
    expect(await h.say('李阿姨', '大家注意保暖', { room: B3, at: '20:22' })).toEqual([]);
    expect(h.app.bot.state.aid.requests).toHaveLength(0);
    expect(h.app.bot.state.aid.offers).toHaveLength(1);
  });
});

describe('lifecycle', () => {
  it('closes on the requester’s thanks, and nothing follows about it', async () => {
    const h = await createHarness(start, scene);
    await h.say('陈思雨', '急!孩子烧到39度5,谁家有美林', { room: B3, at: '19:02' });
    await h.say('刘建国', '我家有', { room: B3, at: '19:03' });
    await h.say('刘建国', '给你放门口了', { room: B3, at: '19:09' });
    expect(h.app.bot.state.aid.requests[0]!.delivered).toBe(true);
    await h.say('陈思雨', '收到了,谢谢刘哥!', { room: B3, at: '19:14' });
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('fulfilled');
    const later = await h.advance('2022-12-19T23:00:00+08:00');
    // Only the grid worker's morning summary may still mention it, as closed.
    expect(later.filter((o) => o.kind === 'room')).toEqual([]);
    expect(later.every((o) => o.kind === 'private' && o.to === '邱靓' && /已解决/.test(o.text))).toBe(true);
  });

  it('cancels on 不用了 and never escalates the cancelled request', async () => {
    const h = await createHarness(start, scene);
    await h.say('吴红梅', '有没有邻居有蒙脱石散?老人拉肚子', { room: B3, at: '20:12' });
    await h.say('吴红梅', '不用了,家里柜子里翻出来一盒', { room: B3, at: '20:20' });
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('cancelled');
    expect(await h.advance('23:00')).toEqual([]);
  });

  it('expires an unanswered request after 24 hours and tells the requester once', async () => {
    const h = await createHarness(start, scene);
    await h.say('郭丽娜', '谁家有黄桃罐头,孩子发烧非要吃,不急,明天有也行', { room: B3, at: '20:25' });
    const out = await h.advance('2022-12-20T12:00:00+08:00');
    const toHer = out.filter((o) => o.kind === 'room' && o.mentions.includes('郭丽娜'));
    expect(toHer).toHaveLength(1);
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('expired');
  });

  it('closes with 完成 and lists requests with 求助列表 and 我的求助', async () => {
    const h = await createHarness(start, scene);
    await h.say('马建军', '谁家有多余的N95口罩?', { room: B3, at: '20:05' });
    const list = await h.say('周航', '求助列表', { room: B3, at: '20:06' });
    expect(list[0]!.kind === 'room' && list[0]!.text).toMatch(/N95/);
    const mine = await h.say('马建军', '我的求助', { room: B3, at: '20:07' });
    expect(mine[0]!.kind === 'room' && mine[0]!.text).toMatch(/N95/);
    await h.say('马建军', '完成', { room: B3, at: '20:08' });
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('fulfilled');
  });
});

describe('more shapes of posts', () => {
  it('records an exchange as a request and a standing offer', async () => {
    const h = await createHarness(start, scene);
    await h.say('孙桂芝', '我有多余的口罩,急求布洛芬,可以置换', { room: B3, at: '19:00' });
    const [req] = h.app.bot.state.aid.requests;
    expect(req!.items.map((i) => i.category)).toEqual(['fever_medicine']);
    expect(h.app.bot.state.aid.offers[0]!.items.map((i) => i.category)).toEqual(['mask']);
    const out = await h.say('马建军', '谁家有口罩,想要两个', { room: B3, at: '19:05' });
    expect(out[0]).toMatchObject({ mentions: ['马建军', '孙桂芝'] });
  });

  it('takes the location from the sender’s group alias, and may repeat it there', async () => {
    const h = await createHarness(start, scene);
    await h.say('王姐', '谁家有退烧药,老人发烧了', { room: B3, at: '19:00', alias: '3-2-301 王姐' });
    const req = h.app.bot.state.aid.requests[0]!;
    expect(req.location).toMatchObject({ building: '3', unit: '2', room: '301' });
    const out = await h.say('周航', '我家有', { room: B3, at: '19:01' });
    expect(out[0]!.text).toMatch(/301/);
  });

  it('uses the people config for location but never repeats it in the group', async () => {
    const h = await createHarness(start, scene);
    await h.say('林晓雯', '谁家有对乙酰氨基酚', { room: B3, at: '21:36' });
    expect(h.app.bot.state.aid.requests[0]!.location).toMatchObject({ building: '3', room: '602' });
    const out = await h.say('周航', '我家有', { room: B3, at: '21:37' });
    expect(out[0]!.text).not.toMatch(/602/);
  });

  it('acknowledges a request made to the bot directly when nobody can answer yet', async () => {
    const h = await createHarness(start, scene);
    const out = await h.say('马建军', '求一个体温计', { room: B3, at: '19:00', mentionsBot: true });
    expect(out[0]).toMatchObject({ mentions: ['马建军'] });
    expect(out[0]!.text).toMatch(/已记录/);
  });

  it('ignores non-text noise and huge posts without failing', async () => {
    const h = await createHarness(start, scene);
    expect(await h.say('刘建国', '[图片]', { room: B3, at: '19:00' })).toEqual([]);
    expect(await h.say('刘建国', '药'.repeat(20_000), { room: B3, at: '19:01' })).toEqual([]);
    const out = await h.say('陈思雨', '谁家有美林', { room: B3, at: '19:02' });
    expect(out).toEqual([]);
    expect(h.app.bot.state.aid.requests).toHaveLength(1);
  });
});

describe('rules found on new transcripts', () => {
  it('lets the requester say where in a follow-up, and the match notice repeats it', async () => {
    const h = await createHarness(start, scene);
    await h.say('张秀兰', '谁家有布洛芬?我爸发烧了', { room: B3, at: '19:00' });
    expect(await h.say('张秀兰', '3号楼2单元301', { room: B3, at: '19:02' })).toEqual([]);
    const out = await h.say('陈静', '我家有布洛芬,给你送过去', { room: B3, at: '19:03' });
    expect(out[0]!.kind === 'room' && out[0]!.text).toMatch(/2单元301/);
    expect(h.app.bot.state.aid.requests).toHaveLength(1);
  });

  it('matches the offered half of an exchange to an open request', async () => {
    const h = await createHarness(start, scene);
    await h.say('高峰', '谁家有口罩?想要两个', { room: B3, at: '19:00' });
    const out = await h.say('马丽', '我家有多余的口罩,想换点布洛芬,可以置换', { room: B3, at: '19:05' });
    expect(out.some((o) => o.kind === 'room' && o.mentions.join() === '高峰,马丽')).toBe(true);
    expect(h.app.bot.state.aid.requests.filter((r) => r.requester === '马丽')).toHaveLength(1);
  });

  it('keeps a 自取 offer standing after it answers one request', async () => {
    const h = await createHarness(start, scene);
    await h.say('李强', '求两个抗原', { room: B3, at: '19:00' });
    const first = await h.say('赵敏', '我有多余的抗原,放一楼保安处了,需要的自取', { room: B3, at: '19:05' });
    expect(first[0]).toMatchObject({ mentions: ['李强', '赵敏'] });
    const second = await h.say('周航', '谁家有抗原?求一个', { room: B3, at: '19:30' });
    expect(second[0]).toMatchObject({ mentions: ['周航', '赵敏'] });
  });

  it('does not attach 我也有+another item to a request for something else', async () => {
    const h = await createHarness(start, scene);
    await h.say('李强', '求两个抗原', { room: B3, at: '19:00' });
    expect(await h.say('陈静', '我也有布洛芬', { room: B3, at: '19:02' })).toEqual([]);
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('open');
  });

  it('attaches a grid-group reply quoting a relay to the relayed request, and a cancel keeps the requester unnamed there', async () => {
    const h = await createHarness(start, scene);
    await h.say('宋伟', '求一盒蒙脱石散,孩子拉肚子', { room: B3, at: '19:00' });
    await h.say('曹阳', '谁家有体温计?借用一下', { room: B3, at: '19:05' });
    await h.advance('19:40');
    const out = await h.say('韩冬', '我有', {
      room: GRID2,
      at: '19:50',
      quote: '【互助转发】3号楼有一位孩子需要蒙脱石散,已等30分钟还没有人回应。',
    });
    // 韩冬 is not in 3号楼群: both sides are told privately.
    expect(
      out
        .filter((o) => o.kind === 'private')
        .map((o) => o.kind === 'private' && o.to)
        .sort(),
    ).toEqual(['宋伟', '韩冬'].sort());
    expect(out.find((o) => o.kind === 'private' && o.to === '宋伟')!.text).toMatch(/蒙脱石散/);
    expect(h.app.bot.state.aid.requests.find((r) => r.requester === '曹阳')!.offers).toHaveLength(0);
    const cancel = await h.say('宋伟', '取消', { room: B3, at: '20:00' });
    const toHelper = cancel.find((o) => o.kind === 'room' && o.mentions.includes('韩冬'));
    expect(toHelper).toMatchObject({ room: GRID2 });
    expect(toHelper!.kind === 'room' && toHelper!.text).not.toMatch(/宋伟/);
  });

  it('answers a resident who asks privately, privately, and closes her request there', async () => {
    const h = await createHarness(start, scene);
    const hint = await h.say('陈思雨', '求布洛芬,老人发烧了', { dm: true, at: '19:00' });
    expect(hint).toHaveLength(1);
    expect(hint[0]).toMatchObject({ kind: 'private', to: '陈思雨' });
    expect(h.app.bot.state.aid.requests).toHaveLength(0);
    await h.say('陈思雨', '谁家有美林?', { room: B3, at: '19:02' });
    await h.say('刘建国', '我家有', { room: B3, at: '19:03' });
    const out = await h.say('陈思雨', '取消', { dm: true, at: '19:05' });
    expect(out.find((o) => o.kind === 'private')).toMatchObject({ to: '陈思雨' });
    expect(out.find((o) => o.kind === 'room')).toMatchObject({ room: B3, mentions: ['刘建国'] });
    expect(h.app.bot.state.aid.requests[0]!.status).toBe('cancelled');
  });

  it('treats a need re-posted in the grid group as a relay of the open request, and announces a real fit after a stand-in', async () => {
    const h = await createHarness(start, scene);
    await h.say('戊', '急!孩子发烧39度5,谁家有美林', { room: B3, at: '19:05' });
    const standIn = await h.say('己', '有需要布洛芬的吗?我家多了两盒', { room: B3, at: '19:06' });
    expect(standIn[0]!.kind === 'room' && standIn[0]!.text).toMatch(/医生|药师/);
    expect(await h.say('邱靓', '3号楼那个孩子,谁家有美林帮帮忙', { room: GRID2, at: '19:20' })).toEqual([]);
    expect(h.app.bot.state.aid.requests).toHaveLength(1);
    await h.say('庚', '3号楼的,刚看到', { room: B3, at: '19:28' }); // 庚 is in 3号楼群
    const out = await h.say('庚', '我家有美林', { room: GRID2, at: '19:30' });
    expect(out.find((o) => o.kind === 'room' && o.room === B3)).toMatchObject({ mentions: ['戊', '庚'] });
  });
});
