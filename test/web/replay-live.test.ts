// The staff page watching a replay: real Wechaty on the mock puppet feeds the bot a group's post,
// and the 今日 page, open in Chromium, shows the request without being reloaded. The login code
// itself travels through the mock puppet to the admin's contact.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { runReplay } from '../../src/adapters/replay/run-replay.ts';
import { classifyLine, type InputLine } from '../../src/cli/input.ts';
import { silentLogger } from '../../src/log.ts';
import { startWebServer, type WebServer } from '../../src/web/server.ts';
import { launchChromium } from './chromium.ts';

const ROOM = '楚凤社区1号楼群';
const TRANSCRIPT = [
  {
    setup: {
      now: '2026-03-02T20:00:00+08:00',
      rooms: [{ topic: ROOM, kind: 'building', building: '1', grid: '楚凤一网格' }],
      people: [{ name: '王晓慧', role: 'admin' }],
    },
  },
  { at: '2026-03-02T20:05:00+08:00', room: ROOM, from: '孙师傅', text: '哪位邻居有退烧贴?孩子夜里烧起来了' },
];

let browser: Browser | undefined;
let web: WebServer | undefined;

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

it('shows live a request that a replayed group posted through the mock puppet', { timeout: 60_000 }, async () => {
  const lines = TRANSCRIPT.map((l, i) => classifyLine(JSON.stringify(l), i + 1)).filter((l): l is InputLine => l !== null);
  const out: { to?: string; room?: string; text?: string }[] = [];
  let app: App | undefined;
  let page: Page | undefined;
  await runReplay(lines, {
    configDir: 'config',
    log: silentLogger,
    emit: (l) => void out.push(l as (typeof out)[number]),
    async onStart(started) {
      app = started;
      web = await startWebServer({
        app,
        dataDir: mkdtempSync(join(tmpdir(), 'linli-web-replay-')),
        log: silentLogger,
        host: '127.0.0.1',
        port: 0,
      });
      browser = await launchChromium();
      page = await (await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'zh-CN' })).newPage();
      await page.goto(`${web.url}/login`);
      await page.fill('input[name=name]', '王晓慧');
      await page.click('#ask-code');
      await page.waitForSelector('#verify-code');
      // The code went out through Wechaty to the admin's contact: the replay's own output line.
      const code = /(\d{6})/.exec(out.findLast((o) => o.to === '王晓慧')?.text ?? '')?.[1];
      expect(code).toMatch(/^\d{6}$/);
      await page.fill('input[name=code]', code!);
      await Promise.all([page.waitForURL(`${web.url}/`), page.click('#verify-code')]);
      await page.evaluate('window.stayed = true');
      // The page listens before the group posts.
      await expect.poll(() => web!.env.hub.listeners, { timeout: 10_000 }).toBeGreaterThan(0);
    },
  });
  const request = app!.bot.state.aid.requests.at(-1);
  expect(request).toMatchObject({ room: ROOM, requester: '孙师傅' });
  await page!.locator(`[data-request="${request!.id}"]`).waitFor({ timeout: 10_000 });
  expect(await page!.evaluate('window.stayed')).toBe(true);
  // Listed under its building, as the 今日 page groups open requests.
  expect(await page!.locator(`[data-request="${request!.id}"]`).textContent()).toContain('退烧贴');
});
