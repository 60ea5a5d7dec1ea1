// Daily callbacks domain: due logic, reading workers' reports, and the messages, on the
// grid-day transcript (replay-grid-day.jsonl) and variants.
import { describe, expect, it } from 'vitest';
import {
  attemptCount,
  buildDueItems,
  countsByWorker,
  dayCounts,
  dueToday,
  formatAdminEscalation,
  formatAdminTotals,
  formatAmbiguous,
  formatChase,
  formatDangerAlert,
  formatDueReply,
  formatFrequency,
  formatGridDigest,
  formatMorningList,
  formatNotCalled,
  formatPersonStatus,
  formatReportAck,
  formatStats,
  interpretWorkerMessage,
  isDue,
  lastDays,
  lastResult,
  nicknamesFromNote,
  openFlags,
  openNeeds,
  parseFrequency,
  resolveAmbiguity,
  rosterEntryId,
  statusToday,
  unreachableAttempts,
  workerStats,
  type CallbackInterpretation,
  type CallRecord,
  type Frequency,
  type RosterEntry,
} from '../../src/domain/callbacks/index.ts';
import { containsPhone } from '../../src/domain/text/privacy.ts';
import { localDate } from '../../src/domain/time.ts';
import type { ParsedItem } from '../../src/domain/types.ts';

// ---- fixtures
function entry(
  name: string,
  building: string,
  room: string,
  worker: string,
  frequency: Frequency | string = 'daily',
  note = '',
  phone = '13800001000',
): RosterEntry {
  const freq = typeof frequency === 'string' ? parseFrequency(frequency)! : frequency;
  return { id: rosterEntryId(name, building, null, room), name, building, unit: null, room, phone, worker, frequency: freq, note };
}

/** The grid-day transcript's roster (replay-grid-day.jsonl). */
const GRID_DAY: RosterEntry[] = [
  entry('张桂兰', '1', '201', '邵婷婷', 'daily', '独居', '13800001001'),
  entry('刘德顺', '1', '502', '邵婷婷', 'daily', '独居，高血压', '13800001002'),
  entry('李秀英', '2', '302', '邵婷婷', 'daily', '空巢，老伴卧床', '13800001003'),
  entry('孙玉华', '2', '601', '邵婷婷', 'daily', '独居，子女在外地', '13800001004'),
  entry('周长海', '3', '101', '邵婷婷', 'weekly', '空巢', '13800001005'),
  entry('王淑芬', '3', '402', '邵婷婷', 'daily', '独居，耳背', '13800001006'),
];

/** A stand-in for the message parser's item extractor. */
function fakeExtractItems(text: string): ParsedItem[] {
  const table: [RegExp, ParsedItem][] = [
    [/退烧药/, { name: '退烧药', category: 'fever_medicine' }],
    [/布洛芬/, { name: '布洛芬', category: 'fever_medicine' }],
    [/止咳药|止咳糖浆/, { name: '止咳药', category: 'cough_medicine' }],
    [/降压药/, { name: '降压药', category: 'other_medicine' }],
  ];
  return table.filter(([re]) => re.test(text)).map(([, item]) => item);
}

let seq = 0;
function call(e: RosterEntry, at: string, outcome: CallRecord['outcome'], extra: Partial<CallRecord> = {}): CallRecord {
  return {
    id: `c${++seq}`,
    rosterId: e.id,
    worker: e.worker,
    at,
    date: localDate(new Date(at)),
    outcome,
    flags: [],
    needs: [],
    text: '',
    ...extra,
  };
}

// ---- due
const [zhang, liu, li, , zhou] = GRID_DAY;

