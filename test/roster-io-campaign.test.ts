// Campaign lists in (.csv/.xlsx, the same row errors as the callback roster) and results out.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignPeopleFromRows, importCampaignFile, upsertCampaign } from '../src/roster-io/campaign-import.ts';
import { importRosterFile } from '../src/roster-io/import.ts';
import { writeXlsx } from '../src/roster-io/xlsx.ts';
import { parseArgs } from '../src/cli/args.ts';
import { runCampaignCommand } from '../src/cli/campaign-command.ts';
import { FileStore } from '../src/store/file-store.ts';
import type { Campaign } from '../src/domain/campaigns/index.ts';

const rows = (lines: string[][]) => lines.map((cells, i) => ({ line: i + 1, cells }));
const dir = () => mkdtempSync(join(tmpdir(), 'linli-campaign-io-'));

describe('campaign list import', () => {
  it('reads the fixture list with its spellings (3号楼, 7栋, a landline, no phone)', async () => {
    const r = await importCampaignFile('test/fixtures/campaign-spring.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.people.map((p) => [p.name, p.building, p.visitor])).toEqual([
      ['王建国', '3', '刘敏'],
      ['李秀兰', '5', '刘敏'],
      ['吴长海', '6', '刘敏'],
      ['赵德明', '7', '孙立'],
      ['周桂芝', '8', '孙立'],
    ]);
    expect(r.people[3].phone).toBe('0535-6212345');
    expect(r.people[2].phone).toBe('');
  });

  it('lists every bad row and imports nothing', () => {
    const r = campaignPeopleFromRows(
      rows([
        ['姓名', '楼号', '室号', '电话', '走访人'],
        ['王建国', '3', '201', '139', '刘敏'],
        ['', '4', '101', '', '刘敏'],
        ['李秀兰', '5', '402', '', ''],
        ['王建国', '3', '201', '', '刘敏'],
        ['周桂芝', '8', '502', '13905350105', '孙立'],
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(r.errors[0].reason).toMatch(/电话号码不对/);
    expect(r.errors[1].reason).toMatch(/缺少姓名/);
    expect(r.errors[2].reason).toMatch(/缺少走访人/);
    expect(r.errors[3].reason).toMatch(/与第2行重复/);
  });

  it('names missing headers', () => {
    const r = campaignPeopleFromRows(
      rows([
        ['姓名', '楼号', '室号'],
        ['王建国', '3', '201'],
      ]),
    );
    expect(r).toEqual({ ok: false, errors: [{ line: 1, reason: '表头缺少:走访人' }] });
  });

  it('reads .xlsx with aliases for the headers', async () => {
    const file = join(dir(), 'list.xlsx');
    await writeXlsx(file, 'Sheet1', ['名字', '楼栋', '房号', '走访人员'], [['高秀英', '2栋', '303室', '刘敏']]);
    const r = await importCampaignFile(file);
    expect(r).toMatchObject({ ok: true, people: [{ name: '高秀英', building: '2', room: '303', visitor: '刘敏' }] });
  });

  it('replaces a campaign of the same name, keeping visits of people still listed', () => {
    const list: Campaign[] = [];
    const person = (name: string) => ({ id: name, name, building: '1', unit: null, room: '101', phone: '', visitor: '刘敏', note: '' });
    const { campaign } = upsertCampaign(list, {
      name: '送春联',
      start: '2023-01-09',
      deadline: '2023-01-20',
      people: [person('甲'), person('乙')],
    });
    campaign.visits.push({
      personId: '甲',
      visitor: '刘敏',
      at: '',
      date: '2023-01-09',
      outcome: 'visited',
      proxy: false,
      needs: [],
      text: '',
    });
    campaign.visits.push({
      personId: '乙',
      visitor: '刘敏',
      at: '',
      date: '2023-01-09',
      outcome: 'visited',
      proxy: false,
      needs: [],
      text: '',
    });
    const again = upsertCampaign(list, { name: '送春联', start: '2023-01-09', deadline: '2023-01-22', people: [person('甲')] });
    expect(again.replaced).toBe(true);
    expect(list).toHaveLength(1);
    expect(list[0].deadline).toBe('2023-01-22');
    expect(list[0].visits.map((v) => v.personId)).toEqual(['甲']);
  });

  it('a bad file through the command changes nothing; the callback roster import still works', async () => {
    const d = dir();
    const bad = join(d, 'bad.csv');
    writeFileSync(bad, '姓名,楼号,室号,走访人\n王建国,3,,刘敏\n');
    const args = parseArgs(['--data', d, '--name', '送春联', '--start', '2023-01-09', '--deadline', '2023-01-20']);
    expect(await runCampaignCommand('campaign', ['import', bad], args)).toBe(1);
    expect(
      await runCampaignCommand(
        'campaign',
        ['import', 'test/fixtures/campaign-spring.csv'],
        parseArgs(['--data', d, '--name', 'x', '--deadline', 'soon']),
      ),
    ).toBe(2);
    const state = await new FileStore(join(d, 'linli.json'), { readOnly: true }).load();
    expect(state.campaigns).toEqual([]);
    const callback = join(d, 'roster.csv');
    writeFileSync(callback, '姓名,楼号,室号,电话,网格员,频次\n张柱业,1,502,13800000000,邵婷婷,每天\n');
    expect(await importRosterFile(callback)).toMatchObject({ ok: true, entries: [{ name: '张柱业' }] });
  });
});
