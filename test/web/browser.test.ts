// The checks in a real browser (Debian's Chromium driven by playwright-core), at a
// phone's 360-px width, with a screenshot of each page (LINLI_SCREENSHOTS=docs/screenshots keeps them).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { codeSentTo, startWebWorld, type WebWorld } from './support.ts';

const SHOTS = process.env.LINLI_SCREENSHOTS ? resolve(process.env.LINLI_SCREENSHOTS) : mkdtempSync(join(tmpdir(), 'linli-shots-'));
const ROSTER = [
  { name: '赵桂芬', building: '1', room: '201', phone: '13800000101', worker: '邵婷婷', frequency: 'daily', note: '独居' },
  { name: '钱玉珍', building: '3', room: '602', phone: '13800000102', worker: '邱靓', frequency: 'daily', note: '空巢' },
];

let w: WebWorld;
let browser: Browser;
let admin: BrowserContext;
let page: Page;

async function shot(p: Page, name: string): Promise<void> {
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function login(p: Page, name: string): Promise<void> {
  await p.goto(`${w.web.url}/login`);
  await p.fill('input[name=name]', name);
  await p.click('#ask-code');
  await p.waitForSelector('#verify-code');
  const code = codeSentTo(w.h, name);
  expect(code).toMatch(/^\d{6}$/);
  await p.fill('input[name=code]', code!);
  await submit(p, () => p.click('#verify-code'));
}

/** Clicks a form's button and waits for the page the POST leads to (a bare load wait can see the old page). */
async function submit(p: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([p.waitForEvent('framenavigated', { predicate: (f) => f === p.mainFrame() }), click()]);
  await p.waitForLoadState('load');
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
  w = await startWebWorld('2026-03-02T09:00:00+08:00', { roster: ROSTER });
  admin = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' });
  page = await admin.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await w?.close();
});