describe('frequency', () => {
  it('reads the spellings workers use', () => {
    expect(parseFrequency('每天')).toBe('daily');
    expect(parseFrequency('每日')).toBe('daily');
    expect(parseFrequency('daily')).toBe('daily');
    expect(parseFrequency('每周')).toBe('weekly');
    expect(parseFrequency('weekly')).toBe('weekly');
    expect(parseFrequency('周一三五')).toEqual({ weekdays: [1, 3, 5] });
    expect(parseFrequency('周一,周三')).toEqual({ weekdays: [1, 3] });
    expect(parseFrequency('周二、周日')).toEqual({ weekdays: [0, 2] });
    expect(parseFrequency({ weekdays: [5, 1] })).toEqual({ weekdays: [1, 5] });
    expect(parseFrequency('每月')).toBeNull();
    expect(parseFrequency('随便')).toBeNull();
    expect(parseFrequency({ weekdays: [9] })).toBeNull();
  });
  it('writes them back', () => {
    expect(formatFrequency('daily')).toBe('每天');
    expect(formatFrequency({ weekdays: [0, 1, 3] })).toBe('周一三日');
    expect(parseFrequency(formatFrequency({ weekdays: [0, 1, 3] }))).toEqual({ weekdays: [0, 1, 3] });
  });
});

describe('isDue', () => {
  it('daily is due every day', () => {
    expect(isDue(zhang, [], '2022-12-21')).toBe(true);
    expect(isDue(zhang, [call(zhang, '2022-12-20T10:00:00+08:00', 'reached')], '2022-12-21')).toBe(true);
  });

  it('weekly is due when never called', () => {
    expect(isDue(zhou, [], '2022-12-21')).toBe(true);
  });

  it('weekly called 3 days ago is not due; 7 days ago is due', () => {
    expect(isDue(zhou, [call(zhou, '2022-12-18T10:00:00+08:00', 'reached')], '2022-12-21')).toBe(false);
    expect(isDue(zhou, [call(zhou, '2022-12-14T10:00:00+08:00', 'reached')], '2022-12-21')).toBe(true);
  });

  it('weekly with only failed attempts stays due', () => {
    expect(isDue(zhou, [call(zhou, '2022-12-19T10:00:00+08:00', 'unreachable')], '2022-12-21')).toBe(true);
  });

  it('weekly called today stays due today (so it shows as done), not tomorrow', () => {
    const calls = [call(zhou, '2022-12-21T11:30:00+08:00', 'reached')];
    expect(isDue(zhou, calls, '2022-12-21')).toBe(true);
    expect(statusToday(zhou, calls, '2022-12-21')).toBe('done');
    expect(isDue(zhou, calls, '2022-12-22')).toBe(false);
    expect(isDue(zhou, calls, '2022-12-28')).toBe(true);
  });

  it('weekdays follow the Shanghai calendar', () => {
    const mwf = entry('赵春梅', '5', '101', '邵婷婷', '周一三五');
    expect(isDue(mwf, [], '2022-12-19')).toBe(true); // Monday
    expect(isDue(mwf, [], '2022-12-20')).toBe(false); // Tuesday
    expect(isDue(mwf, [], '2022-12-21')).toBe(true); // Wednesday
    expect(isDue(mwf, [], '2022-12-25')).toBe(false); // Sunday
  });

  it('no one is due on a holiday', () => {
    expect(isDue(zhang, [], '2023-01-22', ['2023-01-22'])).toBe(false);
    expect(dueToday(GRID_DAY, [], '2023-01-22', ['2023-01-22'])).toEqual([]);
    expect(dueToday(GRID_DAY, [], '2023-01-23', ['2023-01-22'])).toHaveLength(6);
  });
});

