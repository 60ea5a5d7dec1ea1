// Enrolment by one-time code, as a live bot does it (config roles not trusted): the admin's code
// binds the contact that sends it, once, within 30 minutes; a same-named contact stays a resident;
// every admin action lands in the audit log once saved.
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { FakeTransport } from '../src/adapters/fake/fake-transport.ts';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import { silentLogger } from '../src/log.ts';
import { MemoryAuditLog } from '../src/store/audit-log.ts';
import { enrolDirectly } from '../src/identity/enrol.ts';
import { REFUSAL } from '../src/bot/roles.ts';
import { createTestStore } from './support/test-store.ts';

async function liveLike() {
  const transport = new FakeTransport();
  const clock = new SimulatedClock(new Date('2023-01-11T09:00:00+08:00'));
  const audit = new MemoryAuditLog();
  const app = await createApp({
    configDir: 'config',
    store: await createTestStore(),
    clock,
    scheduler: clock,
    send: (o) => transport.send(o),
    log: silentLogger,
    trustConfig: false,
    audit,
  });
  // The first admin, as `linli staff add … --role admin` and her code would leave it.
  await app.bot.change((s) => enrolDirectly(s, { name: '王晓慧', role: 'admin', grid: null }, 'wx-admin', 'cli', clock.now()));
  await transport.start(async (m) => void (await app.bot.handle(m)));
  const say = (name: string, id: string, text: string, room: string | null = null) =>
    transport.push({ from: name, text, room, time: clock.now(), sender: { id, name, alias: null } });
  return { app, clock, audit, say };
}

const codeOf = (text: string) => /(\d{8})/.exec(text)?.[1] ?? '';

describe('enrolment by code', () => {
  it('binds the contact that sends the code; a namesake stays a resident; the code works once', async () => {
    const { app, audit, say } = await liveLike();
    // Config says 邵婷婷 is a grid worker; live, that alone proves nothing.
    expect(await say('邵婷婷', 'wx-shao', '还有谁没打')).toMatchObject([{ text: REFUSAL }]);
    const [issued] = await say('王晓慧', 'wx-admin', '登记员工 邵婷婷 网格员 楚凤一网格');
    const code = codeOf(issued!.text);
    expect(code).toMatch(/^\d{8}$/);
    expect(JSON.stringify(app.bot.state)).not.toContain(code); // only a hash is kept
    const [ok] = await say('邵婷婷', 'wx-shao', code);
    expect(ok).toMatchObject({ kind: 'private', to: '邵婷婷' });
    expect(app.bot.state.staff.find((s) => s.name === '邵婷婷')).toMatchObject({ contactId: 'wx-shao', remark: '邻里员工-邵婷婷' });
    expect((await say('邵婷婷', 'wx-shao', '还有谁没打'))[0]!.text).not.toBe(REFUSAL);
    // A second contact with her name, even holding the used code.
    expect((await say('邵婷婷', 'wx-other', code))[0]!.text).toContain('不对或已过期');
    const refused = await say('邵婷婷', 'wx-other', '还有谁没打');
    expect(refused).toEqual([{ kind: 'private', to: '邵婷婷', text: REFUSAL, contactId: 'wx-other' }]);
    expect(audit.entries.map((e) => `${e.action}:${e.subject}:${e.by}`)).toEqual(['staff.add:邵婷婷:王晓慧', 'staff.enrol:邵婷婷:邵婷婷']);
  });

  it('refuses a code after 30 minutes', async () => {
    const { app, clock, say } = await liveLike();
    const [issued] = await say('王晓慧', 'wx-admin', '登记员工 林晓 工会');
    await clock.advanceTo(new Date('2023-01-11T09:31:00+08:00'));
    expect((await say('林晓', 'wx-lin', codeOf(issued!.text)))[0]!.text).toContain('过期');
    expect(app.bot.state.staff.find((s) => s.name === '林晓')?.enrolledAt).toBeNull();
  });

  it('lets only an enrolled admin bind a group, and the binding names what the group is', async () => {
    const { app, audit, say } = await liveLike();
    expect((await say('王晓慧', 'wx-fake', '绑定本群 7号楼', '新建的楼群'))[0]!.text).toBe(REFUSAL);
    expect(app.bot.state.roomBindings).toEqual([]);
    await say('王晓慧', 'wx-admin', '绑定本群 7号楼 楚凤二网格', '新建的楼群');
    expect(app.bot.state.roomBindings).toMatchObject([{ topic: '新建的楼群', kind: 'building', building: '7', grid: '楚凤二网格' }]);
    expect(app.bot.services.directory.room('新建的楼群').kind).toBe('building');
    // Live, a config topic is not a binding: an unbound group is `other`.
    expect(app.bot.services.directory.room('楚凤社区1号楼群').kind).toBe('other');
    expect(audit.entries.at(-1)).toMatchObject({ action: 'room.bind', subject: '新建的楼群', by: '王晓慧' });
  });
});