// A real browser on a shared 2-core machine: more time per test than vitest's 5 s default.
describe('the staff page in Chromium', { timeout: 30_000 }, () => {
  it('logs in with the code the bot sent in WeChat', async () => {
    await page.goto(`${w.web.url}/login`);
    await shot(page, 'login');
    await login(page, '王晓慧');
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.locator('h1').textContent()).resolves.toBe('今日');
  });

  it('shows a request a group posted, live, without reloading the page', async () => {
    await page.goto(`${w.web.url}/`);
    await page.evaluate('window.stayed = true');
    // The page's event stream is connected before the group posts.
    await expect.poll(() => w.web.env.hub.listeners, { timeout: 10_000 }).toBeGreaterThan(0);
    await w.h.say('孙师傅', '哪位邻居有退烧贴?孩子夜里烧起来了,1号楼3单元', { room: '楚凤社区1号楼群' });
    const id = w.h.app.bot.state.aid.requests.at(-1)!.id;
    await page.locator(`[data-request="${id}"]`).waitFor({ timeout: 10_000 });
    expect(await page.evaluate('window.stayed')).toBe(true);
    await shot(page, 'today');
  });

  it('closes the request and the group is told', async () => {
    const r = w.h.app.bot.state.aid.requests.at(-1)!;
    await page.goto(`${w.web.url}/requests`);
    await shot(page, 'requests');
    await page.goto(`${w.web.url}/requests/${r.id}`);
    const before = w.h.transport.sent.length;
    await submit(page, () => page.click('#close-request'));
    await expect(page.locator('main').textContent()).resolves.toContain('已完成');
    await shot(page, 'request-closed');
    const told = w.h.transport.sent.slice(before);
    expect(told.some((m) => m.kind === 'room' && m.room === r.room && m.text.includes('求助已解决'))).toBe(true);
    expect(w.h.app.bot.state.aid.requests.find((x) => x.id === r.id)?.status).toBe('fulfilled');
  });

  it('answers a hand-off and the bot delivers it to the asker where they asked', async () => {
    await w.h.say('刘师傅', '工会能帮忙介绍对象吗', { room: '芝罘区职工服务群', mentionsBot: true });
    const handoff = w.h.app.bot.state.handoffs.at(-1)!;
    await page.goto(`${w.web.url}/union`);
    await shot(page, 'union');
    const box = page.locator(`[data-handoff="${handoff.id}"]`);
    const answer = '工会每年办两次青年职工联谊会,报名请找所在单位工会。';
    const before = w.h.transport.sent.length;
    await box.locator('textarea').fill(answer);
    await submit(page, () => box.locator('button').click());
    const sent = w.h.transport.sent.slice(before);
    expect(sent).toContainEqual(expect.objectContaining({ kind: 'room', room: '芝罘区职工服务群', mentions: ['刘师傅'] }));
    expect(sent.find((m) => m.kind === 'room' && m.room === '芝罘区职工服务群')?.text).toContain(answer);
    await expect(page.locator(`[data-handoff="${handoff.id}"]`).count()).resolves.toBe(0);
  });

  it('refuses a roster with one bad row, shows the row, and changes nothing', async () => {
    const before = JSON.stringify(w.h.app.bot.state.roster);
    const file = join(mkdtempSync(join(tmpdir(), 'linli-roster-')), 'roster.csv');
    writeFileSync(
      file,
      [
        '姓名,楼号,单元,室号,电话,网格员,频次,备注',
        '周秀英,2,1,301,13800000103,邵婷婷,每天,独居',
        '吴大爷,2,1,,12345,邵婷婷,每天,腿脚不便',
      ].join('\n'),
    );
    await page.goto(`${w.web.url}/callbacks`);
    await page.setInputFiles('input[type=file]', file);
    await page.click('#import-roster');
    await page.locator('#import-errors').waitFor();
    await expect(page.locator('#import-errors').textContent()).resolves.toContain('第3行');
    await expect(page.locator('#import-errors').textContent()).resolves.not.toContain('第2行');
    expect(JSON.stringify(w.h.app.bot.state.roster)).toBe(before);
    await shot(page, 'callbacks-import-error');
  });

  it('edits a roster row: a bad edit shows the problem and changes nothing, a good one is saved', async () => {
    const person = w.h.app.bot.state.roster.find((e) => e.name === '钱玉珍')!;
    const before = JSON.stringify(w.h.app.bot.state.roster);
    await page.goto(`${w.web.url}/callbacks/person/${person.id}`);
    await page.fill('#edit-person input[name=phone]', '0535-12');
    await submit(page, () => page.click('#edit-person-save'));
    await expect(page.locator('#edit-errors').textContent()).resolves.toContain('电话号码不对');
    expect(JSON.stringify(w.h.app.bot.state.roster)).toBe(before);
    await shot(page, 'callbacks-edit-error');
    await page.fill('#edit-person input[name=phone]', '');
    await page.fill('#edit-person input[name=note]', '空巢,周末儿子回来');
    await page.fill('#edit-person input[name=frequency]', '周一三五');
    await submit(page, () => page.click('#edit-person-save'));
    await expect(page.locator('#edit-errors').count()).resolves.toBe(0);
    const after = w.h.app.bot.state.roster.find((e) => e.id === person.id)!;
    expect(after).toMatchObject({ note: '空巢,周末儿子回来', frequency: { weekdays: [1, 3, 5] }, phone: person.phone });
  });

  it('adds a person to the roster from the page', async () => {
    await page.goto(`${w.web.url}/callbacks`);
    const form = page.locator('#add-person');
    for (const [k, v] of Object.entries({
      name: '沈淑珍',
      building: '5',
      unit: '2',
      room: '101',
      phone: '13800000109',
      worker: '邵婷婷',
      frequency: '每周',
      note: '刚出院',
    }))
      await form.locator(`input[name=${k}]`).fill(v);
    await submit(page, () => page.click('#add-person-save'));
    const added = w.h.app.bot.state.roster.find((e) => e.name === '沈淑珍');
    expect(added).toMatchObject({ building: '5', unit: '2', room: '101', frequency: 'weekly' });
    expect(new URL(page.url()).pathname).toBe(`/callbacks/person/${added!.id}`);
    await page.goto(`${w.web.url}/callbacks`);
    await expect(page.locator(`[data-person="${added!.id}"]`).count()).resolves.toBe(1);
    await shot(page, 'callbacks');
  });

  it('makes a new knowledge-base entry from grouped questions, with a preview of the answers', async () => {
    await w.h.say('马师傅', '孩子考上大学了工会给不给补助', { room: '芝罘区职工服务群', mentionsBot: true });
    const handoff = w.h.app.bot.state.handoffs.at(-1)!;
    expect(handoff.question).toBe('孩子考上大学了工会给不给补助');
    await page.goto(`${w.web.url}/union`);
    const card = page.locator('.card', { has: page.locator(`[data-handoff="${handoff.id}"]`) });
    await card.locator('details.new-entry summary').click();
    const form = card.locator('form[action="/union/kb/entry"]');
    await form.locator('select[name=topic]').selectOption('service_center');
    await form.locator('input[name=title]').fill('职工子女上学的助学帮扶');
    await form.locator('textarea[name=questions]').fill(`${handoff.question}\n困难职工的孩子读书有没有助学金`);
    await form.locator('textarea[name=answer]').fill('困难职工家庭的子女上学,可以向所在单位工会申请助学帮扶;具体条件可拨打12351问一问。');
    await submit(page, () => form.locator('button').click());
    await expect(page.locator('main').textContent()).resolves.toContain('申请助学帮扶');
    await shot(page, 'kb-new-entry-preview');
    await submit(page, () => page.click('#save-entry'));
    expect(w.h.app.bot.services.faq().kb.entries.some((e) => e.title === '职工子女上学的助学帮扶')).toBe(true);
    const reply = await w.h.say('马师傅', '家里娃上大学学费紧张工会有助学金吗', { room: '芝罘区职工服务群', mentionsBot: true });
    expect(reply.map((m) => m.text).join('\n')).toContain('助学帮扶');
  });

  it('draws a chart with data', async () => {
    await page.goto(`${w.web.url}/stats`);
    await page.locator('#chart-requests canvas').waitFor();
    // The drawn chart's own data (the page has no DOM types here: the expression runs in the browser).
    const total = await page.evaluate(
      `echarts.getInstanceByDom(document.getElementById('chart-requests')).getOption().series.reduce((n, s) => n + s.data.reduce((a, b) => a + b, 0), 0)`,
    );
    expect(total).toBeGreaterThan(0);
    // The union chart: the bot's own answered / suggested / handed-off counts, drawn.
    await page.locator('#chart-union canvas').waitFor();
    const union = await page.evaluate(
      `echarts.getInstanceByDom(document.getElementById('chart-union')).getOption().series.filter((s) => s.type === 'bar').map((s) => [s.name, s.data.reduce((a, b) => a + b, 0)])`,
    );
    expect(union).toContainEqual(['转人工', w.h.app.bot.state.stats.faq['2026-03-02'].handedOff]);
    expect(w.h.app.bot.state.stats.faq['2026-03-02'].handedOff).toBeGreaterThan(0);
    await shot(page, 'stats');
    await page.goto(`${w.web.url}/audit`);
    await expect(page.locator('#audit').textContent()).resolves.toContain('关闭求助');
    await shot(page, 'audit');
    await page.goto(`${w.web.url}/union/kb`);
    await shot(page, 'kb-editor');
  });

  it("gives a grid worker 403 on another grid's data", async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const p = await ctx.newPage();
    await login(p, '邱靓');
    const res = await p.goto(`${w.web.url}/requests?grid=楚凤一网格`);
    expect(res?.status()).toBe(403);
    const person = w.h.app.bot.state.roster.find((e) => e.worker === '邵婷婷')!;
    expect((await p.goto(`${w.web.url}/callbacks/person/${person.id}`))?.status()).toBe(403);
    await shot(p, 'forbidden');
    await ctx.close();
  });

  it('refuses a POST without the CSRF token', async () => {
    await w.h.say('郑阿姨', '急需一盒感冒灵,1号楼6单元,谁家有', { room: '楚凤社区1号楼群' });
    const r = w.h.app.bot.state.aid.requests.at(-1)!;
    expect(r.status).toBe('open');
    // The browser's own cookies, a form without the token.
    const res = await admin.request.post(`${w.web.url}/requests/${r.id}/close`, { form: { outcome: 'fulfilled' } });
    expect(res.status()).toBe(403);
    expect(w.h.app.bot.state.aid.requests.find((x) => x.id === r.id)?.status).toBe('open');
  });
});