describe('status, last result and open flags', () => {
  it('pending, unreachable, done', () => {
    const calls = [call(li, '2022-12-21T10:10:00+08:00', 'unreachable', { attempts: 2 })];
    expect(statusToday(zhang, calls, '2022-12-21')).toBe('pending');
    expect(statusToday(li, calls, '2022-12-21')).toBe('unreachable');
    expect(attemptCount(li, calls, '2022-12-21')).toBe(2);
    calls.push(call(li, '2022-12-21T19:10:00+08:00', 'visited'));
    expect(statusToday(li, calls, '2022-12-21')).toBe('done');
    expect(statusToday(li, calls, '2022-12-22')).toBe('pending');
  });

  it('last result before a date', () => {
    const a = call(liu, '2022-12-20T09:00:00+08:00', 'reached');
    const b = call(liu, '2022-12-21T09:00:00+08:00', 'unreachable');
    expect(lastResult(liu, [b, a])).toBe(b);
    expect(lastResult(liu, [b, a], '2022-12-21')).toBe(a);
    expect(lastResult(zhang, [a, b])).toBeNull();
  });

  it('flags stay open until a good report clears them', () => {
    const fever = call(liu, '2022-12-21T09:55:00+08:00', 'reached', {
      flags: ['fever', 'no_medicine'],
      needs: [{ name: '退烧药', category: 'fever_medicine' }],
    });
    const neutral = call(liu, '2022-12-21T15:00:00+08:00', 'reached', { flags: ['cough'] });
    const failed = call(liu, '2022-12-22T08:00:00+08:00', 'unreachable');
    expect(openFlags(liu, [fever, neutral, failed]).sort()).toEqual(['cough', 'fever', 'no_medicine']);
    expect(openNeeds(liu, [fever, neutral, failed]).map((n) => n.name)).toEqual(['退烧药']);
    const good = call(liu, '2022-12-22T09:30:00+08:00', 'reached', { clears: true });
    expect(openFlags(liu, [fever, neutral, failed, good])).toEqual([]);
    expect(openNeeds(liu, [fever, neutral, failed, good])).toEqual([]);
  });

  it('a clearing report keeps its own flags', () => {
    const fever = call(liu, '2022-12-21T09:55:00+08:00', 'reached', { flags: ['fever'] });
    const better = call(liu, '2022-12-22T09:30:00+08:00', 'reached', { flags: ['cough'], clears: true });
    expect(openFlags(liu, [fever, better])).toEqual(['cough']);
  });
});

describe('counts and stats', () => {
  const calls = [
    call(zhang, '2022-12-21T09:40:00+08:00', 'reached', { clears: true }),
    call(liu, '2022-12-21T09:55:00+08:00', 'reached', { flags: ['fever'] }),
    call(li, '2022-12-21T10:10:00+08:00', 'unreachable'),
  ];

  it('a day in counts', () => {
    expect(dayCounts(GRID_DAY, calls, '2022-12-21')).toEqual({ due: 6, done: 2, proxy: 0, unreachable: 1, pending: 3, flagged: 1 });
  });

  it('due items carry status and findings', () => {
    const items = buildDueItems(GRID_DAY, calls, '2022-12-21', { worker: '邵婷婷' });
    expect(items.map((i) => i.status)).toEqual(['done', 'done', 'unreachable', 'pending', 'pending', 'pending']);
    expect(items[1].openFlags).toEqual(['fever']);
    expect(buildDueItems(GRID_DAY, calls, '2022-12-21', { worker: '邱靓' })).toEqual([]);
  });

  it('weekly stats start with the first recorded call', () => {
    const [row] = workerStats(GRID_DAY, calls, { from: '2022-12-15', to: '2022-12-21' });
    expect(row).toMatchObject({ worker: '邵婷婷', due: 6, done: 2, missed: 4, unreachableAttempts: 1, flaggedCalls: 1, visits: 0 });
  });
});

// ---- interpret
const OTHER = [
  entry('张柱业', '1', '502', '王芳', 'daily', '独居'),
  entry('刘福贵', '4', '301', '王芳', 'daily', '独居,外号"刘老倔"'),
  entry('刘德胜', '4', '502', '王芳', 'daily', '腿脚不便'),
  entry('李桂兰', '5', '101', '王芳', 'daily', '空巢,大家叫她胖婶'),
  entry('王秀英', '5', '202', '王芳', 'weekly', '独居'),
];
const ROSTER: RosterEntry[] = [...GRID_DAY, ...OTHER];

