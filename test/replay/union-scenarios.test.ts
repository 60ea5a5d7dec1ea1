// Two more union days through the whole bot (test/fixtures/replay-union-*.jsonl), checked
// against shared/devset/replay-README.md (c) and issue 8: answers when @-mentioned or asked with
// a prefix, and without either only a sure knowledge-base answer; nothing invented (only 12351,
// never 24小时); off-topic questions get the kind line and are not kept; hand-offs kept and
// digested once; no mutual aid from union rooms. Behaviour, not wording.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { replayFile, hhmm, day, type ReplayOutput } from '../support/replay.ts';
import { findPrivacyLeaks } from '../support/privacy.ts';
import { loadKnowledgeBase } from '../../src/config/load-faq.ts';
import { loadMainConfig } from '../../src/config/load.ts';
import { createFaqEngine, OFF_TOPIC_REPLY } from '../../src/domain/faq/index.ts';

type Run = Awaited<ReturnType<typeof replayFile>>;
interface Setup {
  rooms: { topic: string; kind: string }[];
  people: { name: string; role: string }[];
}
const PREFIXES = ['问:', '问：', '请问小助手'];
const kb = (parse(readFileSync('config/faq.yaml', 'utf8')) as { entries: { id: string; title: string }[] }).entries;
const engine = createFaqEngine(loadKnowledgeBase('config'), loadMainConfig('config').faq);
/** Every answer the knowledge base can give, as the bot renders it. */
const kbAnswers = new Set(kb.map((e) => engine.answerById(e.id)!.reply));
const replyOf = (title: string) => engine.answerById(kb.find((e) => e.title === title)!.id)!.reply;

const setupOf = (run: Run) => run.input.find((l) => 'setup' in l)!.setup as Setup;
const unionRooms = (run: Run) =>
  setupOf(run)
    .rooms.filter((r) => r.kind === 'union')
    .map((r) => r.topic);
const admins = (run: Run) =>
  setupOf(run)
    .people.filter((p) => p.role === 'admin')
    .map((p) => p.name);
const asked = (l: Record<string, unknown>) => l.mentionsBot === true || PREFIXES.some((p) => String(l.text).startsWith(p));
const isDigest = (o: ReplayOutput) => /待解答|转给工作人员的问题/.test(o.text ?? '');
const handedOff = (run: Run, text: string) => run.state.handoffs.some((h) => text.includes(h.question) || h.question.includes(text));

