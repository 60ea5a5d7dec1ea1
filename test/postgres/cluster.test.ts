// A district on one database: three bot processes (accounts A, B, C), each with its own store
// connection, fake WeChat and clock. A sits in building group 3, B in the grid group (and is
// the grid worker's contact), C in building groups 3 and 5: building 3 is seen by two accounts.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutgoingMessage } from '../../src/bot/messages.ts';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import { startNode, type Node } from './node.ts';
import { B3, B5, GRID2, SCENE as scene, WORKER } from './scene.ts';

const CHATS = {
  A: [`room:${B3}`],
  B: [`room:${GRID2}`, `to:${WORKER}`],
  C: [`room:${B3}`, `room:${B5}`],
};
const at = (hhmm: string): Date => new Date(`2022-12-18T${hhmm}:00+08:00`);

let server: PostgresServer;
let nodes: Node[] = [];
beforeAll(() => {
  server = startPostgres();
});
afterEach(async () => {
  for (const n of nodes) await n.stop().catch(() => undefined);
  nodes = [];
});
afterAll(() => server?.stop());

async function district(opts: { listen?: boolean } = {}): Promise<{ url: string; A: Node; B: Node; C: Node }> {
  const url = await server.createDatabase();
  const start = at('18:00');
  const A = await startNode(url, 'A', CHATS.A, start, scene, opts);
  const B = await startNode(url, 'B', CHATS.B, start, scene, opts);
  const C = await startNode(url, 'C', CHATS.C, start, scene, opts);
  nodes.push(A, B, C);
  return { url, A, B, C };
}

const all = (...ns: Node[]): OutgoingMessage[] => ns.flatMap((n) => n.transport.sent);
const toRoom = (outs: OutgoingMessage[], room: string) => outs.filter((o) => o.kind === 'room' && o.room === room);
/** Moves every process's clock (their schedulers fire) and lets each pick up the others' changes. */
async function advanceAll(ns: Node[], to: Date): Promise<void> {
  for (const n of ns) await n.clock.advanceTo(to);
  for (const n of ns) await n.refresh();
}