const as =
  (worker: string, isAdmin = false) =>
  (text: string) =>
    interpretWorkerMessage(text, { worker, isAdmin, roster: ROSTER, extractItems: fakeExtractItems });
const shao = as('邵婷婷');
const wang = as('王芳');
const admin = as('王晓慧', true);

function report(r: CallbackInterpretation) {
  if (r.kind !== 'report') throw new Error(`expected a report, got ${JSON.stringify(r)}`);
  return r;
}
const needNames = (r: CallbackInterpretation) =>
  report(r)
    .needs.map((n) => n.name)
    .sort();

describe('queries', () => {
  it('due today, not called, status, stats', () => {
    expect(shao('今天要回访哪些人')).toEqual({ kind: 'query', query: 'due_today' });
    expect(shao('今天的回访名单发我一下')).toEqual({ kind: 'query', query: 'due_today' });
    expect(shao('还有谁没打')).toEqual({ kind: 'query', query: 'not_called' });
    expect(shao('谁还没回访?')).toEqual({ kind: 'query', query: 'not_called' });
    expect(shao('还剩几个')).toEqual({ kind: 'query', query: 'not_called' });
    expect(wang('张柱业最近情况')).toMatchObject({ kind: 'query', query: 'status', person: { name: '张柱业' } });
    expect(shao('刘德顺怎么样了?')).toMatchObject({ kind: 'query', query: 'status', person: { name: '刘德顺' } });
    expect(admin('回访统计')).toEqual({ kind: 'query', query: 'stats' });
  });

  it('messages for other features are none', () => {
    expect(shao('库存 布洛芬 +20')).toEqual({ kind: 'none' });
    expect(shao('求助列表')).toEqual({ kind: 'none' });
    expect(shao('好的收到')).toEqual({ kind: 'none' });
    expect(shao('')).toEqual({ kind: 'none' });
  });
});

describe('person resolution', () => {
  it('full name', () => {
    expect(report(shao('张桂兰打过了,挺好的')).entry.name).toBe('张桂兰');
  });

  it('surname + honorific', () => {
    expect(report(shao('刘大爷电话打通了,挺好')).entry.name).toBe('刘德顺');
    expect(report(shao('孙奶奶咳嗽,止咳药没了')).entry.name).toBe('孙玉华');
    expect(report(shao('老周打了,挺好')).entry.name).toBe('周长海');
  });

  it('honorific with the full name in brackets', () => {
    const r = report(wang('刘大爷(刘德胜)降压药快吃完了'));
    expect(r.entry.name).toBe('刘德胜');
    expect(r.needs.map((n) => n.name)).toEqual(['降压药']);
    expect(r.flags).toContain('no_medicine');
  });

  it('nickname written in the note', () => {
    expect(nicknamesFromNote('独居,外号"刘老倔"')).toEqual(['刘老倔']);
    expect(nicknamesFromNote('空巢,大家叫她胖婶')).toEqual(['胖婶']);
    expect(report(wang('刘老倔没人接')).entry.name).toBe('刘福贵');
    expect(report(wang('胖婶正常')).entry.name).toBe('李桂兰');
  });

  it('asks back when two people fit, and narrows by room', () => {
    const r = wang('刘大爷发烧了');
    expect(r.kind).toBe('ambiguous');
    if (r.kind !== 'ambiguous') return;
    expect(r.candidates.map((c) => c.name).sort()).toEqual(['刘德胜', '刘福贵']);
    expect(resolveAmbiguity('刘福贵', r.candidates)?.name).toBe('刘福贵');
    expect(resolveAmbiguity('2', r.candidates)).toBe(r.candidates[1]);
    expect(resolveAmbiguity('502那个', r.candidates)?.name).toBe('刘德胜');
    expect(resolveAmbiguity('不知道', r.candidates)).toBeNull();
    expect(report(wang('4号楼301刘大爷发烧了')).entry.name).toBe('刘福贵');
  });

  it("another worker's person is not found", () => {
    expect(shao('张柱业已回访,在发烧')).toEqual({ kind: 'unknown_person', name: '张柱业' });
    expect(shao('赵大妈没人接')).toEqual({ kind: 'unknown_person', name: '赵大妈' });
    expect(shao('陈桂花电话没人接')).toEqual({ kind: 'unknown_person', name: '陈桂花' });
  });

  it('admins search everyone', () => {
    expect(report(admin('张柱业已回访,在发烧')).entry.worker).toBe('王芳');
  });
});

