// The web page over HTTP: login by the code the bot sends, the session's CSRF token, roles,
// the code rate limit, refused knowledge-base edits and the audit log.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, codeSentTo, startWebWorld, UNION_STAFF, type WebWorld } from './support.ts';

let w: WebWorld;
beforeEach(async () => {
  w = await startWebWorld();
});
afterEach(async () => {
  await w.close();
});

async function postRequestInGrid1(): Promise<string> {
  await w.h.say('张大爷', '谁家有多余的布洛芬?老伴烧到三十九度了,1号楼5单元', { room: '楚凤社区1号楼群' });
  const r = w.h.app.bot.state.aid.requests.at(-1);
  if (!r) throw new Error('no request recorded');
  return r.id;
}

describe('login', () => {
  it('sends a one-time code to the staff member in WeChat and logs in with it, once', async () => {
    const c = new Client(w.web.url);
    const page = await c.get('/login');
    expect(page.text).toContain('发送验证码');
    const asked = await c.post('/login/code', { _csrf: Client.csrf(page.text), name: '王晓慧' });
    expect(asked.status).toBe(200);
    const code = codeSentTo(w.h, '王晓慧');
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await c.post('/login/verify', {
      _csrf: Client.csrf(asked.text),
      name: '王晓慧',
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(401);
    const ok = await c.post('/login/verify', { _csrf: Client.csrf(asked.text), name: '王晓慧', code: code! });
    expect(ok.status).toBe(303);
    const today = await c.get('/');
    expect(today.status).toBe(200);
    expect(today.text).toContain('今日回访');
    // The same code does not work twice.
    const again = new Client(w.web.url);
    const p2 = await again.get('/login');
    expect((await again.post('/login/verify', { _csrf: Client.csrf(p2.text), name: '王晓慧', code: code! })).status).toBe(401);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const res = await fetch(`${w.web.url}/login`);
    const cookie = res.headers.getSetCookie().join(';');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('sends nothing to a resident or an unknown name, and answers them like anyone else', async () => {
    const c = new Client(w.web.url);
    const page = await c.get('/login');
    const before = w.h.transport.sent.length;
    const res = await c.post('/login/code', { _csrf: Client.csrf(page.text), name: '李阿姨' });
    expect(res.status).toBe(200);
    expect(w.h.transport.sent.length).toBe(before);
    const res2 = await c.post('/login/verify', { _csrf: Client.csrf(res.text), name: '李阿姨', code: '123456' });
    expect(res2.status).toBe(401);
    expect((await c.get('/')).location).toBe('/login');
  });

  it('limits how often a name gets a code', async () => {
    const c = new Client(w.web.url);
    const csrf = Client.csrf((await c.get('/login')).text);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.post('/login/code', { _csrf: csrf, name: '邵婷婷' })).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses[3]).toBe(429);
    expect(w.h.transport.sent.filter((m) => m.kind === 'private' && m.to === '邵婷婷').length).toBe(3);
  });
});

describe('changes', () => {
  it('refuses a POST without the CSRF token and changes nothing', async () => {
    const id = await postRequestInGrid1();
    const c = new Client(w.web.url);
    await c.login(w.h, '王晓慧');
    const res = await c.post(`/requests/${id}/close`, { outcome: 'fulfilled' });
    expect(res.status).toBe(403);
    const forged = await c.post(`/requests/${id}/close`, { outcome: 'fulfilled', _csrf: 'not-the-token' });
    expect(forged.status).toBe(403);
    expect(w.h.app.bot.state.aid.requests.find((r) => r.id === id)?.status).toBe('open');
  });

  it('closes a request, tells its group, shows it in the timeline and writes the audit log (0600)', async () => {
    const id = await postRequestInGrid1();
    const c = new Client(w.web.url);
    const csrf = await c.login(w.h, '邵婷婷');
    const before = w.h.transport.sent.length;
    const res = await c.post(`/requests/${id}/close`, { _csrf: csrf, outcome: 'fulfilled' });
    expect(res.status).toBe(303);
    expect(w.h.app.bot.state.aid.requests.find((r) => r.id === id)?.status).toBe('fulfilled');
    const told = w.h.transport.sent.slice(before);
    expect(told.some((m) => m.kind === 'room' && m.room === '楚凤社区1号楼群' && m.text.includes('布洛芬'))).toBe(true);
    // No room number in the group's notice.
    expect(told.every((m) => !m.text.includes('5单元'))).toBe(true);
    expect((await c.get(`/requests/${id}`)).text).toContain('邵婷婷 关闭');
    const file = join(w.dataDir, 'audit.jsonl');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.action === 'request.close' && l.subject === id && l.by === '邵婷婷')).toBe(true);
  });
});