describe('several bot processes on one PostgreSQL', () => {
  it('relays a request from account A’s building group to account B’s grid group, and matches an offer there back', async () => {
    const { A, B, C } = await district();
    await A.say('林晓雯', '怀孕五个月了,烧到三十八度六,哪位邻居家里有对乙酰氨基酚?急用', B3, at('21:36'));
    await advanceAll([A, B, C], at('21:50'));
    const relay = toRoom(all(A, B, C), GRID2);
    expect(relay).toHaveLength(1);
    // Sent by the account that sits in the grid group, not by the one that decided it.
    expect(toRoom(B.transport.sent, GRID2)).toHaveLength(1);
    expect(relay[0]!.text).toMatch(/3号楼/);
    expect(relay[0]!.text).not.toMatch(/林晓雯/);

    await B.say('钱大姐', '我这儿有对乙酰氨基酚,还没拆封', GRID2, at('21:52'));
    await advanceAll([A, B, C], at('21:53'));
    // B's process matched the offer against the request A's process recorded.
    expect(B.app.bot.state.aid.requests[0]!.status).toBe('matched');
    expect(A.app.bot.state.aid.requests[0]!.status).toBe('matched');
    const mentioning = all(A, B, C).filter((o) => o.kind === 'room' && o.mentions.includes('钱大姐'));
    expect(mentioning.length).toBeGreaterThan(0);
    // Each message was delivered by exactly one account, and only into chats that account sits in.
    for (const n of [A, B, C]) {
      for (const o of n.transport.sent)
        expect(CHATS[n.name as 'A' | 'B' | 'C']).toContain(o.kind === 'room' ? `room:${o.room}` : `to:${o.to}`);
    }
  });

  it('handles a message seen by two accounts in one group once', async () => {
    const { A, B, C } = await district();
    const when = at('19:40');
    await A.say('赵敏', '家里多了一盒抗原,需要的邻居说一声,放门卫室', B3, at('19:20'), 'wx-a-1');
    await C.say('赵敏', '家里多了一盒抗原,需要的邻居说一声,放门卫室', B3, at('19:20'), 'wx-c-7');
    await A.say('马建军', '有抗原吗?想给孩子测一下', B3, when, 'wx-a-2');
    await C.say('马建军', '有抗原吗?想给孩子测一下', B3, when, 'wx-c-8');
    await advanceAll([A, B, C], at('19:41'));
    expect(A.app.bot.state.aid.offers).toHaveLength(1);
    expect(A.app.bot.state.aid.requests).toHaveLength(1);
    const match = toRoom(all(A, B, C), B3).filter((o) => o.kind === 'room' && o.mentions.includes('马建军'));
    expect(match).toHaveLength(1);
  });

  it('runs a scheduled job once across all processes', async () => {
    const { A, B, C } = await district();
    await A.say('马建军', '谁家有多余的N95口罩?', B3, at('20:30'));
    // Every process's scheduler fires the escalation check; the relay goes out once.
    await advanceAll([C, B, A], at('21:30'));
    await advanceAll([A, B, C], at('22:30'));
    expect(toRoom(all(A, B, C), GRID2)).toHaveLength(1);
    const changes = await A.store.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM linli_changes WHERE jsonb_path_exists(patches, '$[*] ? (@.path[last] == "escalatedToGridAt")')`,
    );
    expect(changes.rows[0]!.n).toBe(1);
  });

  it('a killed process’s pending messages go out when it restarts, once', async () => {
    const { url, A, B, C } = await district();
    await B.kill();
    nodes = nodes.filter((n) => n !== B);
    await A.say('林晓雯', '发烧三十九度,谁家有退烧药?急', B3, at('21:36'));
    await advanceAll([A, C], at('22:10'));
    // Decided (relay to the grid group, alert to the worker) but nobody else may send for B's chats.
    expect(all(A, C).filter((o) => (o.kind === 'room' && o.room === GRID2) || (o.kind === 'private' && o.to === WORKER))).toEqual([]);
    const pending = A.app.bot.state.outbox.map((p) => p.out);
    expect(pending.filter((o) => o.kind === 'room' && o.room === GRID2)).toHaveLength(1);
    expect(pending.filter((o) => o.kind === 'private' && o.to === WORKER && /20分钟/.test(o.text))).toHaveLength(1);

    const B2 = await startNode(url, 'B', CHATS.B, at('22:10'), scene);
    nodes.push(B2);
    // Everything decided for B's chats while it was down, each exactly once.
    expect(B2.transport.sent).toEqual(pending);
    await advanceAll([A, B2, C], at('23:30'));
    expect(toRoom(all(A, B2, C), GRID2)).toHaveLength(1);
    expect(A.app.bot.state.outbox).toEqual([]);
  });

  it('hands a dead process’s chats to another account in them once its lease runs out', async () => {
    const url = await server.createDatabase();
    const A = await startNode(url, 'A', CHATS.A, at('18:00'), scene);
    const C = await startNode(url, 'C', CHATS.C, at('18:00'), scene);
    nodes.push(A, C);
    expect(A.member.heldChats.has(`room:${B3}`)).toBe(true);
    expect(C.member.heldChats.has(`room:${B3}`)).toBe(false);
    // A answers in building 3 before it dies: the chat's last send is kept with its lease.
    await A.say('周阿姨', '我家有多的口罩,谁要来拿', B3, at('18:20'));
    await A.say('吴先生', '求几个口罩,明天要出门', B3, at('18:30'));
    const sentByA = toRoom(A.transport.sent, B3);
    expect(sentByA.length).toBeGreaterThan(0);
    await vi.waitFor(async () => {
      const row = await A.store.pool.query<{ last: Date | null }>('SELECT last_sent_at AS last FROM linli_chat_senders WHERE chat = $1', [
        `room:${B3}`,
      ]);
      expect(row.rows[0]?.last?.getTime()).toBe(at('18:30').getTime());
    });
    await A.kill();
    nodes = nodes.filter((n) => n !== A);
    await C.say('马建军', '谁有体温计借用一下', B3, at('19:00'));
    await C.say('赵敏', '我家有体温计,可以借你', B3, at('19:05'));
    expect(toRoom(C.transport.sent, B3)).toEqual([]);
    // The lease runs out (made to look a minute old here rather than waiting for it).
    await C.store.pool.query("UPDATE linli_chat_senders SET lease_until = now() - interval '1 second' WHERE process = 'A'");
    await C.member.heartbeat();
    expect(C.member.heldChats.has(`room:${B3}`)).toBe(true);
    // The per-chat pacing goes on from A's last send, not from nothing.
    expect(C.member.lastSentTo(`room:${B3}`)).toBe(at('18:30').getTime());
    await C.refresh();
    expect(toRoom(C.transport.sent, B3).filter((o) => o.kind === 'room' && o.mentions.includes('赵敏'))).toHaveLength(1);
  });

  it('tells the other processes of a change at once (no message of their own needed)', async () => {
    const { A, B } = await district({ listen: true });
    await A.say('林晓雯', '发烧三十九度,谁家有退烧药?急', B3, at('21:36'));
    await A.clock.advanceTo(at('21:50'));
    await vi.waitFor(() => expect(toRoom(B.transport.sent, GRID2)).toHaveLength(1), { timeout: 10_000 });
  });

  it('a process whose database is gone handles nothing and does not crash', async () => {
    const url = await server.createDatabase();
    const A = await startNode(url, 'A', CHATS.A, at('18:00'), scene);
    await A.store.pool.end();
    // At the same minute: no scheduled job runs on the way (the scheduler reports a job's failure itself).
    await expect(A.say('马建军', '谁有体温计借用一下', B3, at('18:00'))).resolves.toBeUndefined();
    expect(A.transport.sent).toEqual([]);
    A.app.close();
    await A.member.leave(false).catch(() => undefined);
  });
});
