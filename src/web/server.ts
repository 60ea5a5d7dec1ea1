// The staff web page on Fastify: server-rendered Chinese pages, login by one-time code sent in
// WeChat, session cookie (HttpOnly, SameSite=Strict), a CSRF token on every change, code requests
// rate-limited, roles as in chat. Every change goes through the bot's unit of work (bot.change),
// so it is saved together with the messages it causes, and is written to the audit log.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from '../log.ts';
import { JsonlAuditLog } from '../store/audit-log.ts';
import { Auth, CODE_MINUTES, type Session } from './auth.ts';
import { audit, type WebEnv } from './env.ts';
import type { Html } from './html.ts';
import { LiveHub } from './live.ts';
import { layout, type PageOptions } from './pages/layout.ts';
import { auditPage, codePage, loginPage } from './pages/login.ts';
import { todayPage } from './pages/today.ts';
import { statsPage } from './pages/stats.ts';
import { callbackRoutes } from './routes/callbacks.ts';
import { field, htmlText, type RouteKit } from './routes/kit.ts';
import { requestRoutes } from './routes/requests.ts';
import { unionRoutes } from './routes/union.ts';
import { canSeeCommunity, enrolledStaffAccess, type Staff, type StaffAccess } from './staff-access.ts';

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

  const kit: RouteKit = { server, env, log, staffFor, sendPage, opts, forbidden, setSession };
  requestRoutes(kit);
  callbackRoutes(kit);
  unionRoutes(kit);

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
