// The staff web page on Fastify: server-rendered Chinese pages, login by one-time code sent in
// WeChat, session cookie (HttpOnly, SameSite=Strict), a CSRF token on every change, code requests
// rate-limited, roles as in chat. Every change goes through the bot's unit of work (bot.change),
// so it is saved together with the messages it causes, and is written to the audit log.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { closeRequest } from '../domain/aid/requests.ts';
import { isOpen } from '../domain/aid/types.ts';
import { lastDays } from '../domain/callbacks/index.ts';
import { localDate } from '../domain/time.ts';
import type { Logger } from '../log.ts';
import { JsonlAuditLog } from '../store/audit-log.ts';
import { Auth, CODE_MINUTES, type Session } from './auth.ts';
import { audit, gridOfEntry, nowOf, visibleRoster, type WebEnv } from './env.ts';
import { html, type Html } from './html.ts';
import { checkFaqText, type NewEntryForm, previewWordings, readFaqText, saveFaqText, withNewEntry, withWordings } from './kb-edit.ts';
import { LiveHub } from './live.ts';
import { callbacksPage, personPage, type ImportOutcome, type RosterAddOutcome } from './pages/callbacks.ts';
import { callsWithHistory } from './history.ts';
import { changedFields, checkRosterForm, formOf, replaceEntry, ROSTER_FIELDS, type RosterForm } from './roster-edit.ts';
import { formatFrequency } from '../domain/callbacks/index.ts';
import { layout, type PageOptions } from './pages/layout.ts';
import { auditPage, codePage, loginPage } from './pages/login.ts';
import { todayPage } from './pages/today.ts';
import {
  assignNotice,
  closedNotice,
  filterRequests,
  requestDetail,
  requestsPage,
  requestsXlsx,
  type RequestFilter,
} from './pages/requests.ts';
import { statsPage } from './pages/stats.ts';
import { kbEditorPage, newEntryPage, newEntryPreviewPage, openHandoffs, previewPage, unionPage } from './pages/union.ts';
import { canSeeCommunity, canSeeGrid, canSeeUnion, enrolledStaffAccess, type Staff, type StaffAccess } from './staff-access.ts';

const COOKIE = 'linli_sid';
const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));
const require = createRequire(import.meta.url);

export interface WebServerOptions {
  app: WebEnv['app'];
  dataDir: string;
  log: Logger;
  /** Defaults: the staff enrolled to WeChat contacts. */
  access?: StaffAccess;
  host?: string;
  port?: number;
}

export interface WebServer {
  url: string;
  env: WebEnv;
  close(): Promise<void>;
}

