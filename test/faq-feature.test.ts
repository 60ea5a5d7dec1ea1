// The union FAQ inside the bot: when it speaks, suggestions by number, hand-offs for staff.
import { describe, expect, it } from 'vitest';
import { createHarness } from './support/harness.ts';
import type { SceneOverrides } from '../src/app.ts';
import { OFF_TOPIC_REPLY } from '../src/domain/faq/index.ts';

const UNION = '芝罘区职工服务群';
const scene: SceneOverrides = {
  rooms: [
    { topic: UNION, kind: 'union', building: null, grid: null },
    { topic: '楚凤社区2号楼群', kind: 'building', building: '2', grid: '楚凤一网格' },
  ],
  people: [{ name: '林晓', role: 'admin', grid: null, building: null, unit: null, room: null }],
  roster: [],
};
const start = '2022-12-22T08:30:00+08:00';

describe('union answers in the bot', () => {
  it('in a union group answers a sure question without @, and stays silent on the rest', async () => {
    const h = await createHarness(start, scene);
    const sure = await h.say('马小军', '12351是啥电话?', { room: UNION, at: '09:00' });
    expect(sure).toHaveLength(1);
    expect(sure[0]).toMatchObject({ kind: 'room', room: UNION, mentions: ['马小军'] });
    expect(sure[0]!.text).toMatch(/12351/);
    // Not a question, unsure, off-topic, or a staff notice: no reply without @, and nothing kept.
    for (const [who, text] of [
      ['李大姐', '今天真冷,大家多穿点'],
      ['王师傅', '这个月又白干了'],
      ['周强', '最近买什么股票好?'],
      ['刘芳', '那个事后来怎么样了?'],
      ['林晓', '法律服务站下午有律师,需要咨询的可以来吗?'],
    ] as const) {
      expect(await h.say(who, text, { room: UNION, at: '09:05' }), text).toEqual([]);
    }
    expect(h.app.bot.state.handoffs).toEqual([]);
    const mentioned = await h.say('马小军', '12351是啥电话?', { room: UNION, at: '09:10', mentionsBot: true });
    expect(mentioned[0]!.text).toMatch(/12351/);
    const prefixed = await h.say('马小军', '问:工资被拖欠了怎么办', { room: UNION, at: '09:12' });
    expect(prefixed[0]!.text).toMatch(/法律服务站|律师/);
  });

  it('answers a sure question without @ only in union groups, not in building groups', async () => {
    const h = await createHarness(start, scene);
    expect(await h.say('李阿姨', '12351是啥电话?', { room: '楚凤社区2号楼群', at: '09:00' })).toEqual([]);
  });

  it('always answers in a private chat', async () => {
    const h = await createHarness(start, scene);
    const out = await h.say('张建军', '老板欠我三个月工资不给咋整', { dm: true, at: '09:00' });
    expect(out[0]).toMatchObject({ kind: 'private', to: '张建军' });
    expect(out[0]!.text).toMatch(/法律服务站|律师/);
  });

  it('never treats a medicine question in the union room as a request for help', async () => {
    const h = await createHarness(start, scene);
    const out = await h.say('赵磊', '谁有布洛芬,一天最多吃几片', { room: UNION, at: '10:02', mentionsBot: true });
    expect(out).toHaveLength(1);
    expect(out[0]!.text).toBe(OFF_TOPIC_REPLY);
    expect(h.app.bot.state.aid.requests).toEqual([]);
  });

  it('answers off-topic questions with one kind line and keeps none of them for staff', async () => {
    const h = await createHarness(start, scene);
    for (const q of ['明天会不会下雪', '你是真人吗', '附近哪有药店']) {
      const out = await h.say('吴敏', q, { room: UNION, at: '10:00', mentionsBot: true });
      expect(out, q).toHaveLength(1);
      expect(out[0]!.text, q).toBe(OFF_TOPIC_REPLY);
      expect(out[0]!.text.split(/[。!！]/).filter((x) => x.trim()).length, q).toBeLessThanOrEqual(2);
    }
    expect(h.app.bot.state.handoffs).toEqual([]);
    expect((await h.advance('18:30')).filter((o) => o.kind === 'private')).toEqual([]);
  });

  it('keeps in-scope questions it cannot answer for staff and lists them, grouped, with 未解答问题', async () => {
    const h = await createHarness(start, scene);
    await h.say('周强', '工会的大病互助金怎么申请', { room: UNION, at: '10:41', mentionsBot: true });
    await h.say('郑浩', '大病互助金申请要什么材料', { room: UNION, at: '10:45', mentionsBot: true });
    expect(h.app.bot.state.handoffs).toMatchObject([
      { question: '工会的大病互助金怎么申请', asker: '周强', room: UNION },
      { question: '大病互助金申请要什么材料', asker: '郑浩', room: UNION },
    ]);
    const list = await h.say('林晓', '未解答问题', { dm: true, at: '11:00' });
    expect(list[0]!.text).toMatch(/周强.*互助金/);
    expect(list[0]!.text).toMatch(/2个相近的问题/);
    const notStaff = await h.say('周强', '未解答问题', { dm: true, at: '11:01' });
    expect(notStaff[0]!.text).not.toMatch(/互助金/);
  });

  it('sends each handed-off question to staff in one digest, and never again', async () => {
    const h = await createHarness(start, scene);
    await h.say('周强', '工会的大病互助金怎么申请', { room: UNION, at: '10:41', mentionsBot: true });
    const first = await h.advance('18:30');
    expect(first.filter((o) => o.kind === 'private' && o.to === '林晓')).toHaveLength(1);
    await h.say('黄丽', '婚假一共能休几天', { room: UNION, at: '19:00', mentionsBot: true });
    const second = await h.advance('2022-12-23T19:00:00+08:00');
    const digest = second.filter((o) => o.kind === 'private' && o.to === '林晓');
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toMatch(/黄丽/);
    expect(digest[0]!.text).not.toMatch(/周强/);
  });

  it('greets a bare greeting without bothering staff', async () => {
    const h = await createHarness(start, scene);
    const out = await h.say('刘芳', '你好', { room: UNION, at: '15:30', mentionsBot: true });
    expect(out[0]!.text).toMatch(/可以回答/);
    expect(h.app.bot.state.handoffs).toEqual([]);
  });

  it('answers a numbered choice after a suggestion', async () => {
    const h = await createHarness(start, scene);
    const engine = h.app.bot.services.faq();
    // Find a question of the dev kind that lands in the suggest band, without hard-coding one.
    const candidates = ['那这个要钱吗', '在哪里', '怎么弄', '能去吗', '有人管吗', '找谁'];
    const vague = candidates.find((q) => engine.ask(q).band === 'suggest');
    expect(vague).toBeDefined();
    const ask = await h.say('王师傅', vague!, { dm: true, at: '09:00' });
    expect(ask[0]!.text).toMatch(/您是想问/);
    const expected = engine.answerById(engine.ask(vague!).suggestions[0]!.answerId)!.reply;
    const pick = await h.say('王师傅', '1', { dm: true, at: '09:01' });
    expect(pick[0]!.text).toBe(expected);
  });

  it('answers a union question @-asked in a building group, but not a plain post there', async () => {
    const h = await createHarness(start, scene);
    expect(await h.say('李阿姨', '工伤怎么认定', { room: '楚凤社区2号楼群', at: '09:00' })).toEqual([]);
    const out = await h.say('李阿姨', '工伤怎么认定', { room: '楚凤社区2号楼群', at: '09:01', mentionsBot: true });
    expect(out[0]!.text).toMatch(/工伤/);
  });
});

describe('in building groups', () => {
  it('greets as the neighbours’ helper and never hands a dose question to the union desk wording', async () => {
    const h = await createHarness(start, scene);
    const hello = await h.say('李阿姨', '你好', { room: '楚凤社区2号楼群', at: '09:00', mentionsBot: true });
    expect(hello[0]!.text).toMatch(/求助列表|我家有/);
    const dose = await h.say('李阿姨', '布洛芬一次吃几片', { room: '楚凤社区2号楼群', at: '09:01', mentionsBot: true });
    expect(dose[0]!.text).toMatch(/说明书|医生/);
    expect(dose[0]!.text).not.toMatch(/工会工作人员/);
    expect(dose[0]!.text).not.toMatch(/\d+\s*片/);
  });
});
