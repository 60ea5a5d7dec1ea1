// A real bot process killed (SIGKILL) while its WeChat is sending: the message it was sending
// stays in the shared outbox, and the same account's next process delivers it, once.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutgoingMessage } from '../../src/bot/messages.ts';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import { startNode } from './node.ts';
import { B3, GRID2, SCENE, WORKER } from './scene.ts';

let server: PostgresServer;
const children: ChildProcess[] = [];
beforeAll(() => {
  server = startPostgres();
});
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  server?.stop();
});

const at = (hhmm: string): Date => new Date(`2022-12-18T${hhmm}:00+08:00`);

/** Starts test/postgres/bot-process.ts; collects the JSON lines it prints. */
function botProcess(url: string, name: string, chats: string[], start: Date, hold: boolean) {
  const child = spawn(
    process.execPath,
    ['bin/run-script.mjs', 'test/postgres/bot-process.ts', url, name, JSON.stringify(chats), start.toISOString(), hold ? 'hold' : ''],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(JSON.parse(l) as Record<string, unknown>));
  return { child, lines };
}

describe('a bot process killed mid-send', () => {
  it('its pending message goes out once when the account’s process restarts', async () => {
    const url = await server.createDatabase();
    const A = await startNode(url, 'A', [`room:${B3}`], at('18:00'), SCENE);
    const B = botProcess(url, 'B', [`room:${GRID2}`, `to:${WORKER}`], at('21:00'), true);
    await vi.waitFor(() => expect(B.lines.some((l) => l.ready)).toBe(true), { timeout: 30_000, interval: 100 });

    await A.say('林晓雯', '发烧三十九度了,谁家有退烧药?急', B3, at('21:36'));
    await A.clock.advanceTo(at('21:50'));
    // B heard of the relay (NOTIFY), and its WeChat is sending it when the process dies.
    await vi.waitFor(() => expect(B.lines.some((l) => l.trying)).toBe(true), { timeout: 30_000, interval: 100 });
    const trying = B.lines.find((l) => l.trying)!.trying as OutgoingMessage;
    expect(trying).toMatchObject({ kind: 'room', room: GRID2 });
    B.child.kill('SIGKILL');
    await new Promise((r) => B.child.once('exit', r));

    await A.refresh();
    expect(A.app.bot.state.outbox.map((p) => p.out)).toEqual([trying]);

    const B2 = botProcess(url, 'B', [`room:${GRID2}`, `to:${WORKER}`], at('21:50'), false);
    await vi.waitFor(
      async () => {
        await A.refresh();
        expect(A.app.bot.state.outbox).toEqual([]);
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(B2.lines.filter((l) => l.sent).map((l) => l.sent)).toEqual([trying]);
    B2.child.kill('SIGTERM');
    await A.stop();
  }, 90_000);
});