describe('outcomes, flags and needs', () => {
  it('the grid-day reports', () => {
    const a = report(shao('张桂兰打过了，挺好的，没发烧，吃饭也正常'));
    expect(a).toMatchObject({ outcome: 'reached', flags: [], needs: [], clears: true, danger: [] });

    const b = report(shao('刘德顺电话打通了，发烧38度5，家里没有退烧药，降压药也快吃完了'));
    expect(b.outcome).toBe('reached');
    expect(b.flags.sort()).toEqual(['fever', 'no_medicine']);
    expect(needNames(b)).toEqual(['退烧药', '降压药']);
    expect(b.temperature).toBe(38.5);
    expect(b.clears).toBe(false);

    const c = report(shao('李秀英打了两次都没人接'));
    expect(c).toMatchObject({ outcome: 'unreachable', attempts: 2, clears: false });

    const d = report(shao('孙玉华还行，就是咳嗽，说家里止咳药没了，子女在外地'));
    expect(d.outcome).toBe('reached');
    expect(d.flags).toContain('cough');
    expect(needNames(d)).toEqual(['止咳药']);

    expect(report(shao('周长海打了，挺好，儿子昨天回来了'))).toMatchObject({ outcome: 'reached', flags: [], clears: true });
    expect(report(shao('李秀英还是打不通'))).toMatchObject({ outcome: 'unreachable', attempts: 1 });
    expect(report(shao('王淑芬打了，她耳朵背，说话费劲，听着精神还行，没发烧'))).toMatchObject({ outcome: 'reached', flags: [] });

    const e = report(shao('李秀英我上门看了，老伴发烧，她自己也有点烧，已经把退烧药送过去了'));
    expect(e.outcome).toBe('visited');
    expect(e.flags.sort()).toEqual(['fever', 'household_fever']);
    expect(e.needs).toEqual([]);

    const f = report(shao('刘德顺退烧了，药够吃，降压药他儿子给买了'));
    expect(f).toMatchObject({ outcome: 'reached', flags: [], needs: [], clears: true });
  });

  it('the issue examples', () => {
    const a = report(wang('张柱业已回访,在发烧,家里没有退烧药'));
    expect(a.outcome).toBe('reached');
    expect(a.flags.sort()).toEqual(['fever', 'no_medicine']);
    expect(needNames(a)).toEqual(['退烧药']);
    expect(report(wang('李桂兰电话没人接')).outcome).toBe('unreachable');
    expect(report(wang('王秀英 正常'))).toMatchObject({ outcome: 'reached', flags: [], clears: true });
  });

  it('variants', () => {
    expect(report(shao('张桂兰第一次没接,后来打通了,挺好')).outcome).toBe('reached');
    expect(report(shao('周长海电话关机')).outcome).toBe('unreachable');
    expect(report(shao('打不通王淑芬,我就上门看了,没事')).outcome).toBe('visited');
    expect(report(shao('刘德顺说想去医院看看')).flags).toContain('needs_doctor');
    expect(report(shao('孙玉华最近心情不好,老哭')).flags).toContain('low_mood');
    expect(report(shao('孙玉华不咳了,挺好')).flags).toEqual([]);
    expect(report(shao('张桂兰体温37.8,有点不舒服')).flags).toContain('fever');
    expect(report(shao('王淑芬没咳嗽也没发烧')).flags).toEqual([]);
    expect(report(shao('张桂兰的女儿发烧了,她自己没事')).flags).toEqual(['household_fever']);
    expect(report(shao('刘德顺不用去医院')).flags).not.toContain('needs_doctor');
  });

  it('danger words', () => {
    const a = report(shao('张桂兰在家摔倒了,起不来'));
    expect(a.flags).toContain('fall');
    expect(a.danger).toEqual(['摔倒']);
    const b = report(shao('刘德顺说胸口疼,喘不上气'));
    expect(b.flags.sort()).toEqual(['breathing', 'chest_pain']);
    expect(b.danger.sort()).toEqual(['喘不上气', '胸口疼'].sort());
    expect(report(shao('李秀英我上门看了,人昏迷了,已打120')).danger).toEqual(expect.arrayContaining(['昏迷']));
    expect(report(shao('李秀英说呼吸困难')).danger).toEqual(['呼吸困难']);
    expect(report(shao('张桂兰没摔倒,挺好')).danger).toEqual([]);
  });

  it('everyone done', () => {
    expect(shao('都打完了,都挺好')).toEqual({ kind: 'report_all', outcome: 'reached', clears: true });
    // Called, but nothing said about how they are: not recorded as "fine".
    expect(shao('全部打完了')).toEqual({ kind: 'report_all', outcome: 'reached', clears: false });
  });

  it('several people in one message', () => {
    const r = shao('张桂兰、王淑芬都正常,李秀英没人接');
    expect(r.kind).toBe('reports');
    if (r.kind !== 'reports') return;
    expect(r.reports.map((x) => [x.entry.name, x.outcome])).toEqual([
      ['张桂兰', 'reached'],
      ['王淑芬', 'reached'],
      ['李秀英', 'unreachable'],
    ]);
  });
});

