import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/config/load-faq.ts';
import {
  createFaqEngine,
  createTextPipeline,
  FAQ_TOPICS,
  HANDOFF_REPLY,
  OFF_TOPIC_REPLY,
  renderAnswer,
  type FaqEngine,
} from '../../src/domain/faq/index.ts';

const CONFIG = join(import.meta.dirname, '../../config');
const BANDS = { answerAt: 0.6, suggestAt: 0.25 };

let engine: FaqEngine;
beforeAll(() => {
  engine = createFaqEngine(loadKnowledgeBase(CONFIG), BANDS);
});

describe('knowledge base', () => {
  it('has at least one entry for every topic', () => {
    const topics = new Set(engine.kb.entries.map((e) => e.topic));
    for (const t of FAQ_TOPICS) expect(topics.has(t), t).toBe(true);
  });

  it('never says 24小时 and gives no phone number except 12351', () => {
    for (const e of engine.kb.entries) {
      expect(e.answer, e.id).not.toMatch(/24\s*小时/);
      const numbers = e.answer.match(/\d{5,}/g) ?? [];
      expect(
        numbers.filter((n) => n !== '12351'),
        e.id,
      ).toEqual([]);
    }
    expect(HANDOFF_REPLY).not.toMatch(/24\s*小时/);
  });

  it('answerById returns the rendered entry answer, null for an unknown id', () => {
    const e = engine.kb.entries[0];
    expect(engine.answerById(e.id)?.reply).toBe(renderAnswer(e.answer, e.ask, {}));
    expect(engine.answerById('no-such-entry')).toBeNull();
  });

  it('speaks to workers: no notes about the knowledge base, and at most one line sending them to 12351', () => {
    for (const e of engine.kb.entries) {
      const reply = engine.answerById(e.id)!.reply;
      expect(reply, e.id).not.toMatch(/知识库|不敢乱说|不是开放时间|不是具体的开放时间/);
      expect(reply.split('\n').filter((l) => /12351问一问/.test(l)).length, e.id).toBeLessThanOrEqual(1);
      expect(reply, e.id).not.toMatch(/\{[A-Za-z]/);
    }
  });
});

describe('bands', () => {
  it('answers a clear question with the entry text', () => {
    const a = engine.ask('工资被拖欠了好几个月，找谁帮忙');
    expect(a.band).toBe('answer');
    expect(a.topic).toBe('wage_arrears');
    expect(a.answerId).not.toBeNull();
    expect(a.reply).toBe(engine.answerById(a.answerId!)!.reply);
    expect(a.confidence).toBeGreaterThanOrEqual(BANDS.answerAt);
    expect(a.confidence).toBeLessThanOrEqual(1);
  });

  it('offers numbered choices for a vague question', () => {
    const a = engine.ask('在哪里');
    expect(a.band).toBe('suggest');
    expect(a.answerId).toBeNull();
    expect(a.reply.startsWith('您是想问:\n1. ')).toBe(true);
    expect(a.reply.endsWith('回复数字即可')).toBe(true);
    expect(a.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
    expect(new Set(a.suggestions.map((s) => s.answerId)).size).toBe(a.suggestions.length);
    expect(a.topic).toBe(a.suggestions[0].topic);
    expect(a.confidence).toBeGreaterThanOrEqual(BANDS.suggestAt);
    expect(a.confidence).toBeLessThan(BANDS.answerAt);
  });

  it.each([
    '布洛芬一天最多吃几片',
    '孩子发烧了美林喂几毫升',
    '最近买哪只股票好',
    '帮我写一篇关于劳动的作文',
    '帮我写一篇年终总结',
    '护照怎么办',
    '烟台到北京的火车票怎么买',
  ])('answers an off-topic question with the one kind line: %s', (q) => {
    const a = engine.ask(q);
    expect(a.band).toBe('handoff');
    expect(a.topic).toBeNull();
    expect(a.answerId).toBeNull();
    expect(a.handoffReason).toBe('off_topic');
    expect(a.reply).toBe(OFF_TOPIC_REPLY);
    expect(a.reply).not.toMatch(/\d+\s*(片|毫升|mg)/);
  });

  it('a bare greeting is small talk, not a question for staff', () => {
    const a = engine.ask('你好');
    expect(a.topic).toBeNull();
    expect(a.handoffReason).toBe('chitchat');
  });
});

describe('off-topic, or a union question for staff', () => {
  it.each([
    '这周末海边风大不大',
    '属猴的人明年财运怎么样',
    '梦到掉进水里是什么征兆',
    '处女座的人性格是不是很挑剔',
    '你到底是真人还是程序',
    '附近哪家药店还开着',
    '小度和天猫精灵哪个好用',
    '楼上邻居装修太吵了找谁说',
  ])('off-topic gets the kind line and is not for staff: %s', (q) => {
    const a = engine.ask(q);
    expect(a.topic).toBeNull();
    expect(a.handoffReason).toBe('off_topic');
    expect(a.reply).toBe(OFF_TOPIC_REPLY);
  });

  it.each(['工会的住院互助金怎么申请', '困难职工帮扶能领多少', '婚假一共能休几天', '劳动监察大队电话多少'])(
    'a union or labour matter the knowledge base lacks goes to staff: %s',
    (q) => {
      const a = engine.ask(q);
      expect(a.topic).toBeNull();
      expect(['uncovered', 'unsure']).toContain(a.handoffReason);
      expect(a.reply).toBe(HANDOFF_REPLY);
    },
  );

  it.each([
    ['休产假期间公司把我开除了，能要补偿吗', 'contract'],
    ['物业公司欠了我们保洁两个月的工钱', 'wage_arrears'],
    ['在超市搬货砸伤了脚，老板不管', 'work_injury'],
  ] as const)('a covered topic named beside an uncovered or everyday word still wins: %s', (q, topic) => {
    expect(engine.ask(q).topic).toBe(topic);
  });
});

describe('answers a worker would want', () => {
  it('法律援助要钱吗: free, as the seed says', () => {
    for (const q of ['法律援助要钱吗', '找工会的律师咨询收费不', '工会律师免费吗']) {
      const a = engine.ask(q);
      expect(a.band, q).toBe('answer');
      expect(a.topic, q).toBe('legal_aid');
      expect(a.reply, q).toMatch(/免费|不要钱/);
    }
  });

  it('外卖小哥能在哪歇脚: only outdoor-station entries, never an unrelated one', () => {
    const a = engine.ask('外卖小哥能在哪歇脚');
    expect(a.topic).toBe('outdoor_station');
    expect(a.suggestions.length).toBeGreaterThan(0);
    for (const s of a.suggestions) expect(s.topic).toBe('outdoor_station');
  });

  it('choice lists stay on the question’s topics', () => {
    for (const q of ['送快递的中午在哪能喝口热水', '环卫工人能去哪上厕所']) {
      const a = engine.ask(q);
      expect(new Set(a.suggestions.map((s) => s.topic)), q).toEqual(new Set(['outdoor_station']));
    }
  });
});

describe('local facts from config', () => {
  const kb = () => loadKnowledgeBase(CONFIG);

  it('without them, the answer says where to ask and invents nothing', () => {
    const a = engine.ask('职工服务中心在哪里，几点开门');
    expect(a.topic).toBe('service_center');
    expect(a.reply).toMatch(/地址.*开放时间.*12351/);
    expect(a.reply).not.toMatch(/\d{1,2}[:：点]\d{0,2}|路\d+号/);
  });

  it('with them, answers use them and stop asking for what is known', () => {
    const facts = { centerAddress: '测试路1号', centerHours: '工作日上午', lawyerHours: '每周二下午' };
    const withFacts = createFaqEngine(kb(), { ...BANDS, localFacts: facts });
    const where = withFacts.ask('职工服务中心在哪里，几点开门');
    expect(where.reply).toContain('测试路1号');
    expect(where.reply).toContain('工作日上午');
    expect(where.reply).not.toMatch(/地址、|开放时间、/);
    const fee = withFacts.ask('法律援助要钱吗');
    expect(fee.reply).toContain('每周二下午');
    expect(fee.reply).not.toMatch(/12351问一问/);
  });

  it('renders slots: a filled one shows, an unknown one joins one closing line, an unlabelled one is left out', () => {
    const answer = '第一行\n地址:{addr|地址}\n时间:{hours|开放时间}\n电话:{phone|}';
    expect(renderAnswer(answer, [], { addr: 'A路' })).toBe('第一行\n地址:A路\n开放时间可拨打全国工会职工服务热线12351问一问。');
    expect(renderAnswer(answer, ['要不要预约'], {})).toBe('第一行\n要不要预约、地址、开放时间可拨打全国工会职工服务热线12351问一问。');
    expect(renderAnswer(answer, [], { addr: 'A路', hours: '上午', phone: '12351' })).toBe('第一行\n地址:A路\n时间:上午\n电话:12351');
  });
});

describe('synonyms and typos', () => {
  it('rewrites dialect and typos to canonical terms', () => {
    const text = createTextPipeline(engine.kb);
    expect(text.rewrite('咋整')).toBe('怎么办');
    expect(text.rewrite('俺们')).toBe('我们');
    expect(text.rewrite('公资')).toBe('工资');
    expect(text.rewrite('心理调节室')).toBe('心理调节室');
  });

  it.each([
    ['公资一直不发 咋整', 'wage_arrears'],
    ['俺们的工钱没给，咋整', 'wage_arrears'],
    ['加斑费不给咋办', 'overtime_pay'],
    ['ＦＵＬＬ　新理咨询去哪', 'psychological_counseling'],
  ])('%s -> %s', (q, topic) => {
    expect(engine.ask(q).topic).toBe(topic);
  });
});

describe('context from a quoted question', () => {
  it('keeps 代书 on legal_aid when quoting a wage question', () => {
    const a = engine.ask('那律师能帮我们写材料吗', { context: '工地包工头欠我们十几个人三个月工钱了' });
    expect(a.topic).toBe('legal_aid');
    expect(a.answerId).toBe('legal-aid-document');
  });

  it('uses the quote when the question alone is weak', () => {
    const alone = engine.ask('那这个要钱吗');
    expect(alone.band).not.toBe('answer');
    const quoted = engine.ask('那这个要钱吗', { context: '劳动仲裁怎么申请' });
    expect(quoted.band).toBe('answer');
    expect(quoted.topic).toBe('labor_dispute_mediation');
    expect(quoted.reply).toContain('仲裁不收费');
  });

  it('ignores an out-of-scope quote', () => {
    expect(engine.ask('那这个要钱吗', { context: '布洛芬一次吃几片' }).topic).not.toBe('labor_dispute_mediation');
  });
});
