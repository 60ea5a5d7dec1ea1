// Accuracy of sign-up and visit-report understanding on our own written sets
// (test/fixtures/signup-understanding.jsonl, visit-report-understanding.jsonl).
import { readFileSync } from 'node:fs';
import { interpretSignup, jielongName } from '../src/domain/signups/index.ts';
import { interpretVisitMessage, type CampaignPerson } from '../src/domain/campaigns/index.ts';

export interface SignupCase {
  text: string;
  intent: string;
  self?: boolean;
  others?: string[];
  who?: string | null;
  names?: string[];
}

export interface VisitCase {
  text: string;
  person: string;
  outcome: string;
  needs: number;
}

export const readJsonl = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

/** The people the visit set speaks of (made up for the set). */
export const VISIT_SCOPE: CampaignPerson[] = [
  ['王建国', '3', '201'],
  ['李秀兰', '5', '402'],
  ['赵德明', '7', '101'],
  ['周桂芝', '8', '502'],
].map(([name, building, room]) => ({ id: name, name, building, unit: null, room, phone: '', visitor: '刘敏', note: '' }));

/** What the reader got for one sign-up case, and whether every field is right. */
export function judgeSignup(c: SignupCase): { intentOk: boolean; allOk: boolean; got: unknown } {
  const got = interpretSignup(c.text);
  const intentOk = got.kind === c.intent;
  let allOk = intentOk;
  if (got.kind === 'signup') allOk &&= got.self === c.self && JSON.stringify(got.others) === JSON.stringify(c.others);
  if (got.kind === 'cancel') allOk &&= got.who === (c.who ?? null);
  if (got.kind === 'jielong') allOk &&= JSON.stringify(got.lines.map(jielongName)) === JSON.stringify(c.names);
  return { intentOk, allOk, got };
}

export function judgeVisit(c: VisitCase): { personOk: boolean; outcomeOk: boolean; needsOk: boolean; got: unknown } {
  const got = interpretVisitMessage(c.text, { scope: VISIT_SCOPE, cues: ['春联', '春节'] });
  const person = got.kind === 'report' ? got.person.name : null;
  const outcome = got.kind === 'report' ? got.reading.outcome : null;
  const needs = got.kind === 'report' ? got.reading.needs.length : -1;
  return { personOk: person === c.person, outcomeOk: outcome === c.outcome, needsOk: needs > 0 === c.needs > 0, got };
}

const pct = (n: number, d: number) => `${n}/${d} (${((100 * n) / Math.max(1, d)).toFixed(1)}%)`;

export function evalCampaignsText(signupFile: string, visitFile: string | null, label = 'development set'): string {
  const s = readJsonl<SignupCase>(signupFile).map((c) => ({ c, r: judgeSignup(c) }));
  const v = visitFile ? readJsonl<VisitCase>(visitFile).map((c) => ({ c, r: judgeVisit(c) })) : [];
  const byIntent = [...new Set(s.map((x) => x.c.intent))].map((intent) => {
    const mine = s.filter((x) => x.c.intent === intent);
    return `  ${intent.padEnd(8)} ${pct(mine.filter((x) => x.r.allOk).length, mine.length)}`;
  });
  const misses = [
    ...s.filter((x) => !x.r.allOk).map((x) => `  signup miss: ${JSON.stringify(x.c.text)} -> ${JSON.stringify(x.r.got)}`),
    ...v
      .filter((x) => !(x.r.personOk && x.r.outcomeOk && x.r.needsOk))
      .map((x) => `  visit miss: ${JSON.stringify(x.c.text)} -> ${JSON.stringify(x.r.got)}`),
  ];
  return [
    `== sign-up understanding, ${label} (${signupFile}, own wordings) ==`,
    `intent accuracy ${pct(s.filter((x) => x.r.intentOk).length, s.length)}; every field right ${pct(s.filter((x) => x.r.allOk).length, s.length)}`,
    ...byIntent,
    ...(visitFile
      ? [
          `== visit-report understanding, ${label} (${visitFile}, own wordings) ==`,
          `person ${pct(v.filter((x) => x.r.personOk).length, v.length)}; outcome ${pct(v.filter((x) => x.r.outcomeOk).length, v.length)}; need found or not ${pct(v.filter((x) => x.r.needsOk).length, v.length)}`,
        ]
      : []),
    ...misses,
  ].join('\n');
}
