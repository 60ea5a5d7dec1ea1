// What every group of the staff page's routes shares: the server, the page's world, and the
// helpers that answer a request (who is logged in and allowed, a page, a 403), so each route file
// holds one part of the page and nothing else.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../log.ts';
import type { Session } from '../auth.ts';
import type { WebEnv } from '../env.ts';
import { html, type Html } from '../html.ts';
import type { PageOptions } from '../pages/layout.ts';
import type { Staff } from '../staff-access.ts';

export interface RouteKit {
  server: FastifyInstance;
  env: WebEnv;
  log: Logger;
  /** The logged-in staff member allowed here, or null after answering (login redirect / 403). */
  staffFor(req: FastifyRequest, reply: FastifyReply, allowed?: (s: Staff) => boolean): Staff | null;
  sendPage(reply: FastifyReply, opts: PageOptions, body: Html, code?: number): FastifyReply;
  opts(req: FastifyRequest, title: string, active: string, extra?: Partial<PageOptions>): PageOptions;
  forbidden(reply: FastifyReply, req: FastifyRequest): FastifyReply;
  setSession(reply: FastifyReply, s: Session): FastifyReply;
}

type Body = Record<string, string | string[] | undefined>;

/** One form field (the first, when sent twice). */
export const field = (req: FastifyRequest, name: string): string => {
  const v = (req.body as Body | undefined)?.[name];
  return (Array.isArray(v) ? v[0] : (v ?? '')).toString();
};

/** Every non-empty value of a repeated form field. */
export const fields = (req: FastifyRequest, name: string): string[] => {
  const v = (req.body as Body | undefined)?.[name];
  return (Array.isArray(v) ? v : v ? [v] : []).map(String).filter((s) => s.trim());
};

export const htmlText = (text: string): Html => html`<p>${text}</p>`;
