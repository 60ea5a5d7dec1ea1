// shared/devset/replay-union-qa.jsonl through the whole bot: workers @ the union's bot,
// checked against shared/devset/replay-README.md, section (c), with the later rules of issue 8:
// in a union group a question the knowledge base answers surely is answered without an @ too
// (so 14:10 "12351是啥电话" gets its answer, where the README expected silence), and off-topic
// questions (dose, stocks, essay) get one kind line and never reach the staff digest.
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../support/shared.ts';
import { replayFile, hhmm, day, type ReplayOutput } from '../support/replay.ts';
import { OFF_TOPIC_REPLY } from '../../src/domain/faq/index.ts';

// Resolved while the file loads: without the transcript the file fails at once, naming it.
const TRANSCRIPT = sharedPath('devset/replay-union-qa.jsonl');
const ROOM = '芝罘区职工服务群';
let out: ReplayOutput[] = [];
let run: Awaited<ReturnType<typeof replayFile>>;

beforeAll(async () => {
  run = await replayFile(TRANSCRIPT);
  out = run.out;
}, 60_000);

const reply = (time: string) => out.filter((o) => o.room === ROOM && day(o) === '2022-12-22' && hhmm(o) === time);
const HANDOFF = /转给工会工作人员/;

describe('union questions', () => {
  it('answers each @-mention once, in the room, to the asker; without @ only the sure question', () => {
    const inRoom = out.filter((o) => o.room === ROOM);
    const asked = run.input.filter((l) => l.mentionsBot === true);
    expect(inRoom).toHaveLength(asked.length + 1);
    for (const l of asked)
      expect(
        reply(String(l.at).slice(11, 16)).map((o) => o.mentions),
        String(l.text),
      ).toEqual([[l.from]]);
    // Talk, and a staff notice, without @: silence.
    for (const time of ['09:20', '10:50']) expect(reply(time)).toEqual([]);
    // "12351是啥电话？" without @ is answered from the knowledge base, to the asker.
    expect(reply('14:10')).toHaveLength(1);
    expect(reply('14:10')[0]!.mentions).toEqual(['马小军']);
    expect(reply('14:10')[0]!.text).toBe(reply('14:12')[0]!.text);
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

  it('does not invent the centre’s hours or phone: it says to ask 12351 for them', () => {
    const a = reply('09:45')[0]!.text!;
    expect(a).toMatch(/开放时间.*电话.*12351|电话.*开放时间.*12351/);
  });

  it('answers the dose, stock and essay questions with one kind line, no dosage, not a hand-off', () => {
    for (const time of ['10:02', '10:41', '14:00']) {
      expect(reply(time)[0]!.text).toBe(OFF_TOPIC_REPLY);
      expect(reply(time)[0]!.text).not.toMatch(HANDOFF);
    }
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

  it('keeps off-topic questions out of the staff digest, and repeats no digest', () => {
    const digests = out.filter((o) => o.to === '林晓');
    expect(digests.length).toBeLessThanOrEqual(1);
    for (const d of digests) for (const who of ['赵磊', '周强', '黄丽']) expect(d.text).not.toContain(who);
    for (const who of ['赵磊', '周强', '黄丽']) expect(run.state.handoffs.map((h) => h.asker)).not.toContain(who);
    expect(out.filter((o) => day(o) === '2022-12-23')).toEqual([]);
    expect(run.state.handoffs.every((h) => h.digestedAt !== null)).toBe(true);
  });
});