/** The rules every union transcript must keep. `followUps`: times of bare digits that answer a suggestion. */
function commonRules(get: () => Run, followUps: string[]) {
  const msgs = () => get().input.filter((l) => typeof l.text === 'string');
  const repliesAt = (at: string) => get().out.filter((o) => o.at === at && !isDigest(o));

  it('prints no error lines and leaks nothing', () => {
    expect(get().out.filter((o) => o.error)).toEqual([]);
    expect(findPrivacyLeaks(get().input, get().out)).toEqual([]);
  });

  it('answers each @-mention or prefixed question once, in its room, to the asker; without them only a sure answer', () => {
    for (const l of msgs().filter((m) => unionRooms(get()).includes(String(m.room)))) {
      const replies = repliesAt(String(l.at));
      const time = String(l.at).slice(11, 16);
      if (asked(l) || followUps.includes(time)) {
        expect(replies, `${time} ${l.text}`).toHaveLength(1);
        expect(replies[0]!.room).toBe(l.room);
        expect(replies[0]!.mentions).toEqual([l.from]);
      } else {
        // Without @ at most one reply, and only a knowledge-base answer (never choices or a hand-off).
        expect(replies.length, `${time} ${l.text}`).toBeLessThanOrEqual(1);
        for (const r of replies) {
          expect(r.mentions).toEqual([l.from]);
          expect(kbAnswers.has(r.text!), `${time} ${l.text}`).toBe(true);
        }
      }
    }
  });

  it('answers private questions privately, once', () => {
    for (const l of msgs().filter((m) => m.dm === true)) {
      const replies = repliesAt(String(l.at));
      expect(replies.length, String(l.text)).toBeLessThanOrEqual(1);
      for (const r of replies) expect(r.to).toBe(l.from);
    }
  });

  it('invents no numbers, hours, fees or 24小时; the only phone number is 12351', () => {
    // Roster phones in a grid worker's private callback messages are theirs to see.
    const rosterPhones = ((get().input.find((l) => 'setup' in l)!.setup as { roster?: { phone: string }[] }).roster ?? []).map(
      (r) => r.phone,
    );
    for (const o of get().out) {
      const t = o.text ?? '';
      expect(t).not.toMatch(/24\s*小时|二十四小时/);
      const numbers = [...t.matchAll(/\d{5,}/g)].map((m) => m[0]);
      expect(numbers.filter((n) => n !== '12351' && !(o.to && rosterPhones.includes(n)))).toEqual([]);
      expect(t).not.toMatch(/\d{1,2}\s*[:：点]\s*\d{0,2}\s*(上班|开门|开放|下班|到|至)|周[一二三四五六日]至|\d+\s*元|\d+\s*(天|日|个月)内/);
    }
  });

  it('opens no mutual-aid request or offer from a union room', () => {
    const rooms = unionRooms(get());
    expect(get().state.aid.requests.filter((r) => rooms.includes(r.room))).toEqual([]);
    expect(get().state.aid.offers.filter((o) => rooms.includes(o.room))).toEqual([]);
  });

  it('keeps every hand-off and digests it once, privately, to each admin', () => {
    const digests = get().out.filter(isDigest);
    for (const d of digests) expect(admins(get())).toContain(d.to);
    for (const admin of admins(get())) {
      const mine = digests.filter((d) => d.to === admin);
      const days = mine.map(day);
      expect(new Set(days).size).toBe(days.length); // at most one a day
      for (const h of get().state.handoffs) {
        expect(
          mine.filter((d) => d.text!.includes(h.question)),
          h.question,
        ).toHaveLength(1);
        expect(h.digestedAt).not.toBeNull();
      }
    }
  });
}

describe('union: two rooms, prefixes, a suggestion and a quote (replay-union-two-rooms)', () => {
  let run: Run;
  let out: ReplayOutput[] = [];
  beforeAll(async () => {
    run = await replayFile('test/fixtures/replay-union-two-rooms.jsonl');
    out = run.out;
  }, 60_000);
  const reply = (d: string, time: string) => out.filter((o) => day(o) === d && hhmm(o) === time && !isDigest(o));
  const D1 = '2023-03-06';

  commonRules(() => run, []);

  it('answers a sure wage question with or without 问:, and a prefixed one the same way', () => {
    expect(reply(D1, '09:05')[0]!.text).toBe(reply(D1, '09:06')[0]!.text);
    expect(reply(D1, '09:06')[0]!.text).toMatch(/法律服务站|律师/);
    expect(reply(D1, '09:06')[0]!.text).toMatch(/免费/);
    expect(reply(D1, '09:10')[0]!.text).toMatch(/法律服务站|12351/);
  });

  it('stays silent on a complaint that asks nothing, without @', () => {
    expect(reply(D1, '16:20')).toEqual([]);
  });

  it('offers choices for a vague question and answers the one picked by number', () => {
    const list = reply(D1, '09:20')[0]!.text!;
    const second = /^2[.、]\s*(.+)$/m.exec(list)?.[1]?.trim();
    expect(second).toBeTruthy();
    expect(reply(D1, '09:22')[0]!.text).toBe(replyOf(second!));
  });

  it('treats a quoted follow-up as a question in scope (not a hand-off)', () => {
    expect(handedOff(run, '那这个要花钱吗')).toBe(false);
  });

  it('answers weather, social-security-card and medicine questions with the kind line, keeps none, no dose', () => {
    for (const [time, q] of [
      ['10:00', '明天天气怎么样'],
      ['10:05', '帮我查一下社保卡余额'],
      ['10:20', '谁有布洛芬，孩子发烧了'],
    ]) {
      expect(reply(D1, time)[0]!.text).toBe(OFF_TOPIC_REPLY);
      expect(handedOff(run, q!)).toBe(false);
    }
    expect(reply(D1, '10:20')[0]!.text).not.toMatch(/\d+\s*(片|粒|mg|毫克|毫升)/);
  });

  it('greets without handing the greeting to staff', () => {
    expect(reply(D1, '10:10')).toHaveLength(1);
    expect(handedOff(run, '你好')).toBe(false);
  });

  it('answers a worker’s private questions privately, and the off-topic one kindly without keeping it', () => {
    expect(reply(D1, '11:00')[0]).toMatchObject({ to: '何师傅' });
    expect(reply(D1, '11:00')[0]!.text).toMatch(/心理咨询室|心理调节室/);
    expect(reply(D1, '11:05')[0]!.text).toMatch(/名师带徒|实地讲|线上课堂|工匠/);
    expect(reply(D1, '11:10')[0]).toMatchObject({ to: '何师傅', text: OFF_TOPIC_REPLY });
    expect(handedOff(run, '帮我写个请假条')).toBe(false);
  });

  it('does not invent the centre’s address or hours, nor 24-hour service for 12351', () => {
    expect(reply(D1, '13:00')[0]!.text).toMatch(/12351/);
    const hotline = reply(D1, '15:00')[0]!.text!;
    expect(hotline).toMatch(/12351/);
    expect(handedOff(run, '12351电话是24小时的吗')).toBe(false);
  });

  it('answers in the second union room too', () => {
    expect(reply(D1, '16:00')[0]!.room).toBe('新业态劳动者服务群');
    expect(reply(D1, '16:10')[0]!.text).toMatch(/法律服务站|12351/);
  });

  it('sends no digest when every unanswered question was off-topic', () => {
    expect(run.state.handoffs).toEqual([]);
    expect(out.filter(isDigest)).toEqual([]);
  });
});