// ---- format
/** Plays the worker's private reports of replay-grid-day.jsonl through the domain, as the bot would. */
function playDay(events: { at: string; text: string }[], calls: CallRecord[] = []): { calls: CallRecord[]; acks: string[] } {
  const acks: string[] = [];
  for (const ev of events) {
    const r = interpretWorkerMessage(ev.text, { worker: '邵婷婷', isAdmin: false, roster: GRID_DAY, extractItems: fakeExtractItems });
    if (r.kind !== 'report') throw new Error(`not a report: ${ev.text}`);
    const previouslyOpen = { flags: openFlags(r.entry, calls), needs: openNeeds(r.entry, calls) };
    const date = localDate(new Date(ev.at));
    calls.push({
      id: `c${calls.length}`,
      rosterId: r.entry.id,
      worker: '邵婷婷',
      at: ev.at,
      date,
      outcome: r.outcome,
      flags: r.flags,
      needs: r.needs,
      text: ev.text,
      clears: r.clears,
      temperature: r.temperature,
      attempts: r.attempts,
    });
    acks.push(formatReportAck(r, { attemptsToday: attemptCount(r.entry, calls, date), previouslyOpen }));
  }
  return { calls, acks };
}

const DAY1 = [
  { at: '2022-12-21T09:40:00+08:00', text: '张桂兰打过了，挺好的，没发烧，吃饭也正常' },
  { at: '2022-12-21T09:55:00+08:00', text: '刘德顺电话打通了，发烧38度5，家里没有退烧药，降压药也快吃完了' },
  { at: '2022-12-21T10:10:00+08:00', text: '李秀英打了两次都没人接' },
  { at: '2022-12-21T10:30:00+08:00', text: '孙玉华还行，就是咳嗽，说家里止咳药没了，子女在外地' },
  { at: '2022-12-21T11:30:00+08:00', text: '周长海打了，挺好，儿子昨天回来了' },
];
const DAY1_LATE = [{ at: '2022-12-21T15:20:00+08:00', text: '李秀英还是打不通' }];
const DAY1_EVENING = [
  { at: '2022-12-21T18:30:00+08:00', text: '王淑芬打了，她耳朵背，说话费劲，听着精神还行，没发烧' },
  { at: '2022-12-21T19:10:00+08:00', text: '李秀英我上门看了，老伴发烧，她自己也有点烧，已经把退烧药送过去了' },
];

