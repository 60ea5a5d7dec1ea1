// shared/devset/replay-union-qa.jsonl through the whole bot: workers @ the union's bot,
// checked against shared/devset/replay-README.md, section (c).
import { beforeAll, describe, expect, it } from 'vitest';
import { replayFile, hhmm, day, type ReplayOutput } from '../support/replay.ts';

const ROOM = '芝罘区职工服务群';
let out: ReplayOutput[] = [];
let run: Awaited<ReturnType<typeof replayFile>>;

beforeAll(async () => {
  run = await replayFile('../shared/devset/replay-union-qa.jsonl');
  out = run.out;
}, 60_000);

const reply = (time: string) => out.filter((o) => o.room === ROOM && day(o) === '2022-12-22' && hhmm(o) === time);
const HANDOFF = /转给工会工作人员/;

describe('union questions', () => {
  it('answers each @-mention once, in the room, to the asker, and nothing else', () => {
    const inRoom = out.filter((o) => o.room === ROOM);
    expect(inRoom).toHaveLength(15);
    const asked = run.input.filter((l) => l.mentionsBot === true);
    expect(inRoom.map((o) => o.mentions)).toEqual(asked.map((l) => [l.from]));
    for (const time of ['09:20', '10:50', '14:10']) expect(reply(time)).toEqual([]);
  });

  it('answers from the knowledge base without inventing numbers, hours or 24小时', () => {
    for (const o of out) {
      expect(o.text).not.toMatch(/24\s*小时/);
      const numbers = [...(o.text ?? '').matchAll(/\d{5,}/g)].map((m) => m[0]);
      expect(numbers.filter((n) => n !== '12351')).toEqual([]);
      expect(o.text).not.toMatch(/\d{1,2}[:：点]\d{0,2}\s*(上班|开门|开放|下班)|周[一二三四五六日]至/);
    }
  });

  it('points to the outdoor stations with what the seed states', () => {
    const a = reply('09:12')[0]!.text!;
    expect(a).toMatch(/30/);
    expect(a).toMatch(/大海阳路/);
  });

  it('sends wage arrears to the free legal station', () => {
    const a = reply('09:31')[0]!.text!;
    expect(a).toMatch(/法律服务站|律师/);
    expect(a).toMatch(/免费/);
  });

  it('does not invent the centre’s hours or phone', () => {
    const a = reply('09:45')[0]!.text!;
    expect(a).toMatch(/12351/);
    expect(a).toMatch(/没有|不知道|暂时/);
  });

  it('hands off the dose, stock and essay questions, with no dosage', () => {
    for (const time of ['10:02', '10:41', '14:00']) expect(reply(time)[0]!.text).toMatch(HANDOFF);
    expect(reply('10:02')[0]!.text).not.toMatch(/\d+\s*(片|粒|mg|毫克)/);
  });

  it('never turns the medicine question into a mutual-aid request', () => {
    expect(run.state.aid.requests).toEqual([]);
    expect(run.state.aid.offers).toEqual([]);
  });

  it('uses the quoted question as context: lawyers write documents (代书)', () => {
    expect(reply('11:20')[0]!.text).toMatch(/代书/);
  });

  it('answers the workers’ home, counselling, skills, hotline, contract and membership questions', () => {
    expect(reply('10:30')[0]!.text).toMatch(/B座顶楼/);
    expect(reply('10:15')[0]!.text).toMatch(/心理咨询室|心理调节室/);
    expect(reply('13:30')[0]!.text).toMatch(/工匠联盟/);
    expect(reply('14:12')[0]!.text).toMatch(/12351/);
    expect(reply('15:00')[0]!.text).toMatch(/法律服务站|12351/);
    expect(reply('16:00')[0]!.text).toMatch(/12351/);
  });

  it('sends the daily digest of handed-off questions privately once, never repeated', () => {
    const digests = out.filter((o) => o.to === '林晓');
    expect(digests).toHaveLength(1);
    for (const who of ['赵磊', '周强', '黄丽']) expect(digests[0]!.text).toContain(who);
    expect(out.filter((o) => day(o) === '2022-12-23')).toEqual([]);
    expect(run.state.handoffs.every((h) => h.digestedAt !== null)).toBe(true);
  });
});
