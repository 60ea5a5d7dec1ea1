// The roles table (src/bot/roles.ts) run whole: every command × every role, in a group and in
// private. A role the table does not list gets the short refusal and nothing else; a refusal is
// never kept as a question for union staff; no roster phone reaches a group or a non-staff contact.
import { describe, expect, it } from 'vitest';
import { createHarness } from './support/harness.ts';
import { GROUP_ONLY, PRIVATE_ONLY, REFUSAL, ROLE_TABLE, type Where } from '../src/bot/roles.ts';
import type { Role } from '../src/identity/types.ts';

const PEOPLE: Record<Role, string> = { resident: '单秀兰', grid_worker: '邵婷婷', admin: '王晓慧', union_staff: '林晓' };
const GROUP = '楚凤社区1号楼群';
const ROSTER = [
  { name: '张桂兰', building: '1', room: '201', phone: '13700004401', worker: '邵婷婷', frequency: 'daily', note: '独居' },
  { name: '冯德明', building: '1', room: '602', phone: '13700004402', worker: '邵婷婷', frequency: 'daily', note: '空巢' },
];

async function scene() {
  return createHarness('2023-01-10T09:00:00+08:00', {
    people: [
      { name: PEOPLE.grid_worker, role: 'grid_worker', grid: '楚凤一网格', building: null, unit: null, room: null },
      { name: PEOPLE.admin, role: 'admin', grid: null, building: null, unit: null, room: null },
      { name: PEOPLE.union_staff, role: 'union_staff', grid: null, building: null, unit: null, room: null },
    ],
    roster: ROSTER,
  });
}

const rows = ROLE_TABLE.filter((r) => r.example);
const roles = Object.keys(PEOPLE) as Role[];
const places: Where[] = ['group', 'private'];

describe('role matrix', () => {
  for (const row of rows)
    for (const role of roles)
      for (const where of places)
        it(`${row.command} · ${role} · ${where}`, async () => {
          const h = await scene();
          const handoffsBefore = h.app.bot.state.handoffs.length;
          const callsBefore = h.app.bot.state.calls.length;
          const sent = await h.say(PEOPLE[role], row.example, where === 'group' ? { room: GROUP, mentionsBot: true } : { dm: true });
          const texts = sent.map((o) => o.text);
          const mayRun = row.roles.includes(role);
          if (row.pattern && !mayRun) {
            expect(texts).toEqual([REFUSAL]);
            expect(h.app.bot.state.handoffs.length).toBe(handoffsBefore);
          } else if (row.pattern && !row.where.includes(where)) {
            expect(texts).toEqual([where === 'group' ? PRIVATE_ONLY : GROUP_ONLY]);
          } else {
            expect(texts).not.toContain(REFUSAL);
          }
          if (!mayRun) expect(h.app.bot.state.calls.length).toBe(callsBefore);
          // Roster phones only privately, and only to an enrolled grid worker or admin.
          for (const o of sent)
            for (const r of ROSTER)
              if (o.text.includes(r.phone)) {
                expect(o.kind).toBe('private');
                expect(['grid_worker', 'admin']).toContain(role);
              }
        });
});

describe('what the guarded rows do when allowed', () => {
  it('a grid worker gets her own list; her plain-word report is recorded; a resident saying the same is not', async () => {
    const h = await scene();
    const list = await h.say(PEOPLE.grid_worker, '还有谁没打', { dm: true });
    expect(list.map((o) => o.text).join('\n')).toContain('张桂兰');
    await h.say(PEOPLE.resident, '张桂兰挺好的', { dm: true });
    expect(h.app.bot.state.calls).toHaveLength(0);
    await h.say(PEOPLE.grid_worker, '张桂兰挺好的', { dm: true });
    expect(h.app.bot.state.calls.map((c) => c.worker)).toEqual([PEOPLE.grid_worker]);
  });
});