describe('union: staff in private, bare numbers, thanks (replay-union-staff-dm)', () => {
  let run: Run;
  let out: ReplayOutput[] = [];
  beforeAll(async () => {
    run = await replayFile('test/fixtures/replay-union-staff-dm.jsonl');
    out = run.out;
  }, 60_000);
  const reply = (time: string, d = '2023-04-10') => out.filter((o) => day(o) === d && hhmm(o) === time && !isDigest(o));

  commonRules(() => run, ['09:31']);

  it('answers a grid worker’s union question privately without recording a callback', () => {
    expect(reply('09:00')[0]).toMatchObject({ to: '邵婷婷' });
    expect(reply('09:00')[0]!.text).toMatch(/法律服务站|12351/);
    expect(run.state.calls).toHaveLength(1);
  });

  it('reads typos (公资) and keeps a quoted follow-up in scope without inventing hours', () => {
    expect(reply('09:10')[0]!.text).toMatch(/免费/);
    expect(reply('09:12')[0]!.text).toMatch(/12351/);
    expect(handedOff(run, '那周末有人吗')).toBe(false);
  });

  it('takes a bare number from the asker after a suggestion, and ignores numbers from others or too late', () => {
    const list = reply('09:30')[0]!.text!;
    const first = /^1[.、]\s*(.+)$/m.exec(list)?.[1]?.trim();
    expect(first).toBeTruthy();
    expect(reply('09:31')[0]!.text).toBe(replyOf(first!));
    expect(reply('09:35')).toEqual([]);
    expect(reply('14:00')).toEqual([]);
  });

  it('answers thanks and “what can you do” without handing them to staff', () => {
    expect(reply('10:05')).toHaveLength(1);
    expect(reply('10:30')[0]!.text).toMatch(/欠薪|法律援助|职工之家/);
    expect(handedOff(run, '谢谢')).toBe(false);
    expect(handedOff(run, '工会能帮啥忙')).toBe(false);
  });

  it('answers an @-question in a building group too', () => {
    expect(reply('11:30')[0]).toMatchObject({ room: '楚凤社区1号楼群', mentions: ['赵大爷'] });
  });

  it('keeps the off-topic questions (hospital, number plates) out of the hand-offs, so no digest', () => {
    expect(reply('10:50')[0]!.text).toBe(OFF_TOPIC_REPLY);
    // A grid worker's off-topic line gets what she can say to the bot here (callbacks), not the union's sentence.
    expect(reply('11:00')[0]).toMatchObject({ to: '邵婷婷' });
    expect(reply('11:00')[0]!.text).toMatch(/还有谁没打/);
    expect(run.state.handoffs).toEqual([]);
    expect(out.filter(isDigest)).toEqual([]);
  });
});
