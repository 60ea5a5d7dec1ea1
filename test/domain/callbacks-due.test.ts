import { describe, expect, it } from 'vitest';
import {
  buildDueItems,
  dayCounts,
  dueToday,
  isDue,
  lastResult,
  openFlags,
  openNeeds,
  parseFrequency,
  formatFrequency,
  statusToday,
  workerStats,
  attemptCount,
} from '../../src/domain/callbacks/index.ts';
import { call, entry, GRID_DAY } from './callbacks-fixtures.ts';

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
    expect(dayCounts(GRID_DAY, calls, '2022-12-21')).toEqual({ due: 6, done: 2, unreachable: 1, pending: 3, flagged: 1 });
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
