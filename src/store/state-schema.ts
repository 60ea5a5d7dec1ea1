// The shape of a saved state, checked when a state file is read: a file of the wrong shape or
// with wrong field types stops the start with the file and the field named, instead of being
// replaced or failing every message later. Records may carry fields this version does not know
// (newer writers), and fields added over time are optional.
import { z } from 'zod';
import { CATEGORIES, FOR_WHOM } from '../domain/types.ts';

const item = z.looseObject({ name: z.string(), category: z.enum(CATEGORIES) });
const location = z.looseObject({
  building: z.string().nullable(),
  unit: z.string().nullable(),
  floor: z.string().nullable(),
  room: z.string().nullable(),
});
const iso = z.string();

const offerLink = z.looseObject({
  helper: z.string(),
  room: z.string().optional(),
  at: iso,
  text: z.string(),
  items: z.array(item),
  pickup: z.string().nullable(),
  delivered: z.boolean(),
});

const request = z.looseObject({
  id: z.string(),
  room: z.string(),
  grid: z.string().nullable(),
  requester: z.string(),
  onBehalfOf: z.string().nullable(),
  anonymous: z.boolean(),
  text: z.string(),
  messageIds: z.array(z.string()),
  items: z.array(item),
  forWhom: z.enum(FOR_WHOM),
  location,
  postedLocation: location,
  urgent: z.boolean(),
  relaxed: z.boolean(),
  temperature: z.number().nullable(),
  pickup: z.string().nullable(),
  byStaff: z.boolean(),
  createdAt: iso,
  updatedAt: iso,
  askedAt: iso.optional(),
  status: z.enum(['open', 'matched', 'fulfilled', 'cancelled', 'expired']),
  offers: z.array(offerLink),
  helper: z.string().nullable(),
  delivered: z.boolean(),
  escalatedToGridAt: iso.nullable(),
  escalatedToWorkerAt: iso.nullable(),
  expiryNotified: z.boolean(),
  closedAt: iso.nullable(),
});

const standingOffer = z.looseObject({
  id: z.string(),
  room: z.string(),
  grid: z.string().nullable(),
  helper: z.string(),
  items: z.array(item),
  pickup: z.string().nullable(),
  text: z.string(),
  createdAt: iso,
  active: z.boolean(),
});

const rosterEntry = z.looseObject({
  id: z.string(),
  name: z.string(),
  building: z.string(),
  unit: z.string().nullable(),
  room: z.string(),
  phone: z.string(),
  worker: z.string(),
  frequency: z.union([z.enum(['daily', 'weekly']), z.looseObject({ weekdays: z.array(z.number().int().min(0).max(6)) })]),
  note: z.string(),
});

const call = z.looseObject({
  id: z.string(),
  rosterId: z.string(),
  worker: z.string(),
  at: iso,
  date: z.string(),
  outcome: z.string(),
  flags: z.array(z.string()),
  needs: z.array(item),
  text: z.string(),
});

const campaign = z.looseObject({
  id: z.string(),
  name: z.string(),
  start: z.string(),
  deadline: z.string(),
  people: z.array(z.looseObject({ id: z.string(), name: z.string(), building: z.string(), room: z.string(), visitor: z.string() })),
  visits: z.array(
    z.looseObject({ personId: z.string(), visitor: z.string(), at: iso, outcome: z.enum(['visited', 'unreachable', 'declined']) }),
  ),
  followups: z.array(z.looseObject({ id: z.string(), personId: z.string(), worker: z.string(), need: z.string(), doneAt: iso.nullable() })),
  startNoticeAt: iso.nullable(),
  remindedDates: z.array(z.string()),
  finalReportAt: iso.nullable(),
});

const activity = z.looseObject({
  id: z.string(),
  title: z.string(),
  time: iso,
  capacity: z.number().int().nullable(),
  deadline: iso.nullable(),
  rooms: z.array(z.string()),
  signups: z.array(
    z.looseObject({
      name: z.string(),
      by: z.string(),
      status: z.enum(['confirmed', 'waiting', 'cancelled']),
      attended: z.boolean().nullable(),
    }),
  ),
  jielongLines: z.array(z.string()),
});

const outgoing = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('room'), room: z.string(), text: z.string(), mentions: z.array(z.string()) }),
  z.looseObject({ kind: z.literal('private'), to: z.string(), text: z.string() }),
]);

export const stateSchema = z.looseObject({
  version: z.literal(1),
  aid: z.looseObject({
    requests: z.array(request),
    offers: z.array(standingOffer),
    stock: z.array(z.looseObject({ name: z.string(), grid: z.string().nullable(), stock: z.record(z.string(), z.number()) })),
    nextId: z.number().int(),
    speakers: z.record(z.string(), z.array(z.string())).optional(),
  }),
  roster: z.array(rosterEntry),
  calls: z.array(call),
  nextCallId: z.number().int(),
  callbackEscalations: z.array(z.string()),
  clarifications: z.array(z.looseObject({ worker: z.string(), text: z.string(), candidateIds: z.array(z.string()), at: iso })),
  handoffs: z.array(z.looseObject({ id: z.string(), question: z.string(), asker: z.string(), room: z.string().nullable(), at: iso })),
  suggestions: z.array(z.looseObject({ asker: z.string(), room: z.string().nullable(), at: iso, answerIds: z.array(z.string()) })),
  seenMessageIds: z.array(z.string()),
  nextHandoffId: z.number().int().optional(),
  callsBegan: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
  campaigns: z.array(campaign).optional(),
  activities: z.looseObject({ list: z.array(activity), nextId: z.number().int() }).optional(),
  outbox: z.array(z.looseObject({ id: z.number().int(), out: outgoing, at: iso, whileOpen: z.string().optional() })).optional(),
  nextMessageId: z.number().int().optional(),
  jobRuns: z.record(z.string(), iso).optional(),
  staffNotes: z
    .array(z.looseObject({ requestId: z.string(), kind: z.enum(['note', 'assign', 'close']), by: z.string(), at: iso, text: z.string() }))
    .optional(),
  staff: z
    .array(
      z.looseObject({
        name: z.string(),
        role: z.enum(['grid_worker', 'admin', 'union_staff']),
        grid: z.string().nullable(),
        contactId: z.string().nullable(),
        remark: z.string().nullable(),
        enrolledAt: iso.nullable(),
        code: z.looseObject({ hash: z.string(), expiresAt: iso }).nullable(),
      }),
    )
    .optional(),
  roomBindings: z
    .array(
      z.looseObject({
        roomId: z.string(),
        topic: z.string(),
        kind: z.enum(['building', 'grid', 'union', 'other']),
        building: z.string().nullable(),
        grid: z.string().nullable(),
      }),
    )
    .optional(),
  codeMisses: z.array(z.looseObject({ contactId: z.string(), at: iso })).optional(),
  stats: z
    .looseObject({
      faq: z.record(
        z.string(),
        z.looseObject({ answered: z.number().int().min(0), suggested: z.number().int().min(0), handedOff: z.number().int().min(0) }),
      ),
    })
    .optional(),
});

/** "aid.requests[3].status: expected one of …" for the first few problems. */
export function describeStateProblems(error: z.ZodError, max = 5): string {
  return error.issues
    .slice(0, max)
    .map(
      (i) =>
        `${i.path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '') || '(top level)'}: ${i.message}`,
    )
    .join('; ');
}
