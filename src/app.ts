// The one place where everything is wired together: config, engines, store, clock, features.
// Transports (Wechaty, console, replay, tests) call createApp and feed it messages.
import { loadMainConfig } from './config/load.ts';
import { loadItemsFile } from './config/load-items.ts';
import { loadKnowledgeBase, watchKnowledgeBase } from './config/load-faq.ts';
import type { LinliConfigFile } from './config/schema.ts';
import type { KnowledgeBase } from './config/faq-schema.ts';
import { createParser } from './domain/parse/index.ts';
import type { ItemLexicon } from './domain/parse/lexicon-types.ts';
import type { ReaderModels } from './domain/parse/readers.ts';
import { createFaqEngine, type FaqEngine } from './domain/faq/index.ts';
// Not roster-io/index.ts: that pulls in exceljs (almost a second), which only the CLI needs.
import { describeRosterConfigErrors, rosterFromConfig } from './roster-io/config.ts';
import { ConfigError } from './config/errors.ts';
import { Bot, type BotOptions } from './bot/bot.ts';
import { Directory, type PersonInfo, type RoomInfo } from './bot/directory.ts';
import type { OutgoingMessage } from './bot/messages.ts';
import type { BotServices } from './bot/services.ts';
import type { StateStore } from './store/types.ts';
import { UNPACED } from './bot/sender.ts';
import { staleNotice } from './bot/features/aid.ts';
import type { Clock, Scheduler } from './schedule/types.ts';
import type { Logger } from './log.ts';
import { helpFeature } from './bot/features/help.ts';
import { aidFeature } from './bot/features/aid.ts';
import { callbacksFeature } from './bot/features/callbacks.ts';
import { briefingsFeature } from './bot/features/briefings.ts';
import { faqFeature } from './bot/features/faq.ts';
import { campaignsFeature } from './bot/features/campaigns.ts';
import { signupsFeature } from './bot/features/signups.ts';
import { retentionFeature } from './bot/features/retention.ts';
import { MemoryArchive, type Archive } from './store/archive.ts';
import { noAudit, type AuditLog } from './store/audit-log.ts';
import { trustFeature } from './bot/features/trust.ts';
import { enrolDirectly } from './identity/enrol.ts';
import type { StaffRole, TrustState } from './identity/types.ts';

/** A replay's setup (or a test) may replace the config's rooms, people and roster. */
export interface SceneOverrides {
  rooms?: RoomInfo[];
  people?: PersonInfo[];
  roster?: unknown[];
}

export interface AppDeps {
  configDir: string;
  store: StateStore;
  /** Old records; in memory unless given (the live bot uses data/archive/). */
  archive?: Archive;
  clock: Clock;
  scheduler: Scheduler;
  send: (out: OutgoingMessage, ids: readonly number[]) => Promise<void>;
  log: Logger;
  overrides?: SceneOverrides;
  /** Pace sends as configured (`bot.pacing`: live, `replay --pace`); otherwise all at once. */
  paced?: boolean;
  /** Send in the background (live); otherwise what was decided is sent before the next message. */
  background?: boolean;
  /** Called when the state cannot be saved again and again: the process should stop. */
  onFatal?: (err: unknown) => void;
  /** Reload the knowledge base when staff edit it (live runs). */
  watchKnowledgeBase?: boolean;
  /**
   * Tests, replay and the console: the config's (or setup's) rooms are bindings and its people with
   * a role are enrolled, bound to `contactIdOf(name)`. Live (false), staff enrol with a code and
   * groups are bound by an admin: a display name or a topic proves nothing.
   */
  trustConfig?: boolean;
  /** The contact id a configured staff member speaks with (default: the name, as the fake transport sends). */
  contactIdOf?: (name: string) => string;
  /** Where admin actions are written (data/audit.jsonl live); none in tests unless given. */
  audit?: AuditLog;
  /** Several processes on one store (PostgreSQL): shared dedupe, who sends what, shared pacing. */
  shared?: Pick<BotOptions, 'dedupeKey' | 'mayDeliver' | 'lastSentTo' | 'sentTo'>;
  /** The parser's readers trained by the build for this lexicon (the CLI's reader-model.ts); else they are trained now. */
  readers?: (lexicon: ItemLexicon) => ReaderModels | undefined;
}

