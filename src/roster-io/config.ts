// Roster entries written in YAML config or a replay setup, checked like file rows.
import { z } from 'zod';
import type { RosterEntry } from '../domain/callbacks/types.ts';
import { findDuplicates, validateRosterRow, type RosterField } from './validate.ts';

const scalar = z.union([z.string(), z.number()]);
const entrySchema = z.object({
  name: z.string(),
  building: scalar,
  unit: scalar.nullable().optional(),
  room: scalar,
  phone: scalar,
  worker: z.string(),
  frequency: z.union([z.string(), z.object({ weekdays: z.array(z.number().int()) })]),
  note: z.string().nullable().optional(),
});

export interface ConfigRosterError {
  index: number;
  key: string;
  reason: string;
}

export type RosterConfigResult = { ok: true; entries: RosterEntry[] } | { ok: false; errors: ConfigRosterError[] };

const ZOD_REASON: Record<string, string> = { invalid_type: '缺少或类型不对', invalid_union: '类型不对' };

/** Each item like {name, building, unit?, room, phone, worker, frequency, note}; every problem reported. */
export function rosterFromConfig(raw: readonly unknown[]): RosterConfigResult {
  const errors: ConfigRosterError[] = [];
  const entries: (RosterEntry | null)[] = raw.map((item, index) => {
    const shape = entrySchema.safeParse(item);
    if (!shape.success) {
      for (const issue of shape.error.issues) {
        errors.push({ index, key: issue.path.map(String).join('.') || '(entry)', reason: ZOD_REASON[issue.code] ?? issue.message });
      }
      return null;
    }
    const { entry, problems } = validateRosterRow(shape.data);
    for (const p of problems) errors.push({ index, key: p.key satisfies RosterField, reason: p.reason });
    return entry;
  });
  for (const [i, first] of findDuplicates(entries))
    errors.push({ index: i, key: 'name', reason: `与 roster[${first}] 重复(同一姓名、同一房间)` });
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.index - b.index) };
  return { ok: true, entries: entries as RosterEntry[] };
}

/** roster[2].phone: 电话号码不对 — one line per problem. */
export function describeRosterConfigErrors(errors: readonly ConfigRosterError[], prefix = 'roster'): string {
  return errors.map((e) => `${prefix}[${e.index}].${e.key}: ${e.reason}`).join('\n');
}
