import { CronExpressionParser } from 'cron-parser';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../src/schedule/simulated.ts';
import { nextRun, previousRun } from '../src/schedule/cron-next.ts';

describe('cron in Asia/Shanghai', () => {
  it('finds the next 08:30 Shanghai time, not UTC', () => {
    expect(nextRun('30 8 * * *', new Date('2022-12-20T08:00:00+08:00')).toISOString()).toBe('2022-12-20T00:30:00.000Z');
    expect(nextRun('30 8 * * *', new Date('2022-12-20T08:30:00+08:00')).toISOString()).toBe('2022-12-21T00:30:00.000Z');
  });

  it('keeps the summer time Shanghai had until 1991 (later times use the fixed UTC+8)', () => {
    // July 1988: 08:30 local was 23:30 UTC the day before (UTC+9).
    expect(nextRun('30 8 * * *', new Date('1988-07-01T00:00:00Z')).toISOString()).toBe('1988-07-01T23:30:00.000Z');
    expect(previousRun('30 8 * * *', new Date('1988-07-02T00:00:00Z')).toISOString()).toBe('1988-07-01T23:30:00.000Z');
    expect(nextRun('30 8 * * *', new Date('1988-12-01T00:00:00Z')).toISOString()).toBe('1988-12-01T00:30:00.000Z');
    expect(previousRun('0 20 * * *', new Date('2024-06-01T12:00:00Z')).toISOString()).toBe('2024-06-01T12:00:00.000Z');
    expect(nextRun('*/15 9-18 * * 1-5', new Date('2024-06-01T12:00:00+08:00')).toISOString()).toBe('2024-06-03T01:00:00.000Z');
  });
});

describe('every-N-minutes expressions (answered without a calendar)', () => {
  it('give the runs cron-parser gives, on and between the minutes, today and in 1988', () => {
    const starts = [
      Date.parse('2022-12-18T18:00:00+08:00'),
      Date.parse('1988-07-01T03:07:00+09:00'),
      Date.parse('2031-02-28T23:59:59+08:00'),
    ];
    for (const cron of ['* * * * *', '*/5 * * * *', '*/15 * * * *', '*/7 * * * *', '5 * * * *']) {
      const parsed = CronExpressionParser.parse(cron, { tz: 'Asia/Shanghai' });
      for (const start of starts) {
        for (let t = start; t < start + 3 * 3_600_000; t += 97_000) {
          const at = new Date(t);
          parsed.reset(at);
          expect(nextRun(cron, at).toISOString()).toBe(parsed.next().toDate().toISOString());
          parsed.reset(new Date(t + 1000));
          expect(previousRun(cron, at).toISOString()).toBe(parsed.prev().toDate().toISOString());
        }
      }
    }
  });
});

describe('SimulatedClock', () => {
  it('runs every due job in time order, each at its own due time', async () => {
    const clock = new SimulatedClock(new Date('2022-12-20T07:00:00+08:00'));
    const runs: string[] = [];
    clock.add({ name: 'evening', cron: '0 20 * * *', run: async (at) => void runs.push(`evening ${at.toISOString()}`) });
    clock.add({ name: 'morning', cron: '30 8 * * *', run: async (at) => void runs.push(`morning ${at.toISOString()}`) });
    await clock.advanceTo(new Date('2022-12-21T09:00:00+08:00'));
    expect(runs).toEqual(['morning 2022-12-20T00:30:00.000Z', 'evening 2022-12-20T12:00:00.000Z', 'morning 2022-12-21T00:30:00.000Z']);
    expect(clock.now().toISOString()).toBe('2022-12-21T01:00:00.000Z');
  });

  it('reads the job time from the clock while the job runs', async () => {
    const clock = new SimulatedClock(new Date('2022-12-20T07:00:00+08:00'));
    let seen = '';
    clock.add({ name: 'x', cron: '0 8 * * *', run: async () => void (seen = clock.now().toISOString()) });
    await clock.advanceTo(new Date('2022-12-20T10:00:00+08:00'));
    expect(seen).toBe('2022-12-20T00:00:00.000Z');
  });

  it('refuses to move backwards', async () => {
    const clock = new SimulatedClock(new Date('2022-12-20T07:00:00+08:00'));
    await expect(clock.advanceTo(new Date('2022-12-20T06:00:00+08:00'))).rejects.toThrow(/backwards/);
  });
});