describe('roles', () => {
  it('gives a grid worker 403 on another grid and its requests', async () => {
    const id = await postRequestInGrid1();
    const c = new Client(w.web.url);
    await c.login(w.h, '邱靓');
    expect((await c.get('/requests?grid=楚凤一网格')).status).toBe(403);
    expect((await c.get(`/requests/${id}`)).status).toBe(403);
    expect((await c.get('/requests?grid=楚凤二网格')).status).toBe(200);
    // The row, not the bare id: a random CSRF token on the page can contain "R1". Grid 1's
    // worker sees the row, so the check below looks for what is really there.
    const own = new Client(w.web.url);
    await own.login(w.h, '邵婷婷');
    expect((await own.get('/requests')).text).toContain(`data-request="${id}"`);
    expect((await c.get('/requests')).text).not.toContain(`data-request="${id}"`);
    expect((await c.get('/union')).status).toBe(403);
  });

  it('shows union staff the union pages only', async () => {
    const c = new Client(w.web.url);
    await c.login(w.h, UNION_STAFF);
    expect((await c.get('/union')).status).toBe(200);
    expect((await c.get('/requests')).status).toBe(403);
    expect((await c.get('/audit')).status).toBe(403);
  });
});

describe('knowledge base editor', () => {
  it('refuses a bad edit and keeps the old knowledge base', async () => {
    const c = new Client(w.web.url);
    const csrf = await c.login(w.h, UNION_STAFF);
    const file = join(w.configDir, 'faq.yaml');
    const old = readFileSync(file, 'utf8');
    // Two entries with one id: the config loader refuses it.
    const ids = [...old.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(1);
    const broken = old.replace(`- id: ${ids[1]}`, `- id: ${ids[0]}`);
    const res = await c.post('/union/kb', { _csrf: csrf, yaml: broken });
    expect(res.status).toBe(422);
    expect(res.text).toContain('duplicate id');
    expect(w.h.app.bot.services.faq().kb.entries.length).toBe(ids.length);
    expect(readFileSync(file, 'utf8')).toBe(old);
  });

  it('adds a handed-off wording to an entry after a preview, and the bot then answers it', async () => {
    const q = '工会能帮忙介绍对象吗';
    await w.h.say('刘师傅', q, { room: '芝罘区职工服务群', mentionsBot: true });
    expect(w.h.app.bot.state.handoffs.length).toBe(1);
    const c = new Client(w.web.url);
    const csrf = await c.login(w.h, UNION_STAFF);
    const entry = w.h.app.bot.services.faq().kb.entries[0];
    const preview = await c.post('/union/kb/wording', { _csrf: csrf, entry: entry.id, question: [q] });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('确认保存');
    expect(readFileSync(join(w.configDir, 'faq.yaml'), 'utf8')).not.toContain(q);
    const saved = await c.post('/union/kb/wording', { _csrf: csrf, entry: entry.id, question: [q], confirm: '1' });
    expect(saved.status).toBe(303);
    expect(readFileSync(join(w.configDir, 'faq.yaml'), 'utf8')).toContain(q);
    expect(w.h.app.bot.services.faq().ask(q).band).not.toBe('handoff');
  });
});
