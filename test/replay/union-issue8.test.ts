// Union-group behaviours of issue 8, each through the whole bot (Wechaty on the mock puppet):
// sure answers without @ and silence otherwise; off-topic questions get one kind line and never
// reach staff; in-scope misses are grouped in the 18:00 digest with a suggested entry; local facts
// staff fill in config are used in answers; 法律援助要钱吗 says it is free.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { classifyLine, type InputLine } from '../../src/cli/input.ts';
import { runReplay } from '../../src/adapters/replay/run-replay.ts';
import { silentLogger } from '../../src/log.ts';
import type { BotState } from '../../src/store/state.ts';
import { HANDOFF_REPLY, OFF_TOPIC_REPLY } from '../../src/domain/faq/index.ts';
import { replayFile, hhmm, day, type ReplayOutput } from '../support/replay.ts';
import { testReplayStore } from '../support/test-store.ts';

const UNION = '芝罘区职工服务群';
type Run = Awaited<ReturnType<typeof replayFile>>;
const isDigest = (o: ReplayOutput) => /待解答/.test(o.text ?? '');
const at = (run: Run, d: string, time: string) => run.out.filter((o) => day(o) === d && hhmm(o) === time && !isDigest(o));

describe('union group without @: a sure answer, or silence (replay-union-unmentioned)', () => {
  let run: Run;
  const D = '2023-05-08';
  beforeAll(async () => {
    run = await replayFile('test/fixtures/replay-union-unmentioned.jsonl');
  }, 60_000);

  it('answers sure questions asked without @, to the asker, in the room', () => {
    for (const [time, who] of [
      ['09:00', '秦师傅'],
      ['09:05', '邓姐'],
      ['09:30', '邓姐'],
    ] as const) {
      const r = at(run, D, time);
      expect(r, time).toHaveLength(1);
      expect(r[0]).toMatchObject({ room: UNION, mentions: [who] });
    }
    expect(at(run, D, '09:00')[0]!.text).toMatch(/法律服务站/);
    expect(at(run, D, '09:30')[0]!.text).toMatch(/B座顶楼/);
  });

  it('法律援助要钱吗: free', () => {
    expect(at(run, D, '09:05')[0]!.text).toMatch(/不要钱|免费/);
  });

  it('stays silent on greetings, talk, an off-topic or unsure question, a staff notice and a reply to someone', () => {
    for (const time of ['09:03', '09:10', '09:12', '09:20', '09:25', '09:33', '09:40', '09:45']) expect(at(run, D, time), time).toEqual([]);
  });

  it('stays silent without @ in a building group, even on a union question', () => {
    expect(at(run, D, '10:00')).toEqual([]);
  });

  it('keeps nothing said without @ for staff; the same question with @ is handed off and digested once', () => {
    expect(at(run, D, '10:05')[0]!.text).toBe(HANDOFF_REPLY);
    expect(run.state.handoffs.map((h) => h.at.slice(11, 16))).toEqual(['02:05']); // 10:05 Shanghai, stored in UTC
    const digests = run.out.filter(isDigest);
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ to: '林晓', at: `${D}T18:00:00+08:00` });
    expect(digests[0]!.text).toContain('10:05 吕师傅');
    expect(digests[0]!.text).not.toContain('09:40');
  });
});

