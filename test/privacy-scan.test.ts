// The replay privacy scanner itself must catch a leak, or its silence proves nothing; then every
// replay transcript (test/fixtures and shared/devset) goes through the whole bot and is scanned:
// no phone, room or roster name in a group that nobody posted there, and no staff data in a
// private message to a contact that is not staff.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli/args.ts';
import { runCampaignCommand } from '../src/cli/campaign-command.ts';
import { emptyState } from '../src/store/state.ts';
import { findPrivacyLeaks, findStaffDataLeaks, rosterRowsOf } from './support/privacy.ts';
import { replayFile } from './support/replay.ts';
import { SHARED_DIR, sharedPath } from './support/shared.ts';

const input = [
  { setup: { roster: [{ name: '张桂兰', phone: '13800001001', building: '1', room: '201' }] } },
  { at: '2022-12-21T09:40:00+08:00', dm: true, from: '邵婷婷', text: '张桂兰发烧38度5' },
  { at: '2022-12-21T10:00:00+08:00', room: '1号楼群', from: '邵婷婷', text: '1号楼201需要退烧药' },
];

describe('privacy scanner', () => {
  it('flags a roster name, a phone or a private temperature in a group message', () => {
    const leaks = findPrivacyLeaks(input, [{ at: '2022-12-21T10:01:00+08:00', room: '1号楼群', text: '张桂兰 13800001001 烧到38度5' }]);
    expect(leaks.join('\n')).toMatch(/张桂兰/);
    expect(leaks.join('\n')).toMatch(/13800001001/);
    expect(leaks.join('\n')).toMatch(/38度5/);
  });

  it('allows what was posted in that group before', () => {
    expect(findPrivacyLeaks(input, [{ at: '2022-12-21T10:01:00+08:00', room: '1号楼群', text: '1号楼201 有人响应' }])).toEqual([]);
  });

  it('covers the people of a visit campaign too', () => {
    const campaign = [{ name: '王建国', phone: '', building: '3', room: '201' }];
    const out = [{ at: '2022-12-21T10:01:00+08:00', room: '1号楼群', text: '王建国家暖气不热' }];
    expect(findPrivacyLeaks(input, out)).toEqual([]);
    expect(findPrivacyLeaks(input, out, campaign).join('\n')).toMatch(/王建国/);
  });
});

describe('staff data scanner', () => {
  const setup = {
    setup: {
      people: [
        { name: '邵婷婷', role: 'grid_worker', grid: '楚凤一网格' },
        { name: '赵秀梅', role: 'resident', building: '1', room: '501' },
      ],
      roster: [{ name: '张桂兰', phone: '13800001001', building: '1', room: '201' }],
    },
  };
  const state = {
    ...emptyState(),
    handoffs: [{ id: 'h1', question: '工伤怎么认定', asker: '钱大姐', room: null, at: '2022-12-21T01:00:00.000Z', digestedAt: null }],
  };
  const at = '2022-12-21T10:01:00+08:00';

  it('flags roster data, a code and another asker in a private message to a resident', () => {
    const leaks = findStaffDataLeaks(
      [setup],
      [
        { at, to: '邵婷婷', text: '登记码 48213907' },
        { at, to: '赵秀梅', text: '张桂兰 1号楼201 13800001001;登记码 48213907;钱大姐也问过' },
      ],
      state,
    ).join('\n');
    for (const s of ['张桂兰', '1号楼201', '13800001001', '48213907', '钱大姐']) expect(leaks).toContain(s);
    expect(leaks).not.toMatch(/to 邵婷婷/);
  });

  it('treats a namesake reached by another contact id as not staff, and allows what the recipient said', () => {
    const input = [setup, { at: '2022-12-21T09:00:00+08:00', dm: true, from: '赵秀梅', text: '张桂兰是我邻居' }];
    expect(findStaffDataLeaks(input, [{ at, to: '赵秀梅', text: '张桂兰的事已转告网格员' }], state)).toEqual([]);
    const enrolled = { ...state, staff: [{ ...staffRecord, contactId: 'wx-shao' }] };
    expect(
      findStaffDataLeaks([setup], [{ at, to: '邵婷婷', toId: 'wx-fake', text: '张桂兰 13800001001' } as never], enrolled),
    ).toHaveLength(2);
    expect(findStaffDataLeaks([setup], [{ at, to: '邵婷婷', toId: 'wx-shao', text: '张桂兰 13800001001' } as never], enrolled)).toEqual([]);
  });
});

const staffRecord = {
  name: '邵婷婷',
  role: 'grid_worker' as const,
  grid: '楚凤一网格',
  contactId: null,
  remark: null,
  enrolledAt: '2022-12-21T00:00:00.000Z',
  addedAt: '2022-12-21T00:00:00.000Z',
  addedBy: 'cli',
  code: null,
};

/** Transcripts that need a data folder prepared the way staff would (a campaign imported first). */
const PREPARE: Record<string, string[]> = {
  'replay-campaign-spring.jsonl': [
    '--name',
    '2023春节送春联',
    '--start',
    '2023-01-09',
    '--deadline',
    '2023-01-20',
    'test/fixtures/campaign-spring.csv',
  ],
};

const transcripts = [
  ...readdirSync('test/fixtures')
    .filter((f) => /^replay-.*\.jsonl$/.test(f))
    .map((f) => join('test/fixtures', f)),
  ...readdirSync(join(SHARED_DIR, 'devset'))
    .filter((f) => /^replay-.*\.jsonl$/.test(f))
    .map((f) => sharedPath(join('devset', f))),
];

describe('privacy scan of every replay transcript', () => {
  it('finds the fixtures and the dev transcripts', () => {
    expect(transcripts.filter((t) => t.includes('devset')).length).toBeGreaterThanOrEqual(3);
    expect(transcripts.filter((t) => t.startsWith('test/fixtures')).length).toBeGreaterThanOrEqual(10);
  });

  it.each(transcripts.map((t) => [t.split('/').pop()!, t]))(
    '%s',
    async (name, path) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'linli-privacy-'));
      const prepare = PREPARE[name];
      if (prepare) {
        const file = prepare.at(-1)!;
        expect(await runCampaignCommand('campaign', ['import', file], parseArgs(['--data', dataDir, ...prepare.slice(0, -1)]))).toBe(0);
      }
      const run = await replayFile(path, { dataDir, handBack: true });
      expect(run.out.filter((o) => o.error)).toEqual([]);
      expect(run.out.length).toBeGreaterThan(0);
      expect(findPrivacyLeaks(run.input, run.out, rosterRowsOf(run.state))).toEqual([]);
      expect(findStaffDataLeaks(run.input, run.out, run.state)).toEqual([]);
    },
    120_000,
  );
});
