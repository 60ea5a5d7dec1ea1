// The staff page's 回访: the roster (import that refuses a file with any bad row, row-by-row edits
// with the import's checks, exports), each person's calls and flags, each worker's progress.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { lastDays } from '../../domain/callbacks/index.ts';
import { localDate } from '../../domain/time.ts';
import { audit, gridOfEntry, nowOf, visibleRoster } from '../env.ts';
import { callbacksPage, personPage, type ImportOutcome, type RosterAddOutcome } from '../pages/callbacks.ts';
import { callsWithHistory } from '../history.ts';
import { changedFields, checkRosterForm, formOf, replaceEntry, ROSTER_FIELDS, type RosterForm } from '../roster-edit.ts';
import { formatFrequency } from '../../domain/callbacks/index.ts';
import { canSeeCommunity, canSeeGrid, type Staff } from '../staff-access.ts';
import { field, type RouteKit } from './kit.ts';

export function callbackRoutes(kit: RouteKit): void {
  const { server, env, staffFor, sendPage, opts, forbidden } = kit;
  /** The roster page, with the last 7 days' calls wherever they are kept. */
  const rosterPage = async (req: FastifyRequest, staff: Staff, outcome: ImportOutcome | null, refused: RosterAddOutcome | null) => {
    // The week's figures: who was due on each of the seven days reads the week before it too.
    const calls = await callsWithHistory(env, lastDays(localDate(nowOf(env)), 14).from);
    return callbacksPage(env, staff, req.session!.csrf, outcome, refused, calls);
  };
  server.get('/callbacks', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeCommunity);
    if (!staff) return;
    return sendPage(reply, opts(req, '回访', '/callbacks'), await rosterPage(req, staff, null, null));
  });
  const rosterForm = (req: FastifyRequest): RosterForm =>
    Object.fromEntries(ROSTER_FIELDS.map((k) => [k, field(req, k).slice(0, 100)])) as RosterForm;
  /** A roster person's page; admins get the row as a form. */
  const personView = async (
    req: FastifyRequest,
    staff: Staff,
    e: (typeof env.app.bot.state.roster)[number],
    form?: RosterForm,
    problems?: string[],
  ) => {
    const calls = await callsWithHistory(env);
    const edit =
      staff.role === 'admin'
        ? { csrf: req.session!.csrf, form: form ?? formOf(e, formatFrequency(e.frequency)), problems: problems ?? null }
        : null;
    return personPage(env, e, calls, edit);
  };
  server.get<{ Params: { id: string } }>('/callbacks/person/:id', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeCommunity);
    if (!staff) return;
    const e = env.app.bot.state.roster.find((x) => x.id === req.params.id);
    if (!e) return reply.code(404).type('text/plain; charset=utf-8').send('名单里没有这个人。');
    if (!canSeeGrid(staff, gridOfEntry(env, e))) return forbidden(reply, req);
    return sendPage(reply, opts(req, e.name, '/callbacks'), await personView(req, staff, e));
  });
  // Row by row, admins only (as the file import): the import's checks, one unit of work, audited.
  server.post('/callbacks/roster', async (req, reply) => {
    const staff = staffFor(req, reply, (s) => s.role === 'admin');
    if (!staff) return;
    const form = rosterForm(req);
    const checked = checkRosterForm(env.app.bot.state.roster, form, null);
    if (!checked.ok) {
      await audit(env, staff, 'roster.add.rejected', { problems: checked.problems });
      return sendPage(
        reply,
        opts(req, '回访', '/callbacks'),
        await rosterPage(req, staff, null, { form, problems: checked.problems }),
        422,
      );
    }
    const { entry } = checked;
    const saved = await env.app.bot.change((s) => {
      // Checked again inside the unit: the roster may have changed since.
      if (!s.roster.some((e) => e.id === entry.id)) s.roster.push(entry);
    });
    await audit(env, staff, 'roster.add', { entry: entry.id, name: entry.name, saved });
    return reply.redirect(`/callbacks/person/${entry.id}`, 303);
  });
  server.post<{ Params: { id: string } }>('/callbacks/person/:id/edit', async (req, reply) => {
    const staff = staffFor(req, reply, (s) => s.role === 'admin');
    if (!staff) return;
    const e = env.app.bot.state.roster.find((x) => x.id === req.params.id);
    if (!e) return reply.code(404).type('text/plain; charset=utf-8').send('名单里没有这个人。');
    const form = rosterForm(req);
    const checked = checkRosterForm(env.app.bot.state.roster, form, e);
    if (!checked.ok) {
      await audit(env, staff, 'roster.edit.rejected', { entry: e.id, problems: checked.problems });
      return sendPage(reply, opts(req, e.name, '/callbacks'), await personView(req, staff, e, form, checked.problems), 422);
    }
    const { entry } = checked;
    const saved = await env.app.bot.change((s) => {
      if (entry.id !== e.id && s.roster.some((x) => x.id === entry.id)) return;
      replaceEntry(s, e.id, entry);
    });
    await audit(env, staff, 'roster.edit', { entry: e.id, now: entry.id, fields: changedFields(e, entry), saved });
    return reply.redirect(`/callbacks/person/${entry.id}`, 303);
  });
  server.post<{ Params: { id: string } }>('/callbacks/person/:id/remove', async (req, reply) => {
    const staff = staffFor(req, reply, (s) => s.role === 'admin');
    if (!staff) return;
    const e = env.app.bot.state.roster.find((x) => x.id === req.params.id);
    if (!e) return reply.code(404).type('text/plain; charset=utf-8').send('名单里没有这个人。');
    if (field(req, 'confirm') !== '1') return reply.redirect(`/callbacks/person/${e.id}`, 303);
    // Their calls stay: history and exports still read them.
    const saved = await env.app.bot.change((s) => void (s.roster = s.roster.filter((x) => x.id !== e.id)));
    await audit(env, staff, 'roster.remove', { entry: e.id, name: e.name, saved });
    return reply.redirect('/callbacks', 303);
  });
  server.post('/callbacks/import', async (req, reply) => {
    const staff = staffFor(req, reply, (s) => s.role === 'admin');
    if (!staff) return;
    const file = await req.file();
    if (!file) return reply.code(400).type('text/plain; charset=utf-8').send('没有收到文件。');
    const name = file.filename.replace(/[\\/]/g, '_').slice(-80) || 'roster';
    const scratch = await mkdtemp(join(tmpdir(), 'linli-roster-'));
    let outcome: ImportOutcome;
    try {
      const path = join(scratch, /\.(xlsx|csv)$/i.test(name) ? name : `${name}.unknown`);
      await writeFile(path, await file.toBuffer());
      const { importRosterFile } = await import('../../roster-io/import.ts');
      let result: Awaited<ReturnType<typeof importRosterFile>>;
      try {
        result = await importRosterFile(path);
      } catch (err) {
        result = { ok: false, errors: [{ line: 1, reason: `文件读不了:${err instanceof Error ? err.message : String(err)}` }] };
      }
      if (result.ok) {
        const entries = result.entries;
        const saved = await env.app.bot.change((s) => void (s.roster = entries));
        outcome = saved ? { file: name, imported: entries.length } : { file: name, errors: [{ line: 0, reason: '保存失败,名单未改动' }] };
        await audit(env, staff, 'roster.import', { file: name, rows: entries.length, saved });
      } else {
        outcome = { file: name, errors: result.errors };
        await audit(env, staff, 'roster.rejected', { file: name, badRows: result.errors.map((e) => e.line) });
      }
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    return sendPage(reply, opts(req, '回访', '/callbacks'), await rosterPage(req, staff, outcome, null), outcome.errors ? 422 : 200);
  });
  const exportTable = async (reply: FastifyReply, fileName: string, write: (path: string) => Promise<void>) => {
    const scratch = await mkdtemp(join(tmpdir(), 'linli-export-'));
    try {
      const path = join(scratch, fileName);
      await write(path);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(await readFile(path));
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  };
  server.get('/callbacks/roster.xlsx', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeCommunity);
    if (!staff) return;
    const { exportRoster } = await import('../../roster-io/export.ts');
    return exportTable(reply, 'roster.xlsx', (p) => exportRoster(visibleRoster(env, staff), p));
  });
  server.get('/callbacks/calls.xlsx', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeCommunity);
    if (!staff) return;
    const { exportCallLog } = await import('../../roster-io/export.ts');
    const roster = visibleRoster(env, staff);
    const ids = new Set(roster.map((e) => e.id));
    const range = lastDays(localDate(nowOf(env)), 30);
    const calls = (await callsWithHistory(env, range.from)).filter((c) => ids.has(c.rosterId));
    return exportTable(reply, 'calls.xlsx', (p) => exportCallLog(calls, roster, range, p));
  });
}
