// Real-style posts through the whole bot (issue 8): what the parser now reads changes what the
// neighbours and the grid worker are told.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/harness.ts';
import type { SceneOverrides } from '../../src/app.ts';

const B3 = '金象泰小区3号楼群';
const GRID2 = '楚凤二网格群';
const scene: SceneOverrides = {
  rooms: [
    { topic: B3, kind: 'building', building: '3', grid: '楚凤二网格' },
    { topic: GRID2, kind: 'grid', building: null, grid: '楚凤二网格' },
  ],
  people: [
    { name: '邱靓', role: 'grid_worker', grid: '楚凤二网格', building: null, unit: null, room: null },
    { name: '王晓慧', role: 'admin', grid: null, building: null, unit: null, room: null },
  ],
  roster: [],
};
const start = '2022-12-18T18:00:00+08:00';
const texts = (out: { text: string }[]) => out.map((o) => o.text).join('\n');

describe('real posts through the bot', () => {
  it('relays an 84-year-old mother’s need as fever medicine, never as "84" disinfectant', async () => {
    const h = await createHarness(start, scene);
    await h.say('周丽', '我妈84岁了,烧到39度2,谁家有退烧药', { room: B3, at: '19:00' });
    const request = h.app.bot.state.aid.requests[0]!;
    expect(request.items.map((i) => i.category)).toEqual(['fever_medicine']);
    const later = await h.advance('19:45');
    expect(texts(later)).toMatch(/退烧药/);
    expect(texts(later)).not.toMatch(/消毒/);
    // The relay and the worker's alert name the need; only the worker's quote of the post says 84.
    for (const o of later) expect(o.text.split('原话:')[0]).not.toMatch(/84/);
  });

  it('matches an offer of food that no list used to know', async () => {
    const h = await createHarness(start, scene);
    await h.say('周丽', '谁家有大葱?做饭就差一根', { room: B3, at: '19:00' });
    const out = await h.say('刘建国', '我家大葱多,送你两根', { room: B3, at: '19:02' });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: 'room', room: B3, mentions: ['周丽', '刘建国'] });
    expect(texts(out)).not.toMatch(/说明书|遵医嘱/); // food gets no medicine safety line
  });

  it('opens an urgent request for a lost child and relays it', async () => {
    const h = await createHarness(start, scene);
    await h.say('陈思雨', '我家5岁儿子在楼下玩走丢了,穿蓝羽绒服,看到的邻居马上联系我!', { room: B3, at: '19:00' });
    const request = h.app.bot.state.aid.requests[0]!;
    expect(request.urgent).toBe(true);
    expect(request.items.map((i) => i.name)).toEqual(['寻人']);
    expect(texts(await h.advance('19:15'))).toMatch(/寻人/);
  });
});
