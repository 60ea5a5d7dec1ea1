// Guessing enrolment codes: five wrong codes from one contact within half an hour and that
// contact is refused for a while (even with the right code); other contacts are not affected,
// and the refusal lifts once the wrong codes are old enough.
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { FakeTransport } from '../src/adapters/fake/fake-transport.ts';
import { MemoryStore } from '../src/store/memory-store.ts';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import { silentLogger } from '../src/log.ts';
import { MemoryAuditLog } from '../src/store/audit-log.ts';
import { enrolDirectly, redeemCode } from '../src/identity/enrol.ts';
import { MISS_LIMIT } from '../src/identity/codes.ts';
import { emptyState } from '../src/store/state.ts';

async function liveLike() {
  const transport = new FakeTransport();
  const clock = new SimulatedClock(new Date('2023-03-06T14:00:00+08:00'));
  const app = await createApp({
    configDir: 'config',
    store: new MemoryStore(),
    clock,
    scheduler: clock,
    send: (o) => transport.send(o),
    log: silentLogger,
    trustConfig: false,
    audit: new MemoryAuditLog(),
  });
  await app.bot.change((s) => enrolDirectly(s, { name: '王晓慧', role: 'admin', grid: null }, 'wx-admin', 'cli', clock.now()));
  await transport.start(async (m) => void (await app.bot.handle(m)));
  const say = async (name: string, id: string, text: string) =>
    (await transport.push({ from: name, text, room: null, time: clock.now(), sender: { id, name, alias: null } })).map((o) => o.text);
  return { app, clock, say };
}

/** A wrong code near the right one: never equal to it. */
const wrongFor = (code: string, i: number) => String((Number(code) + 1 + i) % 100_000_000).padStart(8, '0');

describe('guessing enrolment codes', () => {
  it('refuses a contact after five wrong codes in half an hour, even the right code, and lets it try again later', async () => {
    const { app, clock, say } = await liveLike();
    const [issued] = await say('王晓慧', 'wx-admin', '登记员工 何丽 网格员 楚凤一网格');
    const code = /(\d{8})/.exec(issued!)![1]!;
    for (let i = 0; i < MISS_LIMIT; i++) {
      expect((await say('何丽', 'wx-guess', `登记码 ${wrongFor(code, i)}`))[0]).toContain('不对或已过期');
      await clock.advanceTo(new Date(clock.now().getTime() + 2 * 60_000));
    }
    const locked = (await say('何丽', 'wx-guess', code))[0]!;
    expect(locked).toMatch(/次数太多.*\d+分钟后再试/);
    expect(locked.length).toBeLessThan(40);
    expect(app.bot.state.staff.find((s) => s.name === '何丽')!.contactId).toBeNull();
    // Another contact is not held back by someone else's guesses.
    expect((await say('何丽', 'wx-real', wrongFor(code, 9)))[0]).toContain('不对或已过期');
    // Half an hour after the first wrong code the refusal lifts; the first code has run out by
    // then, so the admin issues a new one.
    await clock.advanceTo(new Date(clock.now().getTime() + 21 * 60_000));
    const [again] = await say('王晓慧', 'wx-admin', '登记员工 何丽 网格员 楚凤一网格');
    expect((await say('何丽', 'wx-guess', /(\d{8})/.exec(again!)![1]!))[0]).toContain('登记好了');
    expect(app.bot.state.staff.find((s) => s.name === '何丽')!.contactId).toBe('wx-guess');
  });

  it('counts only misses inside the window, and forgets the old ones', () => {
    const state = emptyState();
    const t0 = Date.parse('2023-03-06T06:00:00Z');
    // Four misses, then one every 10 minutes: never five within 30 minutes once spaced out.
    for (let i = 0; i < MISS_LIMIT - 1; i++) expect(redeemCode(state, '00000000', 'wx-a', new Date(t0)).kind).toBe('wrong');
    expect(redeemCode(state, '00000000', 'wx-a', new Date(t0 + 31 * 60_000)).kind).toBe('wrong');
    expect(state.codeMisses).toHaveLength(1);
    for (let i = 1; i < MISS_LIMIT; i++) redeemCode(state, '00000000', 'wx-a', new Date(t0 + (31 + i) * 60_000));
    const locked = redeemCode(state, '00000000', 'wx-a', new Date(t0 + 40 * 60_000));
    expect(locked).toEqual({ kind: 'locked', until: new Date(t0 + 61 * 60_000).toISOString() });
    expect(state.codeMisses.filter((m) => m.contactId === 'wx-a')).toHaveLength(MISS_LIMIT);
  });
});
