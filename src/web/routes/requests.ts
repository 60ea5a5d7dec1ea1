// The staff page's 求助: the request list with filters, a timeline per request, close / note /
// hand to a worker (each a unit of work with the notice it causes), the .xlsx export.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fulfil, withdraw } from '../../domain/aid/index.ts';
import type { Effect } from '../../domain/effects.ts';
import { aidView, applyAid } from '../../bot/features/aid-apply.ts';
import { aidEnv } from '../../bot/features/aid-env.ts';
import { isOpen } from '../../domain/aid/types.ts';
import { localDate } from '../../domain/time.ts';
import { audit, nowOf } from '../env.ts';
import { requestFromHistory } from '../history.ts';
import {
  assignNotice,
  closedNotice,
  filterRequests,
  requestDetail,
  requestsPage,
  requestsXlsx,
  type RequestFilter,
} from '../pages/requests.ts';
import { canSeeCommunity, canSeeGrid, type Staff } from '../staff-access.ts';
import { field, type RouteKit } from './kit.ts';

export function requestRoutes(kit: RouteKit): void {
  const { server, env, staffFor, sendPage, opts, forbidden } = kit;
  const filterOf = (req: FastifyRequest): RequestFilter => {
    const q = req.query as Record<string, string | undefined>;
    return {
      status: q.status || undefined,
      building: q.building || undefined,
      category: q.category || undefined,
      date: q.date || undefined,
      grid: q.grid || undefined,
    };
  };
  server.get('/requests', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeCommunity);
    if (!staff) return;
    const f = filterOf(req);
    if (f.grid && !canSeeGrid(staff, f.grid)) return forbidden(reply, req);
    return sendPage(reply, opts(req, '求助', '/requests', { live: true }), requestsPage(env, staff, f));
  });
  server.get('/requests/export.xlsx', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeCommunity);
    if (!staff) return;
    const f = filterOf(req);
    if (f.grid && !canSeeGrid(staff, f.grid)) return forbidden(reply, req);
    const body = await requestsXlsx(filterRequests(env, staff, f));
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="requests-${localDate(nowOf(env))}.xlsx"`)
      .send(body);
  });
  /** The request if this staff member may see it; otherwise answered with 404/403. */
  const requestFor = (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, staff: Staff) => {
    const r = env.app.bot.state.aid.requests.find((x) => x.id === req.params.id);
    if (!r) {
      void reply.code(404).type('text/plain; charset=utf-8').send('没有这条求助。');
      return null;
    }
    if (!canSeeGrid(staff, r.grid)) {
      void forbidden(reply, req);
      return null;
    }
    return r;
  };
  server.get<{ Params: { id: string } }>('/requests/:id', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeCommunity);
    if (!staff) return;
    // A closed request moves to history a day after closing; its page stays, read-only.
    const old = env.app.bot.state.aid.requests.some((x) => x.id === req.params.id) ? null : await requestFromHistory(env, req.params.id);
    if (old) {
      if (!canSeeGrid(staff, old.request.grid)) return forbidden(reply, req);
      const page = requestDetail(env, staff, old.request, req.session!.csrf, old.notes);
      return sendPage(reply, opts(req, `求助 ${old.request.id}`, '/requests'), page);
    }
    const r = requestFor(req, reply, staff);
    if (!r) return;
    return sendPage(reply, opts(req, `求助 ${r.id}`, '/requests', { live: true }), requestDetail(env, staff, r, req.session!.csrf));
  });
  server.post<{ Params: { id: string } }>('/requests/:id/close', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeCommunity);
    if (!staff) return;
    const r = requestFor(req, reply, staff);
    if (!r) return;
    const outcome = field(req, 'outcome') === 'cancelled' ? 'cancelled' : 'fulfilled';
    const now = nowOf(env);
    const saved = await env.app.bot.change((s, outbox) => {
      const aid = aidView(s.aid);
      const d = aid.requests.find((x) => x.id === r.id);
      if (!d || !isOpen(d)) return;
      // As the requester's 完成/取消 does it (src/bot/features/aid.ts): on a cancel, helpers who
      // offered from other groups hear it there; the request's own group gets the staff notice,
      // with its helpers mentioned.
      const done = outcome === 'fulfilled' ? fulfil(aid, d, now) : withdraw(aid, d, now, aidEnv(env.app.bot.services));
      const here = (e: Effect) => e.kind === 'room' && e.room === d.room;
      applyAid({ state: s, outbox }, { changes: done.changes, effects: done.effects.filter((e) => e.kind === 'room' && !here(e)) });
      const helpers = done.effects.flatMap((e) => (e.kind === 'room' && here(e) ? e.mentions : []));
      s.staffNotes.push({
        requestId: d.id,
        kind: 'close',
        by: staff.name,
        at: now.toISOString(),
        text: outcome === 'fulfilled' ? '已解决' : '取消',
      });
      outbox.toRoom(d.room, closedNotice(d, outcome), helpers);
    });
    await audit(env, staff, 'request.close', { request: r.id, outcome, saved });
    return reply.redirect(`/requests/${r.id}`, 303);
  });
  server.post<{ Params: { id: string } }>('/requests/:id/note', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeCommunity);
    if (!staff) return;
    const r = requestFor(req, reply, staff);
    if (!r) return;
    const text = field(req, 'text').trim().slice(0, 500);
    if (text) {
      const at = nowOf(env).toISOString();
      await env.app.bot.change((s) => void s.staffNotes.push({ requestId: r.id, kind: 'note', by: staff.name, at, text }));
      await audit(env, staff, 'request.note', { request: r.id });
    }
    return reply.redirect(`/requests/${r.id}`, 303);
  });
  server.post<{ Params: { id: string } }>('/requests/:id/assign', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeCommunity);
    if (!staff) return;
    const r = requestFor(req, reply, staff);
    if (!r) return;
    const worker = env.app.bot.services.directory.person(field(req, 'worker'));
    if (worker.role !== 'grid_worker' || !canSeeGrid(staff, worker.grid)) return forbidden(reply, req);
    const at = nowOf(env).toISOString();
    await env.app.bot.change((s, outbox) => {
      const d = s.aid.requests.find((x) => x.id === r.id);
      if (!d) return;
      d.escalatedToWorkerAt ??= at;
      s.staffNotes.push({ requestId: d.id, kind: 'assign', by: staff.name, at, text: worker.name });
      outbox.toPerson(worker.name, assignNotice(d, staff.name), d.id);
    });
    await audit(env, staff, 'request.assign', { request: r.id, worker: worker.name });
    return reply.redirect(`/requests/${r.id}`, 303);
  });
}
