// Reading a replay transcript: an optional setup line, then message and clock events.
// Every bad line becomes an error for that line; the replay carries on.
import { z } from 'zod';
import type { PersonInfo, RoomInfo } from '../../bot/directory.ts';
import { personSchema, roomSchema } from '../../config/schema.ts';

/** A transcript line as the CLI reads it (src/cli/input.ts classifies them); declared here so that the
 *  adapter does not depend on the command line that uses it. */
export type TranscriptLine =
  | { line: number; kind: 'text'; text: string }
  | { line: number; kind: 'json'; value: Record<string, unknown> }
  | { line: number; kind: 'error'; error: string };

export interface ReplaySetup {
  now: Date | null;
  rooms?: RoomInfo[];
  /** A person's `id` is their contact id (two contacts may share a name); staff are enrolled bound to it. */
  people?: (PersonInfo & { id?: string | undefined })[];
  roster?: unknown[];
}

export type ReplayEvent =
  | { line: number; kind: 'setup'; setup: ReplaySetup }
  | { line: number; kind: 'clock'; at: Date }
  | {
      line: number;
      kind: 'message';
      at: Date;
      from: string;
      text: string;
      room: string | null;
      mentionsBot: boolean;
      quote: string | null;
      /** Which of several contacts of that name speaks (setup `people[].id`, or a new contact). */
      fromId: string | null;
    }
  /** Every contact comes back under a new id, keeping its name and remark (a new login). */
  | { line: number; kind: 'relogin'; at: Date }
  /** A member renames a group. */
  | { line: number; kind: 'rename'; at: Date; room: string; topic: string; by: string }
  | { line: number; kind: 'error'; error: string };

const isoTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 time')
  .transform((s) => new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s}+08:00`));

// The same shapes as config/linli.yaml's rooms and people (a room's kind defaults to other).
const setupSchema = z.object({
  now: isoTime.optional(),
  rooms: z.array(roomSchema.extend({ kind: roomSchema.shape.kind.default('other') })).optional(),
  people: z.array(personSchema.extend({ id: z.string().min(1).optional() })).optional(),
  roster: z.array(z.unknown()).optional(),
});

const messageSchema = z
  .object({
    at: isoTime,
    from: z.string().min(1),
    text: z.string(),
    room: z.string().min(1).optional(),
    dm: z.boolean().optional(),
    mentionsBot: z.boolean().optional(),
    quote: z.string().optional(),
    fromId: z.string().min(1).optional(),
  })
  .refine((m) => (m.room !== undefined) !== (m.dm === true), 'a message needs either "room" or "dm": true');

function zodMessage(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`).join('; ');
}

export function toEvent(item: TranscriptLine, isFirst: boolean): ReplayEvent {
  if (item.kind === 'error') return { line: item.line, kind: 'error', error: item.error };
  if (item.kind === 'text') return { line: item.line, kind: 'error', error: 'expected a JSON object' };
  const v = item.value;
  if ('setup' in v) {
    if (!isFirst) return { line: item.line, kind: 'error', error: 'setup must be the first line' };
    const parsed = setupSchema.safeParse(v.setup);
    if (!parsed.success) return { line: item.line, kind: 'error', error: `bad setup: ${zodMessage(parsed.error)}` };
    return { line: item.line, kind: 'setup', setup: { ...parsed.data, now: parsed.data.now ?? null } };
  }
  if (v.relogin === true || 'rename' in v) return worldEvent(item.line, v);
  if (!('from' in v) && !('text' in v) && !('room' in v) && !('dm' in v)) {
    const at = isoTime.safeParse(v.at);
    if (!at.success) return { line: item.line, kind: 'error', error: `at: ${zodMessage(at.error)}` };
    return { line: item.line, kind: 'clock', at: at.data };
  }
  const parsed = messageSchema.safeParse(v);
  if (!parsed.success) return { line: item.line, kind: 'error', error: zodMessage(parsed.error) };
  const m = parsed.data;
  return {
    line: item.line,
    kind: 'message',
    at: m.at,
    from: m.from,
    text: m.text,
    room: m.room ?? null,
    mentionsBot: m.mentionsBot ?? false,
    quote: m.quote ?? null,
    fromId: m.fromId ?? null,
  };
}

const renameSchema = z.object({ room: z.string().min(1), topic: z.string().min(1), by: z.string().min(1) });

/** `{"at": …, "relogin": true}` or `{"at": …, "rename": {"room": old, "topic": new, "by": name}}`. */
function worldEvent(line: number, v: Record<string, unknown>): ReplayEvent {
  const at = isoTime.safeParse(v.at);
  if (!at.success) return { line, kind: 'error', error: `at: ${zodMessage(at.error)}` };
  if (v.relogin === true) return { line, kind: 'relogin', at: at.data };
  const r = renameSchema.safeParse(v.rename);
  if (!r.success) return { line, kind: 'error', error: `rename: ${zodMessage(r.error)}` };
  return { line, kind: 'rename', at: at.data, ...r.data };
}