export interface App {
  bot: Bot;
  config: LinliConfigFile;
  configDir: string;
  /** Use an edited knowledge base now (the web page's editor; live runs also watch the file). */
  useKnowledgeBase(edited: KnowledgeBase): void;
  close(): void;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { configDir, log, overrides = {} } = deps;
  const config = loadMainConfig(configDir);
  const trustConfig = deps.trustConfig ?? true;
  const people = overrides.people ?? config.people;
  // The directory reads enrolments and bindings from the bot's committed state (set below).
  let trusted: () => TrustState = () => ({ staff: [], roomBindings: [] });
  const directory = new Directory(overrides.rooms ?? config.rooms, people, () => trusted(), trustConfig);
  const items = loadItemsFile(configDir);
  const parser = createParser(items.lexicon, deps.readers?.(items.lexicon));
  const bands = config.faq;
  // The knowledge base is checked now; its index is built on the first question.
  let kb = loadKnowledgeBase(configDir);
  let faq: FaqEngine | null = null;
  const stopWatching = deps.watchKnowledgeBase
    ? watchKnowledgeBase(
        configDir,
        (edited) => {
          kb = edited;
          faq = null;
          log.info({ entries: kb.entries.length }, 'knowledge base reloaded');
        },
        (err) => log.error({ err: err.message }, 'knowledge base edit rejected; keeping the previous one'),
      )
    : () => {};

  const state = await deps.store.load();
  const rosterSource = overrides.roster ?? (state.roster.length === 0 ? config.roster : null);
  const roster = rosterSource ? rosterFromConfig(rosterSource) : null;
  if (roster && !roster.ok)
    throw new ConfigError(describeRosterConfigErrors(roster.errors, overrides.roster ? 'setup.roster' : 'linli.yaml: roster'));

  const services: BotServices = {
    config,
    directory,
    parser,
    notDosed: items.notDosed,
    faq: () => (faq ??= createFaqEngine(kb, bands)),
    clock: deps.clock,
    log,
    archive: deps.archive ?? new MemoryArchive(),
    audit: deps.audit ?? noAudit,
  };
  const { pacing } = config.bot;
  const bot = new Bot(services, deps.store, state, deps.scheduler, {
    send: deps.send,
    pacing: deps.paced ? { perChatMs: pacing.perChatSeconds * 1000, perMinute: pacing.perMinute, mergeChars: pacing.mergeChars } : UNPACED,
    settleSends: !deps.background,
    isStale: staleNotice,
    onFatal: deps.onFatal,
    ...deps.shared,
  });
  trusted = () => bot.state;
  bot
    .use(trustFeature)
    .use(helpFeature((staff) => bot.helpLines(staff)))
    // Before aid and callbacks: a visitor's campaign report or a sign-up must not read as either.
    .use(campaignsFeature)
    .use(signupsFeature)
    .use(aidFeature)
    .use(callbacksFeature)
    .use(briefingsFeature)
    .use(faqFeature)
    .use(retentionFeature);
  // The config's roster and pickup stock seed an empty state: saved as one unit of work.
  const seedRoster = roster?.ok && (roster.entries.length > 0 || overrides.roster) ? roster.entries : null;
  // Trusted config (tests, replay, console): its staff are enrolled, and pinned again to the contact
  // ids of this run (a replay restarted on its data folder has new mock contacts).
  const idOf = deps.contactIdOf ?? ((name: string) => name);
  const configStaff = trustConfig
    ? people.filter((p) => p.role !== 'resident' && state.staff.find((s) => s.name === p.name)?.contactId !== idOf(p.name))
    : [];
  if (seedRoster || state.aid.stock.length === 0 || configStaff.length > 0) {
    const now = deps.clock.now();
    const saved = await bot.change((s) => {
      for (const p of configStaff) {
        const known = s.staff.find((r) => r.name === p.name);
        if (known) known.contactId = idOf(p.name);
        else enrolDirectly(s, { name: p.name, role: p.role as StaffRole, grid: p.grid }, idOf(p.name), 'setup', now);
      }
      if (seedRoster) s.roster = seedRoster;
      if (s.aid.stock.length === 0) s.aid.stock = config.pickupPoints.map((p) => ({ ...p, stock: { ...p.stock } }));
    });
    if (!saved) throw new Error(`the state could not be saved to ${deps.store.where}`);
  }
  return {
    bot,
    config,
    configDir,
    useKnowledgeBase: (edited) => {
      kb = edited;
      faq = null;
    },
    close: () => {
      stopWatching();
      bot.stop();
      deps.scheduler.stop();
    },
  };
}
