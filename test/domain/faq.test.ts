import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/config/load-faq.ts';
import {
  createFaqEngine,
  createTextPipeline,
  FAQ_TOPICS,
  HANDOFF_REPLY,
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
      expect(numbers.filter((n) => n !== '12351'), e.id).toEqual([]);
    }
    expect(HANDOFF_REPLY).not.toMatch(/24\s*小时/);
  });

  it('answerById returns the entry answer, null for an unknown id', () => {
    const id = engine.kb.entries[0].id;
    expect(engine.answerById(id)?.reply).toBe(engine.kb.entries[0].answer.trim());
    expect(engine.answerById('no-such-entry')).toBeNull();
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
    '你好',
    '烟台到北京的火车票怎么买',
  ])('hands off out-of-scope: %s', (q) => {
    const a = engine.ask(q);
    expect(a.band).toBe('handoff');
    expect(a.topic).toBeNull();
    expect(a.answerId).toBeNull();
    expect(a.reply).toBe(HANDOFF_REPLY);
    expect(a.reply).not.toMatch(/\d+\s*(片|毫升|mg)/);
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
