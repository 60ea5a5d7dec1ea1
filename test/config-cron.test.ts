// Cron expressions in config/linli.yaml are checked when the config loads, and a bad one is named by
// file and key, instead of loading and stopping the scheduler later with neither.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cronProblem } from '../src/config/cron.ts';
import { ConfigError } from '../src/config/errors.ts';
import { loadMainConfig } from '../src/config/load.ts';
import { nextRun } from '../src/schedule/cron-next.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of config/ whose linli.yaml has one schedule line changed. */
function configWithSchedule(key: string, value: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-cron-'));
  dirs.push(dir);
  cpSync('config', dir, { recursive: true });
  const file = join(dir, 'linli.yaml');
  const yaml = readFileSync(file, 'utf8');
  const line = new RegExp(`^(  ${key}: ).*?(\\s+#.*)?$`, 'm');
  expect(yaml, `config/linli.yaml has schedule.${key}`).toMatch(line);
  writeFileSync(file, yaml.replace(line, `$1${value}$2`));
  return dir;
}

function loadError(dir: string): ConfigError {
  try {
    loadMainConfig(dir);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('the config loaded');
}

describe('cron expressions in config/linli.yaml', () => {
  it('the shipped schedule loads, and every expression in it has a next run', () => {
    const { schedule } = loadMainConfig('config');
    const all = [
      schedule.morningBriefing,
      ...schedule.callbackChase,
      schedule.unreachableEscalation,
      schedule.eveningDigest,
      schedule.faqDigest,
      schedule.retention,
    ];
    for (const expr of all) expect(nextRun(expr, new Date('2022-12-20T00:00:00+08:00')).getTime(), expr).toBeGreaterThan(0);
  });

  it.each([
    ['morningBriefing', '"61 8 * * *"', 'got value 61 expected range 0-59'],
    ['eveningDigest', '"0 25 * * *"', 'got value 25 expected range 0-23'],
    ['faqDigest', '"0 18 * 13 *"', 'got value 13 expected range 1-12'],
    ['unreachableEscalation', '"0 8 31 2 *"', 'Invalid explicit day of month'],
    ['retention', '"*/0 3 * * *"', 'cannot repeat at every 0 time'],
    ['morningBriefing', '"30 8 * *"', 'it needs 5 fields'],
    ['morningBriefing', '"every morning"', 'it needs 5 fields'],
    ['morningBriefing', '"H 8 * * *"', 'the live scheduler (node-cron) does not accept it'],
  ])('schedule.%s: %s is an error at load that names the file, the key and why', (key, value, why) => {
    const dir = configWithSchedule(key, value);
    const message = loadError(dir).message;
    expect(message).toContain(`${join(dir, 'linli.yaml')}: schedule.${key}: ${value} is not a valid cron expression: `);
    expect(message).toContain(why);
  });

  it('names the entry of a list by its index', () => {
    const dir = configWithSchedule('callbackChase', '["0 14 * * *", "30 17 * * 9"]');
    expect(loadError(dir).message).toMatch(
      /linli\.yaml: schedule\.callbackChase\.1: "30 17 \* \* 9" is not a valid cron expression: .*range 0-7/,
    );
  });

  it('accepts the forms staff may write: lists, ranges, steps, names', () => {
    for (const expr of ['0 8 * * MON-FRI', '0,30 8-18 * * *', '*/15 9-17 * * 1-5', '0 8 1 JAN *', '0 8 * * 7']) {
      expect(cronProblem(expr), expr).toBeNull();
    }
    const dir = configWithSchedule('morningBriefing', '"0 8 * * MON-FRI"');
    expect(loadMainConfig(dir).schedule.morningBriefing).toBe('0 8 * * MON-FRI');
  });
});
