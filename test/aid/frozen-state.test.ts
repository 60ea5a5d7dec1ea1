// The aid domain reads the state and never writes it: every aid operation the bot calls during
// whole transcripts gets a deep-frozen copy of the state (a write throws), and what it returns is
// all the bot commits. A wrapper around each operation freezes its input and notes any error.
import { describe, expect, it, vi } from 'vitest';
import { readdirSync } from 'node:fs';

const seen = vi.hoisted(() => ({ calls: {} as Record<string, number>, errors: [] as string[] }));

/** Replaces each named operation of a module by one that hands it a deep-frozen copy of its state. */
const frozenOps = vi.hoisted(() => async <M extends Record<string, unknown>>(real: M, names: string[]): Promise<M> => {
  const { attachIndex, indexFor } = await import('../../src/domain/aid/index-requests.ts');
  const deepFreeze = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  };
  const wrapped: Record<string, unknown> = { ...real };
  for (const name of names) {
    const op = real[name] as (state: never, ...rest: unknown[]) => unknown;
    wrapped[name] = (state: never, ...rest: unknown[]) => {
      seen.calls[name] = (seen.calls[name] ?? 0) + 1;
      // A plain copy: the bot hands the domain its draft, which cannot be frozen itself.
      const frozen = JSON.parse(JSON.stringify(state)) as object;
      attachIndex(frozen as never, indexFor(state));
      deepFreeze(frozen);
      try {
        return op(frozen as never, ...rest);
      } catch (err) {
        seen.errors.push(`${name}: ${String(err)}`);
        throw err;
      }
    };
  }
  return wrapped as M;
});

vi.mock('../../src/domain/aid/handle-post.ts', async (importOriginal) =>
  frozenOps(await importOriginal(), ['handleAidPost', 'withdraw', 'fulfil']),
);
vi.mock('../../src/domain/aid/escalation.ts', async (importOriginal) => frozenOps(await importOriginal(), ['escalateAndExpire']));
vi.mock('../../src/domain/aid/recall.ts', async (importOriginal) => frozenOps(await importOriginal(), ['recallPost']));
vi.mock('../../src/domain/aid/members.ts', async (importOriginal) => frozenOps(await importOriginal(), ['noteSpeaker']));
vi.mock('../../src/domain/aid/callback-need.ts', async (importOriginal) =>
  frozenOps(await importOriginal(), ['postCallbackNeed', 'deliverCallbackNeed', 'undoCallbackEffects', 'settleNeeds']),
);

const { replayFile } = await import('../support/replay.ts');

describe('the aid domain never writes the state it reads', () => {
  const transcripts = readdirSync('test/fixtures')
    .filter((f) => /^replay-(aid|callbacks)-.*\.jsonl$/.test(f))
    .sort();

  it('the wrapper catches a write to the frozen state, however deep', async () => {
    const { emptyAidState } = await import('../../src/domain/aid/types.ts');
    const ops = await frozenOps(
      {
        push: (s: { requests: unknown[] }) => s.requests.push({}),
        deep: (s: { speakers: Record<string, string[]> }) => s.speakers.群!.push('某人'),
      },
      ['push', 'deep'],
    );
    const state = { ...emptyAidState(), speakers: { 群: ['张三'] } };
    expect(() => ops.push(state)).toThrow(TypeError);
    expect(() => ops.deep(state)).toThrow(TypeError);
    expect(seen.errors).toHaveLength(2);
    expect(state.speakers.群).toEqual(['张三']); // the caller's state is untouched either way
  });

  it.each(transcripts)(
    '%s runs with every aid operation on a frozen state',
    async (file) => {
      seen.errors.length = 0;
      const { out, state } = await replayFile(`test/fixtures/${file}`);
      expect(seen.errors).toEqual([]);
      expect(out.filter((o) => o.error)).toEqual([]);
      expect(out.length).toBeGreaterThan(0);
      expect(state.aid.requests.length).toBeGreaterThan(0);
    },
    60_000,
  );

  it('recalls and the 完成 / 取消 commands run on a frozen state too', async () => {
    seen.errors.length = 0;
    const { createHarness } = await import('../support/harness.ts');
    const B1 = '楚凤社区1号楼群';
    const h = await createHarness('2022-12-01T18:00:00+08:00');
    let n = 0;
    const push = async (from: string, text: string, at: string, extra: { id?: string; recalls?: string } = {}) => {
      await h.clock.advanceTo(new Date(`2022-12-01T${at}:00+08:00`));
      const before = h.transport.sent.length;
      await h.transport.push({
        id: extra.id ?? `m${++n}`,
        from,
        text,
        room: B1,
        time: h.clock.now(),
        recalls: extra.recalls ?? null,
        sender: { id: from, name: from, alias: null },
      });
      return h.transport.sent.slice(before);
    };
    await push('周阿姨', '家里老人发烧了,谁家有退烧药匀一点', '18:05', { id: 'ask-1' });
    expect(await push('老钱', '我家有布洛芬,可以送过去', '18:07', { id: 'offer-1' })).toHaveLength(1);
    const offerBack = await push('老钱', '', '18:08', { recalls: 'offer-1' });
    expect(offerBack.map((o) => o.text).join()).toMatch(/撤回/);
    await push('周阿姨', '', '18:10', { recalls: 'ask-1' });
    await push('小韩', '求一盒抗原,想测一下', '18:20');
    expect((await push('小韩', '完成', '18:30')).map((o) => o.text).join()).toMatch(/解决/);
    await push('何姐', '有没有多余的口罩,要两个', '18:40');
    expect((await push('何姐', '取消', '18:41')).map((o) => o.text).join()).toMatch(/取消/);
    const status = Object.fromEntries(h.app.bot.state.aid.requests.map((r) => [r.requester, r.status]));
    expect(status).toEqual({ 周阿姨: 'cancelled', 小韩: 'fulfilled', 何姐: 'cancelled' });
    expect(seen.errors).toEqual([]);
  });

  it('covered the operations that change aid', () => {
    for (const op of ['handleAidPost', 'escalateAndExpire', 'noteSpeaker', 'postCallbackNeed', 'recallPost', 'fulfil', 'withdraw'])
      expect(seen.calls[op] ?? 0, op).toBeGreaterThan(0);
  });
});
