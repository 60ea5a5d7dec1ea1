// `linli start` with `store: postgres`: the store, the archive and this process's membership
// of the district, wired for the bot (shared dedupe, who sends what, shared pacing).
import type { Logger } from '../../log.ts';
import { PostgresArchive } from './archive.ts';
import { ClusterMember } from './cluster.ts';
import { sharedDedupeKey } from './dedupe.ts';
import { PostgresStore } from './postgres-store.ts';

export interface District {
  store: PostgresStore;
  archive: PostgresArchive;
  member: ClusterMember;
  /** For createApp's `shared`: shared dedupe, who sends to which chat, shared pacing. */
  shared: Pick<ClusterMember, 'mayDeliver' | 'lastSentTo' | 'sentTo'> & { dedupeKey: typeof sharedDedupeKey };
  /** A chat the account turned out to sit in (a message came from it). */
  learnChat(chat: string): void;
}

export async function openDistrict(opts: { url: string; account: string; log: Logger; onChange: () => void }): Promise<District> {
  const store = new PostgresStore({ url: opts.url, process: opts.account });
  const applied = await store.migrate();
  if (applied.length) opts.log.info({ applied }, 'database schema brought up to date');
  const member = new ClusterMember(store.pool, opts.account, {
    chats: [],
    onLeases: () => opts.onChange(),
    onError: (err) => opts.log.error({ err }, 'district heartbeat failed'),
  });
  await member.join();
  // Others' commits wake the bot at once; with no commit announced, a minute's job costs no round trip.
  await store.listen(opts.onChange);
  const known = new Set<string>();
  return {
    store,
    archive: new PostgresArchive(store.pool),
    member,
    shared: {
      dedupeKey: sharedDedupeKey,
      // A reply pinned to one contact (`to:name#id`, see chatOf) goes from the account that knows that person.
      mayDeliver: (chat) => member.mayDeliver(deliveryChat(chat)),
      lastSentTo: member.lastSentTo,
      sentTo: member.sentTo,
    },
    learnChat(chat) {
      if (known.has(chat)) return;
      known.add(chat);
      void member.setChats([...known]).catch((err) => opts.log.error({ err }, 'could not register a chat'));
    },
  };
}

/** The chat an account registers for a message's chat key: a private chat by name, without the pinned contact id. */
export function deliveryChat(chat: string): string {
  return chat.startsWith('to:') ? chat.replace(/#[^#]*$/, '') : chat;
}

/** The process name in the district: LINLI_ACCOUNT, else the host (one account per machine). */
export function accountName(env: NodeJS.ProcessEnv, host: string): string {
  return env.LINLI_ACCOUNT?.trim() || host;
}