describe('the grid-day transcript', () => {
  it('09:05 morning list: all 6 with building-room, phone and note', () => {
    const items = buildDueItems(GRID_DAY, [], '2022-12-21', { worker: '邵婷婷', asOfStart: true });
    const text = formatMorningList('邵婷婷', items, '2022-12-21');
    for (const e of GRID_DAY) {
      expect(text).toContain(e.name);
      expect(text).toContain(e.phone);
      expect(text).toContain(e.note);
    }
    expect(text).toContain('1号楼502');
    expect(text).toContain('6 位');
  });

  it('acknowledges each report briefly with what was recorded', () => {
    const { acks } = playDay(DAY1);
    expect(acks[0]).toBe('已记录:张桂兰 已回访;情况正常。');
    expect(acks[1]).toBe('已记录:刘德顺 已回访;发烧38.5°;需要退烧药、降压药。');
    expect(acks[2]).toContain('未接通');
    expect(acks[2]).toContain('2次');
    expect(acks[3]).toContain('咳嗽');
    expect(acks[3]).toContain('止咳药');
  });

  it('14:00 chase and 17:30 escalation for the unreachable one', () => {
    const { calls } = playDay([...DAY1, ...DAY1_LATE]);
    const items = buildDueItems(GRID_DAY, calls, '2022-12-21', { worker: '邵婷婷' });
    const chase = formatChase('邵婷婷', items)!;
    expect(chase).toContain('王淑芬');
    expect(chase).toContain('李秀英');
    expect(chase).toContain('已打3次');
    expect(chase).not.toContain('张桂兰');
    const li = GRID_DAY[2];
    const escalation = formatAdminEscalation(li, unreachableAttempts(li, calls, '2022-12-21'));
    expect(escalation).toContain('李秀英');
    expect(escalation).toContain('上门查看');
    expect(escalation).toContain('空巢，老伴卧床');
    expect(escalation).toContain('3次');
  });

  it('evening: all done; digest has counts only', () => {
    const { calls } = playDay([...DAY1, ...DAY1_LATE, ...DAY1_EVENING]);
    const counts = dayCounts(GRID_DAY, calls, '2022-12-21');
    expect(counts).toEqual({ due: 6, done: 6, proxy: 0, unreachable: 0, pending: 0, flagged: 3 });
    const digest = formatGridDigest(counts, { grid: '楚凤一网格', date: '2022-12-21' });
    expect(digest).toContain('6');
    for (const e of GRID_DAY) {
      expect(digest).not.toContain(e.name);
      expect(digest).not.toContain(e.phone);
      expect(digest).not.toContain(`${e.building}号楼${e.room}`);
    }
    expect(containsPhone(digest)).toBe(false);
    expect(formatChase('邵婷婷', buildDueItems(GRID_DAY, calls, '2022-12-21', { worker: '邵婷婷' }))).toBeNull();
    const totals = formatAdminTotals(countsByWorker(GRID_DAY, calls, '2022-12-21'), '2022-12-21');
    expect(totals).toContain('邵婷婷');
    expect(containsPhone(totals)).toBe(false);
  });

  it('next morning: 5 daily entries, not the weekly one, with yesterday’s findings', () => {
    const { calls } = playDay([...DAY1, ...DAY1_LATE, ...DAY1_EVENING]);
    const items = buildDueItems(GRID_DAY, calls, '2022-12-22', { worker: '邵婷婷', asOfStart: true });
    expect(items.map((i) => i.entry.name)).toEqual(['张桂兰', '刘德顺', '李秀英', '孙玉华', '王淑芬']);
    items[3].extra = '止咳药已有邻居认领,待确认送到';
    const text = formatMorningList('邵婷婷', items, '2022-12-22');
    expect(text).not.toContain('周长海');
    const block = (name: string) => text.split(/\n(?=\d+\. )/).find((b) => b.includes(name))!;
    expect(block('刘德顺')).toMatch(/发烧/);
    expect(block('刘德顺')).toMatch(/降压药/);
    expect(block('李秀英')).toMatch(/家人发烧/);
    expect(block('孙玉华')).toMatch(/止咳药/);
    expect(block('孙玉华')).toMatch(/待确认/);
    expect(block('张桂兰')).not.toMatch(/待跟进/);
  });

  it('a later good report clears flags; 还有谁没打 lists the rest', () => {
    const day1 = playDay([...DAY1, ...DAY1_LATE, ...DAY1_EVENING]);
    const { calls, acks } = playDay([{ at: '2022-12-22T09:30:00+08:00', text: '刘德顺退烧了，药够吃，降压药他儿子给买了' }], day1.calls);
    expect(acks[0]).toContain('已解除');
    expect(openFlags(GRID_DAY[1], calls)).toEqual([]);
    const items = buildDueItems(GRID_DAY, calls, '2022-12-22', { worker: '邵婷婷' });
    const reply = formatNotCalled(items);
    for (const name of ['张桂兰', '李秀英', '孙玉华', '王淑芬']) expect(reply).toContain(name);
    expect(reply).not.toContain('刘德顺');
    expect(reply).not.toContain('周长海');
    expect(formatDueReply(items, '2022-12-22')).toContain('已完成 1 位');
    const status = formatPersonStatus(GRID_DAY[1], calls);
    expect(status).toContain('目前没有待跟进');
    expect(status).toContain('12月21日 09:55 已回访:发烧38.5°');
  });

  it('回访统计 per worker', () => {
    const { calls } = playDay([...DAY1, ...DAY1_LATE, ...DAY1_EVENING]);
    const range = lastDays('2022-12-21');
    const text = formatStats(workerStats(GRID_DAY, calls, range), range);
    expect(text).toContain('12月15日');
    expect(text).toContain('邵婷婷:应回访6人次,完成6(100%),上门1次,未接通3次');
  });
});

