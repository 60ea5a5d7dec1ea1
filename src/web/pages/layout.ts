// The frame of every page: title, navigation by role, the CSRF token for forms and scripts.
import { html, type Html } from '../html.ts';
import { canSeeCommunity, canSeeUnion, ROLE_LABEL, type Staff } from '../staff-access.ts';

export interface PageOptions {
  title: string;
  staff: Staff | null;
  csrf: string;
  active?: string;
  /** The page's body refreshes itself when the bot commits (server-sent events). */
  live?: boolean;
  scripts?: string[];
}

function nav(staff: Staff, active: string | undefined): Html {
  const links: [string, string][] = [];
  if (canSeeCommunity(staff)) links.push(['/', '今日'], ['/requests', '求助'], ['/callbacks', '回访']);
  if (canSeeUnion(staff)) links.push(['/union', '工会问答']);
  links.push(['/stats', '统计']);
  if (staff.role === 'admin') links.push(['/audit', '记录']);
  return html`<nav>${links.map(([href, label]) => html`<a href="${href}"${active === href ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>`;
}

export function layout(opts: PageOptions, body: Html): Html {
  const { staff } = opts;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${opts.csrf}">
<title>${opts.title} · 邻里</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header>
  <strong>邻里 · 工作台</strong>
  ${
    staff
      ? html`<span class="who">${staff.name}(${ROLE_LABEL[staff.role]}${staff.grid ? ` · ${staff.grid}` : ''})
      <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${opts.csrf}"><button class="link">退出</button></form></span>`
      : ''
  }
</header>
${staff ? nav(staff, opts.active) : ''}
<main id="main"${opts.live ? html` data-live` : ''}>
<h1>${opts.title}</h1>
${body}
</main>
<script src="/static/app.js" defer></script>
${(opts.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}
</body>
</html>`;
}

/** A hidden CSRF field for a form. */
export const csrfField = (csrf: string): Html => html`<input type="hidden" name="_csrf" value="${csrf}">`;
