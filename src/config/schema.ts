// The shape of config/linli.yaml: rooms, people, schedules, thresholds and delays.
import { z } from 'zod';
import { cronProblem } from './cron.ts';

const cronExpr = z.string().superRefine((expr, ctx) => {
  const problem = cronProblem(expr);
  if (problem) ctx.addIssue({ code: 'custom', message: `"${expr}" is not a valid cron expression: ${problem}` });
});
const digits = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const optionalDigits = digits
  .nullable()
  .optional()
  .transform((v) => (v == null || v === '' ? null : v));

export const roomSchema = z.object({
  topic: z.string().min(1),
  kind: z.enum(['building', 'grid', 'union', 'other']),
  building: optionalDigits,
  grid: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export const personSchema = z.object({
  name: z.string().min(1),
  role: z.enum(['resident', 'grid_worker', 'admin', 'union_staff']).default('resident'),
  grid: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  building: optionalDigits,
  unit: optionalDigits,
  room: optionalDigits,
});

const pickupPointSchema = z.object({
  name: z.string().min(1),
  grid: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  /** Item name -> quantity in stock (布洛芬: 20). */
  stock: z.record(z.string(), z.number().int().min(0)).default({}),
});

const HEARTBEAT_DEFAULTS = { everyMinutes: 5, stalledAfterMinutes: 15 };
const heartbeatSchema = z
  .object({
    everyMinutes: z.number().min(0).default(HEARTBEAT_DEFAULTS.everyMinutes),
    stalledAfterMinutes: z.number().positive().default(HEARTBEAT_DEFAULTS.stalledAfterMinutes),
  })
  .refine((h) => h.everyMinutes === 0 || h.stalledAfterMinutes > h.everyMinutes, {
    message: 'stalledAfterMinutes must be longer than everyMinutes (a ping needs time to come back)',
    path: ['stalledAfterMinutes'],
  });

export const configSchema = z.object({
  /** Where the state lives: lowdb (one community, data/linli.json) or postgres (LINLI_DATABASE_URL, several processes). */
  store: z.enum(['lowdb', 'postgres']).default('lowdb'),
  bot: z
    .object({
      name: z.string().default('邻里小助手'),
      /** Group messages starting with one of these are questions for the FAQ even without an @. */
      askPrefixes: z.array(z.string()).default(['问:', '问：']),
      /** How fast the live bot sends: WeChat bans accounts that send too fast. */
      pacing: z
        .object({
          perChatSeconds: z.number().min(0).default(2),
          perMinute: z.number().int().min(1).default(20),
          mergeChars: z.number().int().min(0).default(1500),
        })
        .default({ perChatSeconds: 2, perMinute: 20, mergeChars: 1500 }),
      /**
       * Liveness of the live bot: after everyMinutes without a message it pings itself; with no
       * message and no echo for stalledAfterMinutes it restarts the WeChat connection, and exits
       * (code 1) when that fails or the silence goes on. everyMinutes 0 turns this off.
       */
      heartbeat: heartbeatSchema.default(HEARTBEAT_DEFAULTS),
      /** Logged out this long without a new scan: the live bot exits (code 1) so its supervisor restarts it; 0 = wait for ever. */
      loggedOutExitMinutes: z.number().min(0).default(30),
    })
    .default({
      name: '邻里小助手',
      askPrefixes: ['问:', '问：'],
      pacing: { perChatSeconds: 2, perMinute: 20, mergeChars: 1500 },
      heartbeat: HEARTBEAT_DEFAULTS,
      loggedOutExitMinutes: 30,
    }),
  rooms: z.array(roomSchema).default([]),
  people: z.array(personSchema).default([]),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2023-01-22')).default([]),
  schedule: z.object({
    morningBriefing: cronExpr,
    callbackChase: z.array(cronExpr),
    unreachableEscalation: cronExpr,
    eveningDigest: cronExpr,
    faqDigest: cronExpr,
    retention: cronExpr.default('0 3 * * *'),
    /** Visit campaigns: start notice, weekly and last-three-days reminders to visitors. */
    campaignReminders: cronExpr.default('0 9 * * *'),
    /** Visit campaigns: counts to grid groups on reminder days, the final report to admins after the deadline. */
    campaignReport: cronExpr.default('0 20 * * *'),
    /** Union activities: the day-before reminder to each participant. */
    activityDayBefore: cronExpr.default('0 18 * * *'),
    /** Union activities: how often to look for one starting within the hour. */
    activityHourCheck: cronExpr.default('*/5 * * * *'),
  }),
  /**
   * Records now move to data/archive/ as soon as nothing live reads them
   * (src/bot/features/retention.ts); the day counts of older configs are accepted and not used.
   */
  retention: z
    .object({ callsDays: z.number().int().positive().optional(), requestsDays: z.number().int().positive().optional() })
    .default({}),
  aid: z.object({
    /** A bare "我家有" attaches to an open request of the last N minutes. */
    replyWindowMinutes: z.number().positive(),
    /** The same person asking again for the same thing within N minutes refreshes it. */
    refreshWindowMinutes: z.number().positive(),
    expiryHours: z.number().positive(),
    escalation: z.object({
      urgentToGridGroupMinutes: z.number().positive(),
      urgentToWorkerMinutes: z.number().positive(),
      normalToGridGroupMinutes: z.number().positive(),
    }),
  }),
  faq: z.object({
    answerAt: z.number().min(0).max(1),
    suggestAt: z.number().min(0).max(1),
    /** In union groups a question without an @ is answered at or above this confidence; 1 = never. */
    unmentionedAnswerAt: z.number().min(0).max(1).default(0.85),
    /** Local facts staff fill in (centre address, opening hours ...); answers use them in slots. Empty = unknown. */
    localFacts: z
      .record(
        z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a local-fact key is letters and digits, like centerHours'),
        z.string().nullable(),
      )
      .default({})
      .transform((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, (v ?? '').trim()]))),
  }),
  pickupPoints: z.array(pickupPointSchema).default([]),
  /** Callback roster entries; usually imported with `linli roster import`. */
  roster: z.array(z.unknown()).default([]),
  /** The staff web page (`linli start`, `linli console`). */
  web: z
    .object({
      enabled: z.boolean().default(true),
      /** Loopback by default: put a reverse proxy with HTTPS in front to reach it from elsewhere. */
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      /** Mark the session cookie Secure (the page is served over HTTPS through a proxy). */
      secureCookie: z.boolean().default(false),
    })
    .default({ enabled: true, host: '127.0.0.1', port: 8080, secureCookie: false }),
});

export type LinliConfigFile = z.infer<typeof configSchema>;
export type RoomConfig = z.infer<typeof roomSchema>;
export type PersonConfig = z.infer<typeof personSchema>;
export type PickupPoint = z.infer<typeof pickupPointSchema>;