describe('other messages', () => {
  it('ambiguity ask-back lists no phone numbers', () => {
    const text = formatAmbiguous('刘大爷', [GRID_DAY[1], { ...GRID_DAY[0], name: '刘福贵' }]);
    expect(text).toContain('1. 刘德顺 1号楼502');
    expect(containsPhone(text)).toBe(false);
  });

  it('danger alert names who, what, and says act now', () => {
    const text = formatDangerAlert(GRID_DAY[0], ['摔倒'], '邵婷婷', '张桂兰在家摔倒了');
    expect(text).toContain('紧急');
    expect(text).toContain('摔倒');
    expect(text).toContain('120');
  });

  it('the danger is mentioned in the ack', () => {
    const r = interpretWorkerMessage('张桂兰在家摔倒了', {
      worker: '邵婷婷',
      isAdmin: false,
      roster: GRID_DAY,
      extractItems: fakeExtractItems,
    });
    if (r.kind !== 'report') throw new Error('expected report');
    expect(formatReportAck(r, { adminAlerted: true })).toContain('已马上通知管理员');
  });

  it('empty lists', () => {
    expect(formatMorningList('邱靓', [], '2022-12-21')).toContain('没有要回访');
    expect(formatNotCalled([])).toContain('没有要回访');
    expect(formatGridDigest({ due: 0, done: 0, proxy: 0, unreachable: 0, pending: 0, flagged: 0 })).toContain('没有回访任务');
  });
});