/** Static files: from src/web/static (sources) or, in the built bundle, found beside the package. */
function staticDir(): string {
  for (const dir of [
    STATIC_DIR,
    fileURLToPath(new URL('../../src/web/static/', import.meta.url)),
    fileURLToPath(new URL('../src/web/static/', import.meta.url)),
  ]) {
    try {
      readFileSync(join(dir, 'app.js'));
      return dir;
    } catch {
      // try the next place
    }
  }
  return STATIC_DIR;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const { app } = opts;
  const web = app.config.web;
  const env: WebEnv = {
    app,
    access: opts.access ?? enrolledStaffAccess(app.bot),
    auth: new Auth(),
    // One audit log for the whole bot: the page's actions beside enrolments, bindings and stock.
    audit: JsonlAuditLog.inDataDir(opts.dataDir),
    hub: new LiveHub(),
  };
  const unsubscribe = app.bot.onCommit(() => env.hub.changed());
  const server = buildServer(env, opts.log);
  const address = await server.listen({ host: opts.host ?? web.host, port: opts.port ?? web.port });
  return {
    url: address,
    env,
    async close() {
      unsubscribe();
      env.hub.close();
      await server.close();
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

type Body = Record<string, string | string[] | undefined>;
const field = (req: FastifyRequest, name: string): string => {
  const v = (req.body as Body | undefined)?.[name];
  return (Array.isArray(v) ? v[0] : (v ?? '')).toString();
};
const fields = (req: FastifyRequest, name: string): string[] => {
  const v = (req.body as Body | undefined)?.[name];
  return (Array.isArray(v) ? v : v ? [v] : []).map(String).filter((s) => s.trim());
};

export function buildServer(env: WebEnv, log: Logger): FastifyInstance {
  const server = Fastify({ logger: false, bodyLimit: 1024 * 1024, trustProxy: 'loopback' });
  const secure = env.app.config.web.secureCookie;
  const dir = staticDir();
  void server.register(cookie);
  void server.register(formbody);
  void server.register(multipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1 } });
  void server.register(rateLimit, { global: false });

  server.decorateRequest('session', null);
  server.addHook('onRequest', async (req, reply) => {
    req.session = env.auth.session(req.cookies[COOKIE]);
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-content-type-options', 'nosniff');
    reply.header(
      'content-security-policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
    );
  });
  // Every change carries the session's CSRF token (form field, header, or query for uploads).
  server.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST') return;
    const sent = field(req, '_csrf') || req.headers['x-csrf-token'] || (req.query as Record<string, string>)._csrf;
    if (!env.auth.checkCsrf(req.session, sent)) {
      log.warn({ url: req.url }, 'web: POST without a valid CSRF token refused');
      return reply.code(403).type('text/plain; charset=utf-8').send('请求无效(缺少或错误的安全令牌),请刷新页面后重试。');
    }
  });
  server.setErrorHandler((err, _req, reply) => {
    const code = (err as { statusCode?: number }).statusCode ?? 500;
    if (code >= 500) log.error({ err }, 'web: request failed');
    void reply
      .code(code)
      .type('text/plain; charset=utf-8')
      .send(code === 429 ? '请求太频繁,请稍后再试。' : code >= 500 ? '出错了,请稍后再试。' : '请求无效。');
  });

  const setSession = (reply: FastifyReply, s: Session) =>
    reply.setCookie(COOKIE, s.id, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: 12 * 3600 });
  const sendPage = (reply: FastifyReply, opts: PageOptions, body: Html, code = 200) =>
    reply.code(code).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(layout(opts, body).text);
  const forbidden = (reply: FastifyReply, req: FastifyRequest) =>
    sendPage(
      reply,
      { title: '没有权限', staff: req.session?.staff ?? null, csrf: req.session?.csrf ?? '' },
      htmlText('这一页不在您的权限范围内。'),
      403,
    );

  /** The logged-in staff member allowed here, or null after answering (login redirect / 403). */
  function staffFor(req: FastifyRequest, reply: FastifyReply, allowed: (s: Staff) => boolean = () => true): Staff | null {
    const staff = req.session?.staff ?? null;
    if (!staff) {
      if (req.method === 'GET') void reply.redirect('/login');
      else void reply.code(401).type('text/plain; charset=utf-8').send('请先登录。');
      return null;
    }
    if (!allowed(staff)) {
      void forbidden(reply, req);
      return null;
    }
    return staff;
  }
  const opts = (req: FastifyRequest, title: string, active: string, extra: Partial<PageOptions> = {}): PageOptions => ({
    title,
    staff: req.session!.staff,
    csrf: req.session!.csrf,
    active,
    ...extra,
  });

  // ---- static files ----
  const files: Record<string, [string, string]> = {
    'app.css': [join(dir, 'app.css'), 'text/css; charset=utf-8'],
    'app.js': [join(dir, 'app.js'), 'text/javascript; charset=utf-8'],
    'charts.js': [join(dir, 'charts.js'), 'text/javascript; charset=utf-8'],
    'echarts.min.js': [require.resolve('echarts/dist/echarts.min.js'), 'text/javascript; charset=utf-8'],
  };
  server.get<{ Params: { file: string } }>('/static/:file', async (req, reply) => {
    const f = files[req.params.file];
    if (!f) return reply.code(404).send();
    return reply
      .type(f[1])
      .header('cache-control', 'public, max-age=3600')
      .send(await readFile(f[0]));
  });

  // ---- login ----
  server.get('/login', async (req, reply) => {
    if (req.session?.staff) return reply.redirect('/');
    const s = req.session ?? env.auth.anonymous();
    setSession(reply, s);
    return sendPage(reply, { title: '登录', staff: null, csrf: s.csrf }, loginPage(s.csrf));
  });
  server.post(
    '/login/code',
    { config: { rateLimit: { max: 5, timeWindow: '10 minutes', keyGenerator: (req) => req.ip } } },
    async (req, reply) => {
      const s = req.session!;
      const name = field(req, 'name').trim().slice(0, 40);
      const staff = env.access.findStaff(name);
      if (staff) {
        const code = env.auth.issueCode(staff);
        if (!code)
          return sendPage(
            reply,
            { title: '登录', staff: null, csrf: s.csrf },
            loginPage(s.csrf, '验证码发得太频繁了,请15分钟后再试。'),
            429,
          );
        await env.access.sendCode(staff, `邻里工作台登录验证码:${code}(${CODE_MINUTES}分钟内有效)。不是您本人在登录请忽略,不要告诉别人。`);
      }
      // The same page whether or not the name is staff: the page does not tell who is enrolled.
      return sendPage(reply, { title: '输入验证码', staff: null, csrf: s.csrf }, codePage(s.csrf, name));
    },
  );
  server.post('/login/verify', async (req, reply) => {
    const s = req.session!;
    const name = field(req, 'name').trim();
    const staff = env.access.findStaff(name);
    const fresh = staff ? env.auth.verify(staff.key, field(req, 'code'), s) : null;
    if (!fresh?.staff)
      return sendPage(reply, { title: '输入验证码', staff: null, csrf: s.csrf }, codePage(s.csrf, name, '验证码不对或已过期。'), 401);
    setSession(reply, fresh);
    await audit(env, fresh.staff, 'login', {});
    return reply.redirect(canSeeCommunity(fresh.staff) ? '/' : '/union', 303);
  });
  server.post('/logout', async (req, reply) => {
    const s = req.session!;
    if (s.staff) await audit(env, s.staff, 'logout', {});
    env.auth.logout(s);
    reply.clearCookie(COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });

  // ---- live updates ----
  server.get('/events', async (req, reply) => {
    if (!staffFor(req, reply)) return;
    reply.hijack();
    env.hub.attach(reply.raw);
  });

  // ---- 今日 ----
  server.get('/', async (req, reply) => {
    const staff = staffFor(req, reply);
    if (!staff) return;
    if (!canSeeCommunity(staff)) return reply.redirect('/union');
    return sendPage(reply, opts(req, '今日', '/', { live: true }), todayPage(env, staff));
  });

  // ---- 求助 ----
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
      const d = s.aid.requests.find((x) => x.id === r.id);
      if (!d || !isOpen(d)) return;
      closeRequest(d, outcome, now);
      s.staffNotes.push({
        requestId: d.id,
        kind: 'close',
        by: staff.name,
        at: now.toISOString(),
        text: outcome === 'fulfilled' ? '已解决' : '取消',
      });
      outbox.toRoom(d.room, closedNotice(d, outcome));
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

  // ---- 回访 ----
  /** The roster page, with the last 7 days' calls wherever they are kept. */
  const rosterPage = async (req: FastifyRequest, staff: Staff, outcome: ImportOutcome | null, refused: RosterAddOutcome | null) => {
    const calls = await callsWithHistory(env, lastDays(localDate(nowOf(env)), 7).from);
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
      const { importRosterFile } = await import('../roster-io/import.ts');
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
    const { exportRoster } = await import('../roster-io/export.ts');
    return exportTable(reply, 'roster.xlsx', (p) => exportRoster(visibleRoster(env, staff), p));
  });
  server.get('/callbacks/calls.xlsx', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeCommunity);
    if (!staff) return;
    const { exportCallLog } = await import('../roster-io/export.ts');
    const roster = visibleRoster(env, staff);
    const ids = new Set(roster.map((e) => e.id));
    const calls = env.app.bot.state.calls.filter((c) => ids.has(c.rosterId));
    return exportTable(reply, 'calls.xlsx', (p) => exportCallLog(calls, roster, lastDays(localDate(nowOf(env)), 30), p));
  });

  // ---- 工会问答 ----
  server.get('/union', async (req, reply) => {
    if (!staffFor(req, reply, canSeeUnion)) return;
    return sendPage(reply, opts(req, '工会问答', '/union', { live: true }), unionPage(env, req.session!.csrf));
  });
  server.post<{ Params: { id: string } }>('/union/handoffs/:id/answer', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeUnion);
    if (!staff) return;
    const answer = field(req, 'answer').trim().slice(0, 1000);
    const h = openHandoffs(env).find((x) => x.id === req.params.id);
    if (!h) return reply.code(404).type('text/plain; charset=utf-8').send('这个问题不在待解答列表里。');
    if (!answer) return reply.redirect('/union', 303);
    const at = nowOf(env).toISOString();
    const saved = await env.app.bot.change((s, outbox) => {
      const d = s.handoffs.find((x) => x.id === h.id && !x.answeredAt);
      if (!d) return;
      d.answeredAt = at;
      d.answeredBy = staff.name;
      const text = `关于您问的"${d.question}":${answer}(工会工作人员答复)`;
      // In the chat where they asked: the group, with an @, or the private chat.
      if (d.room) outbox.toRoom(d.room, text, [d.asker]);
      else outbox.toPerson(d.asker, text);
    });
    await audit(env, staff, 'handoff.answer', { handoff: h.id, saved });
    return reply.redirect('/union', 303);
  });
  server.post('/union/kb/wording', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeUnion);
    if (!staff) return;
    const entry = field(req, 'entry');
    const questions = fields(req, 'question').slice(0, 50);
    const text = withWordings(readFaqText(env.app.configDir), entry, questions);
    if (text === null) return reply.code(400).type('text/plain; charset=utf-8').send('没有这个条目。');
    const checked = checkFaqText(env.app.configDir, text);
    if (!checked.ok)
      return sendPage(reply, opts(req, '编辑知识库', '/union'), kbEditorPage(text, req.session!.csrf, checked.problem, false), 422);
    if (field(req, 'confirm') !== '1') {
      const preview = previewWordings(checked.kb, env.app.config.faq, entry, questions);
      return sendPage(reply, opts(req, '预览', '/union'), previewPage(preview, req.session!.csrf));
    }
    saveFaqText(env.app.configDir, text);
    env.app.useKnowledgeBase(checked.kb);
    await audit(env, staff, 'kb.wording', { entry, questions: questions.length });
    return reply.redirect('/union', 303);
  });
  // A new entry from a group of handed-off questions: preview first, then saved through the
  // same loader as config/faq.yaml; a refused entry leaves the file and the bot's KB as they were.
  server.post('/union/kb/entry', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeUnion);
    if (!staff) return;
    const form: NewEntryForm = {
      topic: field(req, 'topic').slice(0, 60),
      title: field(req, 'title').slice(0, 60),
      questions: field(req, 'questions').slice(0, 2000),
      keywords: field(req, 'keywords').slice(0, 300),
      answer: field(req, 'answer').slice(0, 1000),
    };
    const made = withNewEntry(readFaqText(env.app.configDir), form);
    if (!made) return reply.code(500).type('text/plain; charset=utf-8').send('知识库文件的格式不对,请先在编辑器里修好。');
    const checked = checkFaqText(env.app.configDir, made.text);
    if (!checked.ok) {
      await audit(env, staff, 'kb.rejected', { problem: checked.problem.slice(0, 300) });
      return sendPage(reply, opts(req, '新条目', '/union'), newEntryPage(req.session!.csrf, form, checked.problem), 422);
    }
    if (field(req, 'confirm') !== '1') {
      const entry = checked.kb.entries.find((e) => e.id === made.id)!;
      const preview = previewWordings(checked.kb, env.app.config.faq, made.id, entry.questions);
      return sendPage(reply, opts(req, '预览新条目', '/union'), newEntryPreviewPage(preview, form, req.session!.csrf));
    }
    saveFaqText(env.app.configDir, made.text);
    env.app.useKnowledgeBase(checked.kb);
    await audit(env, staff, 'kb.entry', { entry: made.id, questions: checked.kb.entries.find((e) => e.id === made.id)?.questions.length });
    return reply.redirect('/union', 303);
  });
  server.get('/union/kb', async (req, reply) => {
    if (!staffFor(req, reply, canSeeUnion)) return;
    return sendPage(reply, opts(req, '编辑知识库', '/union'), kbEditorPage(readFaqText(env.app.configDir), req.session!.csrf, null, false));
  });
  server.post('/union/kb', async (req, reply) => {
    const staff = staffFor(req, reply, canSeeUnion);
    if (!staff) return;
    const text = field(req, 'yaml');
    const checked = checkFaqText(env.app.configDir, text);
    if (!checked.ok) {
      await audit(env, staff, 'kb.rejected', { problem: checked.problem.slice(0, 300) });
      return sendPage(reply, opts(req, '编辑知识库', '/union'), kbEditorPage(text, req.session!.csrf, checked.problem, false), 422);
    }
    saveFaqText(env.app.configDir, text);
    env.app.useKnowledgeBase(checked.kb);
    await audit(env, staff, 'kb.edit', { entries: checked.kb.entries.length });
    return sendPage(reply, opts(req, '编辑知识库', '/union'), kbEditorPage(text, req.session!.csrf, null, true));
  });

  // ---- 统计, 记录 ----
  server.get('/stats', async (req, reply) => {
    const staff = staffFor(req, reply);
    if (!staff) return;
    return sendPage(
      reply,
      opts(req, '统计', '/stats', { scripts: ['/static/echarts.min.js', '/static/charts.js'] }),
      await statsPage(env, staff),
    );
  });
  server.get('/audit', async (req, reply) => {
    if (!staffFor(req, reply, (s) => s.role === 'admin')) return;
    return sendPage(reply, opts(req, '记录', '/audit'), auditPage(env.audit.recent()));
  });
  return server;
}

const htmlText = (text: string): Html => html`<p>${text}</p>`;
