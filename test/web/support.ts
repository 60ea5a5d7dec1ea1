// A whole bot (fake transport, simulated clock) with the web page on a free loopback port, in a
// scratch copy of config/ (the knowledge-base editor writes there), and a tiny cookie-keeping client.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHarness, type Harness } from '../support/harness.ts';
import { startWebServer, type WebServer } from '../../src/web/server.ts';
import type { SceneOverrides } from '../../src/app.ts';
import { silentLogger } from '../../src/log.ts';

export const UNION_STAFF = '工会小周';

export interface WebWorld {
  h: Harness;
  web: WebServer;
  configDir: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startWebWorld(start = '2026-03-02T09:00:00+08:00', overrides: SceneOverrides = {}): Promise<WebWorld> {
  const configDir = mkdtempSync(join(tmpdir(), 'linli-web-config-'));
  cpSync('config', configDir, { recursive: true });
  const main = join(configDir, 'linli.yaml');
  // Union staff are enrolled like everyone else; the test setup enrols the config's staff.
  writeFileSync(main, readFileSync(main, 'utf8').replace('people:\n', `people:\n  - { name: ${UNION_STAFF}, role: union_staff }\n`));
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-web-data-'));
  const h = await createHarness(start, overrides, configDir);
  const web = await startWebServer({ app: h.app, dataDir, log: silentLogger, host: '127.0.0.1', port: 0 });
  return {
    h,
    web,
    configDir,
    dataDir,
    async close() {
      await web.close();
      h.app.close();
    },
  };
}

/** The last login code the bot sent this person privately. */
export function codeSentTo(h: Harness, name: string): string | null {
  const sent = h.transport.sent.filter((m) => m.kind === 'private' && m.to === name);
  const last = sent.at(-1);
  return last ? (/(\d{6})/.exec(last.text)?.[1] ?? null) : null;
}

/** fetch with a cookie jar and no redirect following. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(
    method: string,
    path: string,
    form?: Record<string, string | string[]>,
  ): Promise<{ status: number; text: string; location: string | null }> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body: string | undefined;
    if (form) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      body = p.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair.split('=');
      if (v) this.cookies.set(k, v);
      else this.cookies.delete(k);
    }
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, form: Record<string, string | string[]>) {
    return this.request('POST', path, form);
  }

  /** The CSRF token on a page. */
  static csrf(page: string): string {
    return /name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? '';
  }

  /** Logs in as this person with the code the bot sent; returns the CSRF token of the session. */
  async login(h: Harness, name: string): Promise<string> {
    const page = await this.get('/login');
    const sent = await this.post('/login/code', { _csrf: Client.csrf(page.text), name });
    const code = codeSentTo(h, name);
    if (!code) throw new Error(`no code sent to ${name}`);
    const done = await this.post('/login/verify', { _csrf: Client.csrf(sent.text), name, code });
    if (done.status !== 303) throw new Error(`login failed: ${done.status}`);
    return Client.csrf((await this.get(done.location ?? '/')).text);
  }
}
