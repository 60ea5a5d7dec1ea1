// The page's editing beyond the first release: the roster row by row, a new knowledge-base entry
// from handed-off questions, and the 统计 figures (union questions per day from the bot's own
// counter; requests and calls still counted after they moved to the archive).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatsData } from '../../src/web/pages/stats.ts';
import { Client, startWebWorld, UNION_STAFF, type WebWorld } from './support.ts';

const ROSTER = [
  { name: '孙秀兰', building: '1', room: '102', phone: '13900000201', worker: '邵婷婷', frequency: 'daily', note: '独居' },
  { name: '冯德胜', building: '3', unit: '2', room: '401', phone: '13900000202', worker: '邱靓', frequency: 'weekly', note: '' },
];
const ADMIN = '王晓慧';

let w: WebWorld;
beforeEach(async () => {
  w = await startWebWorld('2026-03-02T09:00:00+08:00', { roster: ROSTER });
});
afterEach(async () => {
  await w.close();
});

const auditLines = () =>
  readFileSync(join(w.dataDir, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; subject: string; detail: Record<string, unknown> });

const person = (name: string) => w.h.app.bot.state.roster.find((e) => e.name === name);

describe('the roster, row by row', () => {
  it('adds a person with the import checks, and refuses a bad row without changing anything', async () => {
    const c = new Client(w.web.url);
    const csrf = await c.login(w.h, ADMIN);
    const row = {
      name: '何玉梅',
      building: '2号楼',
      unit: '1单元',
      room: '302室',
      worker: '邵婷婷',
      frequency: '周二四六',
      note: '腿脚不便',
    };
    const before = JSON.stringify(w.h.app.bot.state.roster);
    const bad = await c.post('/callbacks/roster', { _csrf: csrf, ...row, phone: '12345' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('电话号码不对');
    expect(bad.text).toContain('何玉梅'); // the form comes back as typed
    expect(JSON.stringify(w.h.app.bot.state.roster)).toBe(before);

    const ok = await c.post('/callbacks/roster', { _csrf: csrf, ...row, phone: '139 0000 0203' });
    expect(ok.status).toBe(303);
    const added = person('何玉梅');
    expect(added).toMatchObject({ building: '2', unit: '1', room: '302', phone: '13900000203', frequency: { weekdays: [2, 4, 6] } });
    expect(ok.location).toBe(`/callbacks/person/${added!.id}`);

    // The same person twice is the import's duplicate.
    const twice = await c.post('/callbacks/roster', { _csrf: csrf, ...row, phone: '13900000204' });
    expect(twice.status).toBe(422);
    expect(w.h.app.bot.state.roster.filter((e) => e.name === '何玉梅')).toHaveLength(1);

    const actions = auditLines().map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['roster.add.rejected', 'roster.add']));
    // The audit log names fields, never the phone.
    expect(readFileSync(join(w.dataDir, 'audit.jsonl'), 'utf8')).not.toContain('13900000203');
  });

  it('edits a row (a blank phone keeps the number; a move keeps the call history) and refuses a bad edit', async () => {
    const c = new Client(w.web.url);
    const csrf = await c.login(w.h, ADMIN);
    const old = person('孙秀兰')!;
    await w.h.app.bot.change((s) => {
      s.calls.push({
        id: 'c-web-1',
        rosterId: old.id,
        worker: '邵婷婷',
        at: '2026-03-02T08:30:00+08:00',
        date: '2026-03-02',
        outcome: 'reached',
        flags: [],
        needs: [],
        text: '孙阿姨挺好的',
      });
    });
    const page = await c.get(`/callbacks/person/${old.id}`);
    expect(page.text).toContain('id="edit-person"');
    expect(page.text).not.toContain(old.phone);

    const form = { name: '孙秀兰', building: '1', unit: '', room: '102', phone: '', worker: '邵婷婷', frequency: '每天', note: '独居' };
    const bad = await c.post(`/callbacks/person/${old.id}/edit`, { _csrf: csrf, ...form, frequency: '想起来就打' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('看不懂频次');
    expect(person('孙秀兰')).toEqual(old);

    const moved = await c.post(`/callbacks/person/${old.id}/edit`, { _csrf: csrf, ...form, room: '202', note: '独居,女儿在外地' });
    expect(moved.status).toBe(303);
    const now = person('孙秀兰')!;
    expect(now).toMatchObject({ room: '202', phone: old.phone, note: '独居,女儿在外地' });
    expect(now.id).not.toBe(old.id);
    expect(w.h.app.bot.state.calls.find((x) => x.id === 'c-web-1')?.rosterId).toBe(now.id);
    expect((await c.get(`/callbacks/person/${now.id}`)).text).toContain('孙阿姨挺好的');
    const edit = auditLines().find((a) => a.action === 'roster.edit')!;
    expect(edit.detail.fields).toEqual(['room', 'note']);
  });

  it('removes a row only when confirmed, and keeps others from editing', async () => {
    const c = new Client(w.web.url);
    const csrf = await c.login(w.h, ADMIN);
    const p = person('冯德胜')!;
    await c.post(`/callbacks/person/${p.id}/remove`, { _csrf: csrf });
    expect(person('冯德胜')).toBeDefined();
    expect((await c.post(`/callbacks/person/${p.id}/remove`, { _csrf: csrf, confirm: '1' })).status).toBe(303);
    expect(person('冯德胜')).toBeUndefined();
    expect(auditLines().some((a) => a.action === 'roster.remove' && a.subject === p.id)).toBe(true);

    const worker = new Client(w.web.url);
    const wcsrf = await worker.login(w.h, '邵婷婷');
    const mine = person('孙秀兰')!;
    const res = await worker.post(`/callbacks/person/${mine.id}/edit`, {
      _csrf: wcsrf,
      name: '孙秀兰',
      building: '9',
      room: '1',
      phone: '',
      worker: '邵婷婷',
      frequency: '每天',
      note: '',
    });
    expect(res.status).toBe(403);
    expect(person('孙秀兰')).toEqual(mine);
    expect((await worker.get(`/callbacks/person/${mine.id}`)).text).not.toContain('id="edit-person"');
  });
});

describe('a new knowledge-base entry', () => {
  const entry = {
    topic: 'service_center',
    title: '职工子女上学有没有助学帮扶',
    questions: '孩子上学工会能给补助吗\n职工子女考上大学有没有助学金\n家里困难孩子读书工会帮不帮',
    keywords: '助学、上学、助学金、学费',
    answer: '困难职工家庭的子女上学,可以向所在单位工会申请助学帮扶;具体条件可拨打12351问一问。',
  };

  it('previews how the bot would answer the grouped questions, then saves and answers with it', async () => {
    await w.h.say('高师傅', '孩子上学工会能给补助吗', { room: '芝罘区职工服务群', mentionsBot: true });
    expect(w.h.app.bot.state.handoffs).toHaveLength(1);
    const c = new Client(w.web.url);
    const csrf = await c.login(w.h, UNION_STAFF);
    const union = await c.get('/union');
    expect(union.text).toContain('/union/kb/entry');
    expect(union.text).toContain('>孩子上学工会能给补助吗</textarea>'); // the group's wording, ready for the entry
    const file = readFileSync(join(w.configDir, 'faq.yaml'), 'utf8');

    const preview = await c.post('/union/kb/entry', { _csrf: csrf, ...entry });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('确认保存');
    expect(preview.text).toContain('申请助学帮扶'); // the new answer, as the bot would give it
    expect(readFileSync(join(w.configDir, 'faq.yaml'), 'utf8')).toBe(file);

    const saved = await c.post('/union/kb/entry', { _csrf: csrf, ...entry, confirm: '1' });
    expect(saved.status).toBe(303);
    const after = readFileSync(join(w.configDir, 'faq.yaml'), 'utf8');
    expect(after).toContain('职工子女考上大学有没有助学金');
    expect(after.startsWith(file.split('\n')[0])).toBe(true); // the file's comments kept
    const reply = await w.h.say('高师傅', '娃读书没钱交学费工会有助学金吗', { room: '芝罘区职工服务群', mentionsBot: true });
    expect(reply.map((m) => m.text).join('\n')).toContain('助学帮扶');
    expect(auditLines().some((a) => a.action === 'kb.entry')).toBe(true);
  });

  it('refuses an entry the config check refuses and keeps the old knowledge base', async () => {
    const c = new Client(w.web.url);
    const csrf = await c.login(w.h, UNION_STAFF);
    const file = readFileSync(join(w.configDir, 'faq.yaml'), 'utf8');
    const count = w.h.app.bot.services.faq().kb.entries.length;
    for (const bad of [
      { ...entry, questions: '只有一个问法吗' },
      { ...entry, answer: '联系王老师 13900000299 报名' },
    ]) {
      const res = await c.post('/union/kb/entry', { _csrf: csrf, ...bad, confirm: '1' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('知识库保持原样');
    }
    expect(readFileSync(join(w.configDir, 'faq.yaml'), 'utf8')).toBe(file);
    expect(w.h.app.bot.services.faq().kb.entries.length).toBe(count);
  });
});

describe('统计', () => {
  const statsOf = (page: string): StatsData =>
    JSON.parse(/<script type="application\/json" id="stats-data">([\s\S]*?)<\/script>/.exec(page)![1]) as StatsData;

  it("counts union questions answered, suggested and handed off per day, as the bot's replies went", async () => {
    const engine = w.h.app.bot.services.faq();
    const questions = [
      '老板三个月没发工资了找谁',
      '单位不给交社保咋整',
      '孩子上学工会能给补助吗',
      '想学个电工证工会管不管',
      '入会要交钱吗',
    ];
    const expected = { answered: 0, suggested: 0, handedOff: 0 };
    for (const q of questions) {
      const a = engine.ask(q);
      if (a.band === 'answer') expected.answered++;
      else if (a.band === 'suggest') expected.suggested++;
      else if (a.handoffReason !== 'off_topic' && a.handoffReason !== 'chitchat') expected.handedOff++;
    }
    // The probe covers all three outcomes, or the test would prove little.
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
    for (const q of questions) await w.h.say('葛师傅', q, { room: '芝罘区职工服务群', mentionsBot: true });
    // Thanks and greetings are not union questions.
    await w.h.say('葛师傅', '好的谢谢', { room: '芝罘区职工服务群', mentionsBot: true });
    await w.h.say('葛师傅', '你好', { room: '芝罘区职工服务群', mentionsBot: true });
    expect(w.h.app.bot.state.stats.faq['2026-03-02']).toEqual(expected);
    // Next day, one more.
    await w.h.say('葛师傅', '入会要交钱吗', { room: '芝罘区职工服务群', mentionsBot: true, at: '2026-03-03T10:00:00+08:00' });
    expect(w.h.app.bot.state.stats.faq['2026-03-03']?.answered).toBe(engine.ask('入会要交钱吗').band === 'answer' ? 1 : 0);

    const c = new Client(w.web.url);
    await c.login(w.h, UNION_STAFF);
    const data = statsOf((await c.get('/stats')).text);
    const series = (name: string) => data.union!.find((s) => s.name === name)!.data;
    const i = data.days.indexOf('2026-03-02');
    expect(series('机器人直接回答')[i]).toBe(expected.answered);
    expect(series('给出选项')[i]).toBe(expected.suggested);
    expect(series('转人工')[i]).toBe(expected.handedOff);
  });

  it('still counts requests and calls after they moved to the archive', async () => {
    await w.h.say('许大姐', '家里有没有多的体温计借一个,3号楼2单元', { room: '楚凤社区3号楼群' });
    const r = w.h.app.bot.state.aid.requests.at(-1)!;
    const p = person('冯德胜')!;
    await w.h.app.bot.change((s) => {
      s.calls.push({
        id: 'c-web-2',
        rosterId: p.id,
        worker: '邱靓',
        at: '2026-03-02T10:00:00+08:00',
        date: '2026-03-02',
        outcome: 'unreachable',
        flags: [],
        needs: [],
        text: '打了两次没人接',
      });
    });
    const c = new Client(w.web.url);
    const csrf = await c.login(w.h, ADMIN);
    await c.post(`/requests/${r.id}/note`, { _csrf: csrf, text: '已电话联系许大姐' });
    await c.post(`/requests/${r.id}/close`, { _csrf: csrf, outcome: 'cancelled' });
    const before = statsOf((await c.get('/stats')).text);

    // Two days on the request is history; the call is still read live for two weeks, so the test moves it too.
    await w.h.advance('2026-03-04T12:00:00+08:00');
    expect(w.h.app.bot.state.aid.requests.some((x) => x.id === r.id)).toBe(false);
    const archive = w.h.app.bot.services.archive;
    expect((await archive.readAll<{ id: string }>('requests')).some((x) => x.id === r.id)).toBe(true);
    // Its page stays, read-only, with the note that moved with it.
    expect(w.h.app.bot.state.staffNotes).toEqual([]);
    const page = await c.get(`/requests/${r.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('已电话联系许大姐');
    expect(page.text).toContain('id="in-history"');
    expect(page.text).not.toContain(`action="/requests/${r.id}/note"`);
    // A grid worker sees only their grid's requests, in history too (this group belongs to no grid).
    expect(r.grid).toBeNull();
    const worker = new Client(w.web.url);
    await worker.login(w.h, '邵婷婷');
    expect((await worker.get(`/requests/${r.id}`)).status).toBe(403);
    const call = w.h.app.bot.state.calls.find((x) => x.id === 'c-web-2')!;
    await archive.append('calls', [call], () => '2026-03');
    await w.h.app.bot.change((s) => void (s.calls = s.calls.filter((x) => x.id !== 'c-web-2')));

    const after = statsOf((await c.get('/stats')).text);
    const total = (d: StatsData) => d.requestsByCategory!.reduce((n, s) => n + s.data.reduce((a, b) => a + b, 0), 0);
    expect(total(after)).toBe(total(before));
    expect(total(after)).toBeGreaterThan(0);
    expect(after.outcomes!.find((o) => o.name === '已取消')?.value).toBe(1);
    const unreachable = after.callsByGrid!.filter((s) => s.name.endsWith('联系不上'));
    expect(unreachable.reduce((n, s) => n + s.data[after.days.indexOf('2026-03-02')], 0)).toBe(1);
    // A record in both places (a crash between the archive and the save) counts once.
    await archive.append('requests', [r], () => '2026-03');
    expect(total(statsOf((await c.get('/stats')).text))).toBe(total(before));
  });
});

describe('closing a request on the page', () => {
  it('cancels as the requester’s 取消 does: a helper who offered from the grid group hears it there, the group’s helpers are mentioned', async () => {
    const B3 = '金象泰小区3号楼群';
    const GRID2 = '楚凤二网格群';
    await w.h.say('宋伟', '求一盒蒙脱石散,孩子拉肚子', { room: B3, at: '2026-03-02T09:05:00+08:00' });
    await w.h.advance('2026-03-02T09:45:00+08:00');
    const relay = w.h.transport.sent.find((o) => o.kind === 'room' && o.room === GRID2 && o.text.includes('蒙脱石散'));
    expect(relay).toBeDefined();
    await w.h.say('韩冬', '我有', { room: GRID2, at: '2026-03-02T09:50:00+08:00', quote: relay!.text });
    await w.h.say('刘建国', '我家也有蒙脱石散', { room: B3, at: '2026-03-02T09:52:00+08:00' });
    const r = w.h.app.bot.state.aid.requests.find((x) => x.requester === '宋伟')!;
    expect(r.offers.map((o) => o.helper).sort()).toEqual(['刘建国', '韩冬'].sort());

    const c = new Client(w.web.url);
    const csrf = await c.login(w.h, ADMIN);
    const before = w.h.transport.sent.length;
    expect((await c.post(`/requests/${r.id}/close`, { _csrf: csrf, outcome: 'cancelled' })).status).toBe(303);
    await w.h.advance('2026-03-02T09:55:00+08:00');
    const after = w.h.transport.sent.slice(before);
    const inGrid = after.find((o) => o.kind === 'room' && o.room === GRID2);
    expect(inGrid).toMatchObject({ mentions: ['韩冬'] });
    expect(inGrid!.text).not.toContain('宋伟');
    const inGroup = after.filter((o) => o.kind === 'room' && o.room === B3);
    expect(inGroup).toHaveLength(1);
    expect(inGroup[0]).toMatchObject({ mentions: ['刘建国'] });
    expect(inGroup[0]!.text).toContain('已由工作人员取消');
    expect(w.h.app.bot.state.aid.requests.find((x) => x.id === r.id)!.status).toBe('cancelled');
  });
});