describe('off-topic questions and the grouped staff digest (replay-union-digest)', () => {
  let run: Run;
  const D = '2023-05-10';
  beforeAll(async () => {
    run = await replayFile('test/fixtures/replay-union-digest.jsonl');
  }, 60_000);
  const digestsOn = (d: string) => run.out.filter((o) => isDigest(o) && day(o) === d);

  it('answers weather, 你是真人吗, a drugstore and fortune-telling with the one kind line', () => {
    for (const time of ['09:00', '09:05', '09:10', '09:15']) {
      const r = at(run, D, time);
      expect(r, time).toHaveLength(1);
      expect(r[0]!.text, time).toBe(OFF_TOPIC_REPLY);
    }
  });

  it('never puts an off-topic question in the state or the digest', () => {
    const off = ['降温', '真人', '药店', '运势'];
    for (const w of off)
      expect(
        run.state.handoffs.some((h) => h.question.includes(w)),
        w,
      ).toBe(false);
    for (const d of run.out.filter(isDigest)) for (const w of off) expect(d.text, w).not.toContain(w);
  });

  it('hands the union questions it cannot answer to staff, in groups, and in private chats too', () => {
    for (const time of ['09:30', '09:40', '10:00', '10:30']) expect(at(run, D, time)[0]!.text, time).toBe(HANDOFF_REPLY);
    expect(at(run, D, '10:20')[0]).toMatchObject({ to: '钟师傅', text: HANDOFF_REPLY });
    expect(run.state.handoffs).toHaveLength(6);
  });

  it('sends each admin one digest at 18:00 that groups similar wordings', () => {
    const digests = digestsOn(D);
    expect(digests.map((d) => d.to).sort()).toEqual(['林晓', '王晓慧']);
    const text = digests[0]!.text!;
    expect(text).toMatch(/今天有5个问题.*归成3组/);
    // The two mutual-aid questions sit in one group, the two leave questions in another.
    const groups = text.split(/\n\n/).slice(1);
    expect(groups).toHaveLength(3);
    const groupOf = (q: string) => groups.findIndex((g) => g.includes(q));
    expect(groupOf('工会的住院互助金怎么申请')).toBe(groupOf('住院互助金申请要带哪些材料'));
    expect(groupOf('婚假一共能休几天')).toBe(groupOf('请婚假公司不批,婚假到底有几天'));
    expect(groupOf('婚假一共能休几天')).not.toBe(groupOf('工会的住院互助金怎么申请'));
    expect(groups[groupOf('金秋助学金今年什么时候发')]).not.toContain('婚假');
  });

  it('suggests a knowledge-base entry for each group, which staff must complete before it answers', () => {
    const groups = digestsOn(D)[0]!.text!.split(/\n\n/).slice(1);
    for (const g of groups) {
      expect(g).toMatch(/建议/);
      const entry = /^ {4}- id: .+$[\s\S]*/m.exec(g)?.[0];
      if (!entry) continue; // a suggestion to extend an existing entry instead
      const parsed = parse(entry.replace(/^ {4}/gm, '')) as {
        id: string;
        topic: string;
        questions: string[];
        keywords: string[];
        answer: string;
      }[];
      expect(parsed[0]!.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(parsed[0]!.questions.length).toBeGreaterThan(0);
      expect(parsed[0]!.keywords.length).toBeGreaterThan(0);
      // An empty answer keeps the file from loading until staff write a checked one.
      expect(parsed[0]!.answer).toBe('');
    }
    const aid = groups.find((g) => g.includes('住院互助金'))!;
    expect(aid).toMatch(/keywords: \[[^\]]*互助金/);
  });

  it('digests the next day only the new question, and never repeats a digest', () => {
    const next = digestsOn('2023-05-11');
    expect(next).toHaveLength(2);
    for (const d of next) {
      expect(d.text).toContain('互助金报销能报多少');
      expect(d.text).not.toContain('婚假');
    }
    expect(run.out.filter((o) => day(o) === '2023-05-12')).toEqual([]);
    expect(run.state.handoffs.every((h) => h.digestedAt !== null)).toBe(true);
  });
});

/** The same transcript with another config folder: shipped config plus some local facts. */
async function replayWithFacts(path: string, facts: Record<string, string>): Promise<{ out: ReplayOutput[]; state: BotState }> {
  const configDir = mkdtempSync(join(tmpdir(), 'linli-facts-'));
  cpSync('config', configDir, { recursive: true });
  const main = parse(readFileSync(join(configDir, 'linli.yaml'), 'utf8')) as { faq: { localFacts: Record<string, string> } };
  main.faq.localFacts = { ...main.faq.localFacts, ...facts };
  writeFileSync(join(configDir, 'linli.yaml'), stringify(main));
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .map((l, i) => classifyLine(l, i + 1))
    .filter((l): l is InputLine => l !== null);
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-facts-data-'));
  const out: ReplayOutput[] = [];
  const store = await testReplayStore();
  await runReplay(lines, { configDir, dataDir, log: silentLogger, emit: (l) => void out.push(l as ReplayOutput), store: store.open });
  return { out, state: await store.read(dataDir) };
}

describe('local facts from config (replay-union-local-facts)', () => {
  const FILE = 'test/fixtures/replay-union-local-facts.jsonl';
  const D = '2023-06-05';
  const FACTS = { centerAddress: '示例大街100号二楼', lawyerHours: '每周一至周五上午', zhongzhengHomeAddress: '中正集团办公楼三层' };
  let plain: Run;
  let filled: Awaited<ReturnType<typeof replayWithFacts>>;
  beforeAll(async () => {
    plain = await replayFile(FILE);
    filled = await replayWithFacts(FILE, FACTS);
  }, 60_000);
  const reply = (out: ReplayOutput[], time: string) => out.find((o) => day(o) === D && hhmm(o) === time)!.text!;

  it('without local facts, says what is unknown and where to ask, and invents nothing', () => {
    const where = reply(plain.out, '09:00');
    expect(where).toMatch(/地址.*开放时间.*12351/);
    expect(reply(plain.out, '09:20')).toMatch(/律师值班时间.*12351/);
    expect(reply(plain.out, '09:30')).toMatch(/地址.*12351/);
    for (const o of plain.out) {
      for (const v of Object.values(FACTS)) expect(o.text).not.toContain(v);
      expect(o.text).not.toMatch(/\d{1,2}[:：点]\d{0,2}|号楼|\d+号/);
    }
  });

  it('with local facts, answers use them and ask only for what is still unknown', () => {
    const where = reply(filled.out, '09:00');
    expect(where).toContain(FACTS.centerAddress);
    expect(where).not.toMatch(/地址、|、地址/);
    expect(where).toMatch(/开放时间.*12351/); // hours were not filled in
    expect(reply(filled.out, '09:20')).toContain(FACTS.lawyerHours);
    expect(reply(filled.out, '09:20')).not.toMatch(/12351问一问/);
    expect(reply(filled.out, '09:30')).toContain(FACTS.zhongzhengHomeAddress);
  });

  it('法律援助要钱吗 says free either way, and gives the lawyers’ hours once staff filled them', () => {
    for (const out of [plain.out, filled.out]) expect(reply(out, '09:10')).toMatch(/不要钱|免费/);
    expect(reply(filled.out, '09:10')).toContain(FACTS.lawyerHours);
  });

  it('the only phone number stays 12351 while staff gave none', () => {
    const phone = reply(filled.out, '09:40');
    expect([...phone.matchAll(/\d{5,}/g)].map((m) => m[0])).toEqual(['12351', '12351']);
  });
});
