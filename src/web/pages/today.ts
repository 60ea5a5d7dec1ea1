// 今日: open requests by building, pending escalations, each worker's callbacks, people
// unreachable today, pickup stock. Refreshes live.
import { countsByWorker, isDue, statusToday, callsFor } from '../../domain/callbacks/index.ts';
import { isOpen } from '../../domain/aid/types.ts';
import { localDate } from '../../domain/time.ts';
import { html, type Html } from '../html.ts';
import { age, buildingOf, itemsOf, placeOf, stage } from '../labels.ts';
import { nowOf, visibleRequests, visibleRoster, type WebEnv } from '../env.ts';
import type { Staff } from '../staff-access.ts';

export function todayPage(env: WebEnv, staff: Staff): Html {
  const now = nowOf(env);
  const date = localDate(now);
  const { calls } = env.app.bot.state;
  const holidays = env.app.config.holidays;
  const open = visibleRequests(env, staff).filter(isOpen);
  const byBuilding = new Map<string, typeof open>();
  for (const r of open) byBuilding.set(buildingOf(r), [...(byBuilding.get(buildingOf(r)) ?? []), r]);
  const escalated = open.filter((r) => r.status === 'open' && (r.escalatedToGridAt || r.escalatedToWorkerAt));
  const roster = visibleRoster(env, staff);
  const workers = countsByWorker(roster, calls, date, holidays);
  const unreachable = roster.filter((e) => {
    const mine = callsFor(e, calls);
    return isDue(e, mine, date, holidays) && statusToday(e, mine, date) === 'unreachable';
  });
  const stock = env.app.bot.state.aid.stock.filter((p) => staff.role === 'admin' || p.grid === null || p.grid === staff.grid);

  return html`
<section id="open-requests">
  <h2>未完成的求助(${open.length})</h2>
  ${
    open.length === 0
      ? html`<p class="muted">目前没有未完成的求助。</p>`
      : [...byBuilding.entries()].map(
          ([building, rs]) => html`<h3>${building}</h3>
  <div class="scroll"><table><thead><tr><th>编号</th><th>需要</th><th>位置</th><th>已等</th><th>状态</th></tr></thead><tbody>
  ${rs.map(
    (
      r,
    ) => html`<tr data-request="${r.id}"><td><a href="/requests/${r.id}">${r.id}</a>${r.urgent ? html` <span class="tag warn">急</span>` : ''}</td>
    <td>${itemsOf(r)}</td><td>${placeOf(r)}</td><td>${age(r.createdAt, now)}</td><td><span class="tag">${stage(r)}</span></td></tr>`,
  )}
  </tbody></table></div>`,
        )
  }
</section>
<section id="escalations">
  <h2>待处理的升级(${escalated.length})</h2>
  ${
    escalated.length === 0
      ? html`<p class="muted">没有已升级仍未解决的求助。</p>`
      : html`<ul>${escalated.map((r) => html`<li><a href="/requests/${r.id}">${r.id}</a> ${itemsOf(r)} · ${r.room} · ${stage(r)} · 已等${age(r.createdAt, now)}</li>`)}</ul>`
  }
</section>
<section id="callbacks">
  <h2>今日回访</h2>
  ${
    workers.length === 0
      ? html`<p class="muted">名单为空。</p>`
      : html`<div class="scroll"><table><thead><tr><th>网格员</th><th>应访</th><th>已访</th><th>联系不上</th><th>未访</th></tr></thead><tbody>
  ${workers.map((w) => html`<tr><td>${w.worker}</td><td>${w.due}</td><td>${w.done + w.proxy}</td><td>${w.unreachable}</td><td>${w.pending}</td></tr>`)}
  </tbody></table></div>`
  }
  <h3>今天联系不上的人(${unreachable.length})</h3>
  ${
    unreachable.length === 0
      ? html`<p class="muted">没有。</p>`
      : html`<ul>${unreachable.map((e) => html`<li><a href="/callbacks/person/${e.id}">${e.name}</a> · ${e.building}号楼 · 网格员 ${e.worker}</li>`)}</ul>`
  }
</section>
<section id="stock">
  <h2>爱心药领取点库存</h2>
  ${stock.map(
    (p) =>
      html`<p><strong>${p.name}</strong>:${
        Object.entries(p.stock)
          .map(([item, n]) => `${item} ${n}`)
          .join(',') || '无'
      }</p>`,
  )}
</section>`;
}
