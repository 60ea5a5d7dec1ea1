// 求助: requests with filters, each with its timeline and the staff actions (close, note, hand to
// a worker), and the .xlsx export.
import { CATEGORIES, type Category } from '../../domain/types.ts';
import type { AidRequest } from '../../domain/aid/types.ts';
import { isOpen } from '../../domain/aid/types.ts';
import { localDate } from '../../domain/time.ts';
import type { StaffNote } from '../../store/state.ts';
import { html, type Html } from '../html.ts';
import { CATEGORY_LABEL, STATUS_LABEL, categoriesOf, itemsOf, placeOf, stage, when } from '../labels.ts';
import { visibleRequests, type WebEnv } from '../env.ts';
import type { Staff } from '../staff-access.ts';
import { csrfField } from './layout.ts';

export interface RequestFilter {
  status?: string;
  building?: string;
  category?: string;
  date?: string;
  grid?: string;
}

export function filterRequests(env: WebEnv, staff: Staff, f: RequestFilter): AidRequest[] {
  return visibleRequests(env, staff)
    .filter((r) => {
      if (f.status === 'active' && !isOpen(r)) return false;
      if (f.status && f.status !== 'active' && r.status !== f.status) return false;
      if (f.building && r.location.building !== f.building) return false;
      if (f.category && !categoriesOf(r).includes(f.category as Category)) return false;
      if (f.date && localDate(new Date(r.createdAt)) !== f.date) return false;
      if (f.grid && r.grid !== f.grid) return false;
      return true;
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

const option = (value: string, label: string, current: string | undefined): Html =>
  html`<option value="${value}"${current === value ? html` selected` : ''}>${label}</option>`;

export function requestsPage(env: WebEnv, staff: Staff, f: RequestFilter): Html {
  const all = visibleRequests(env, staff);
  const buildings = [...new Set(all.map((r) => r.location.building).filter((b): b is string => Boolean(b)))].sort();
  const rows = filterRequests(env, staff, f);
  const query = new URLSearchParams(Object.entries(f).filter(([, v]) => v) as [string, string][]).toString();
  return html`
<form method="get" action="/requests" class="filters card">
  <label>状态<br><select name="status">${option('', '全部', f.status)}${option('active', '未完成', f.status)}${Object.entries(STATUS_LABEL).map(([k, v]) => option(k, v, f.status))}</select></label>
  <label>楼栋<br><select name="building">${option('', '全部', f.building)}${buildings.map((b) => option(b, `${b}号楼`, f.building))}</select></label>
  <label>类别<br><select name="category">${option('', '全部', f.category)}${CATEGORIES.map((c) => option(c, CATEGORY_LABEL[c], f.category))}</select></label>
  <label>日期<br><input type="date" name="date" value="${f.date ?? ''}"></label>
  <button>筛选</button>
  <a href="/requests/export.xlsx${query ? `?${query}` : ''}">导出 Excel</a>
</form>
<section>
  <p class="muted">共 ${rows.length} 条</p>
  <div class="scroll"><table><thead><tr><th>编号</th><th>时间</th><th>群</th><th>需要</th><th>状态</th></tr></thead><tbody>
  ${rows.map(
    (r) => html`<tr data-request="${r.id}"><td><a href="/requests/${r.id}">${r.id}</a></td><td>${when(r.createdAt)}</td><td>${r.room}</td>
    <td>${itemsOf(r)}</td><td><span class="tag">${stage(r)}</span></td></tr>`,
  )}
  </tbody></table></div>
</section>`;
}

interface Event {
  at: string;
  text: string;
}

function timeline(r: AidRequest, notes: readonly StaffNote[]): Event[] {
  const events: Event[] = [{ at: r.createdAt, text: `${r.anonymous ? '网格员代发' : r.requester} 在「${r.room}」发布求助` }];
  for (const o of r.offers) events.push({ at: o.at, text: `${o.helper} 表示可以提供${o.delivered ? '(已送到)' : ''}` });
  if (r.escalatedToGridAt) events.push({ at: r.escalatedToGridAt, text: '转到网格群' });
  if (r.escalatedToWorkerAt) events.push({ at: r.escalatedToWorkerAt, text: '交给网格员' });
  for (const n of notes) {
    const label = n.kind === 'note' ? '备注' : n.kind === 'assign' ? '交给' : '关闭';
    events.push({ at: n.at, text: `${n.by} ${label}:${n.text}` });
  }
  if (r.closedAt) events.push({ at: r.closedAt, text: `结束:${STATUS_LABEL[r.status]}` });
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

/** `fromHistory`: the notes of a request read from history (src/web/history.ts), shown read-only. */
export function requestDetail(env: WebEnv, staff: Staff, r: AidRequest, csrf: string, fromHistory: StaffNote[] | null = null): Html {
  const notes = fromHistory ?? (env.app.bot.state.staffNotes ?? []).filter((n) => n.requestId === r.id);
  const { directory } = env.app.bot.services;
  const workers = directory.allPeople().filter((p) => p.role === 'grid_worker' && (staff.role === 'admin' || p.grid === staff.grid));
  return html`
<section>
  <p><strong>${itemsOf(r)}</strong> <span class="tag">${stage(r)}</span>${r.urgent ? html` <span class="tag warn">急</span>` : ''}</p>
  <p>群:${r.room} · 网格:${r.grid ?? '未知'} · 位置:${placeOf(r)}</p>
  <p class="muted">原话:${r.text}</p>
  <h2>经过</h2>
  <ol class="timeline">${timeline(r, notes).map((e) => html`<li><span class="muted">${when(e.at)}</span> ${e.text}</li>`)}</ol>
</section>
${
  isOpen(r)
    ? html`<section>
  <h2>处理</h2>
  <form method="post" action="/requests/${r.id}/close" class="stack">
    ${csrfField(csrf)}
    <label>结果 <select name="outcome"><option value="fulfilled">已解决</option><option value="cancelled">取消</option></select></label>
    <button id="close-request">关闭并通知群里</button>
  </form>
  <form method="post" action="/requests/${r.id}/assign" class="stack">
    ${csrfField(csrf)}
    <label>交给网格员 <select name="worker">${workers.map((w) => html`<option value="${w.name}">${w.name}(${w.grid ?? ''})</option>`)}</select></label>
    <button>交给他/她</button>
  </form>
</section>`
    : ''
}
${
  fromHistory
    ? html`<p class="muted" id="in-history">这条求助已结束,移入了历史记录,只能查看。</p>`
    : html`<section>
  <form method="post" action="/requests/${r.id}/note" class="stack">
    ${csrfField(csrf)}
    <label>备注<textarea name="text" rows="2" maxlength="500" required></textarea></label>
    <button>添加备注</button>
  </form>
</section>`
}`;
}

/** The group's notice when staff close a request: no room number, no phone. */
export function closedNotice(r: AidRequest, outcome: 'fulfilled' | 'cancelled'): string {
  return outcome === 'fulfilled'
    ? `【求助已解决】求${itemsOf(r)}的求助已由工作人员确认解决,谢谢热心的邻居们!`
    : `【求助已取消】求${itemsOf(r)}的求助已由工作人员取消,大家不用再回复了。`;
}

export function assignNotice(r: AidRequest, by: string): string {
  return `【请跟进】${by}把一条求助交给您:${itemsOf(r)},${placeOf(r)},在「${r.room}」发布(编号${r.id})。请联系处理,处理好后在群里说一声。`;
}

export async function requestsXlsx(rows: readonly AidRequest[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('求助');
  sheet.addRow(['编号', '发布时间', '群', '网格', '需要', '类别', '状态', '帮忙的人', '结束时间']);
  for (const r of rows) {
    sheet.addRow([
      r.id,
      when(r.createdAt),
      r.room,
      r.grid ?? '',
      itemsOf(r),
      categoriesOf(r)
        .map((c) => CATEGORY_LABEL[c])
        .join('、'),
      STATUS_LABEL[r.status],
      r.helper ?? '',
      when(r.closedAt),
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
