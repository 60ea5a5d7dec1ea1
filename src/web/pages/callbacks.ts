// 回访: the roster (import from .xlsx/.csv, every bad row shown, nothing changed unless all are
// good), each person's call history and health flags, each worker's progress by day, exports.
import {
  callsFor,
  countsByWorker,
  dateRange,
  FLAG_LABEL,
  formatFrequency,
  lastDays,
  OUTCOME_LABEL,
  openFlags,
  type RosterEntry,
} from '../../domain/callbacks/index.ts';
import { localDate } from '../../domain/time.ts';
import type { RowError } from '../../roster-io/import.ts';
import { html, type Html } from '../html.ts';
import { when } from '../labels.ts';
import { nowOf, visibleRoster, type WebEnv } from '../env.ts';
import type { RosterForm } from '../roster-edit.ts';
import type { Staff } from '../staff-access.ts';
import { csrfField } from './layout.ts';

const EMPTY_FORM: RosterForm = { name: '', building: '', unit: '', room: '', phone: '', worker: '', frequency: '每天', note: '' };

/** The row's problems, if the last try was refused. */
function problemsBox(id: string, problems: readonly string[] | null): Html {
  if (!problems) return html``;
  return html`<div class="error" id="${id}"><p>没有保存,名单未做任何改动:</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>`;
}

/** One person's fields; on an edit the phone is left blank and a blank phone keeps the number. */
function rosterFields(form: RosterForm, editing: boolean): Html {
  const input = (name: keyof RosterForm, label: string, extra: Html = html``) =>
    html`<label>${label}<br><input name="${name}" value="${form[name]}"${extra}></label>`;
  return html`<div class="filters">
    ${input('name', '姓名', html` required maxlength="20"`)}
    ${input('building', '楼号', html` required maxlength="10"`)}
    ${input('unit', '单元', html` maxlength="10"`)}
    ${input('room', '室号', html` required maxlength="10"`)}
    ${input('phone', '电话', editing ? html` placeholder="不改请留空" inputmode="tel"` : html` required inputmode="tel"`)}
    ${input('worker', '网格员', html` required maxlength="20"`)}
    ${input('frequency', '频次', html` required placeholder="每天 / 每周 / 周一三五"`)}
    ${input('note', '备注', html` maxlength="100"`)}
  </div>`;
}

export interface RosterAddOutcome {
  form: RosterForm;
  problems: string[];
}

function addPersonSection(csrf: string, refused: RosterAddOutcome | null): Html {
  return html`<section>
  <h2>添加一个人</h2>
  ${problemsBox('add-errors', refused?.problems ?? null)}
  <form method="post" action="/callbacks/roster" class="stack" style="max-width:none" id="add-person">
    ${csrfField(csrf)}
    ${rosterFields(refused?.form ?? EMPTY_FORM, false)}
    <p class="muted">和导入名单同样的检查:电话为11位手机号或带区号的座机,频次可填每天、每周、周一三五。</p>
    <div><button id="add-person-save">添加</button></div>
  </form>
</section>`;
}

export interface ImportOutcome {
  file: string;
  errors?: readonly RowError[];
  imported?: number;
}

function importResult(outcome: ImportOutcome | null): Html {
  if (!outcome) return html``;
  if (outcome.errors)
    return html`<div class="error" id="import-errors"><p>「${outcome.file}」没有导入,名单未做任何改动。有 ${outcome.errors.length} 处要改:</p>
    <ul>${outcome.errors.map((e) => html`<li>第${e.line}行:${e.reason}</li>`)}</ul></div>`;
  return html`<div class="ok" id="import-ok">已从「${outcome.file}」导入 ${outcome.imported ?? 0} 人。</div>`;
}

export function callbacksPage(
  env: WebEnv,
  staff: Staff,
  csrf: string,
  outcome: ImportOutcome | null = null,
  refused: RosterAddOutcome | null = null,
  calls = env.app.bot.state.calls,
): Html {
  const roster = visibleRoster(env, staff);
  const today = localDate(nowOf(env));
  const days = dateRange(lastDays(today, 7).from, today);
  const progress = days.map((d) => ({ date: d, rows: countsByWorker(roster, calls, d, env.app.config.holidays) }));
  const workers = [...new Set(roster.map((e) => e.worker))];
  return html`
${importResult(outcome)}
<section>
  <h2>回访名单(${roster.length}人)</h2>
  <div class="scroll"><table id="roster"><thead><tr><th>姓名</th><th>楼号</th><th>单元</th><th>室号</th><th>网格员</th><th>频次</th><th>备注</th><th>健康提醒</th></tr></thead><tbody>
  ${roster.map((e) => {
    const flags = openFlags(e, callsFor(e, calls));
    return html`<tr data-person="${e.id}"><td><a href="/callbacks/person/${e.id}">${e.name}</a></td><td>${e.building}</td><td>${e.unit ?? ''}</td><td>${e.room}</td><td>${e.worker}</td>
    <td>${formatFrequency(e.frequency)}</td><td>${e.note}</td><td>${flags.map((f) => html`<span class="tag warn">${FLAG_LABEL[f]}</span> `)}</td></tr>`;
  })}
  </tbody></table></div>
  <p><a href="/callbacks/roster.xlsx">导出名单</a> · <a href="/callbacks/calls.xlsx">导出近30天回访记录</a></p>
</section>
${staff.role === 'admin' ? addPersonSection(csrf, refused) : ''}
${
  staff.role === 'admin'
    ? html`<section>
  <h2>导入名单</h2>
  <p class="muted">Excel(.xlsx)或 CSV 文件,表头:姓名 楼号 单元 室号 电话 网格员 频次 备注。有任何一行不对,整份不导入,原名单不变。</p>
  <form method="post" action="/callbacks/import?_csrf=${encodeURIComponent(csrf)}" enctype="multipart/form-data" class="stack">
    <input type="file" name="file" accept=".xlsx,.csv" required>
    <button id="import-roster">导入</button>
  </form>
</section>`
    : ''
}
<section>
  <h2>近7天各网格员进度(已访/应访)</h2>
  <div class="scroll"><table><thead><tr><th>日期</th>${workers.map((w) => html`<th>${w}</th>`)}</tr></thead><tbody>
  ${progress.map(
    (p) =>
      html`<tr><td>${p.date.slice(5)}</td>${workers.map((w) => {
        const row = p.rows.find((r) => r.worker === w);
        return html`<td>${row ? `${row.done + row.proxy}/${row.due}${row.unreachable ? `(${row.unreachable}联系不上)` : ''}` : '—'}</td>`;
      })}</tr>`,
  )}
  </tbody></table></div>
</section>`;
}

export interface PersonEdit {
  csrf: string;
  form: RosterForm;
  problems: string[] | null;
}

/** The person's row as a form (admins): save with the import's checks, or remove. */
function editPersonSection(e: RosterEntry, edit: PersonEdit): Html {
  return html`<section>
  <h2>修改这一行</h2>
  ${problemsBox('edit-errors', edit.problems)}
  <form method="post" action="/callbacks/person/${e.id}/edit" class="stack" style="max-width:none" id="edit-person">
    ${csrfField(edit.csrf)}
    ${rosterFields(edit.form, true)}
    <div><button id="edit-person-save">保存</button></div>
  </form>
  <form method="post" action="/callbacks/person/${e.id}/remove" class="filters" id="remove-person">
    ${csrfField(edit.csrf)}
    <label><input type="checkbox" name="confirm" value="1" required> 确认从名单中删除${e.name}(回访记录保留)</label>
    <button id="remove-person-save">删除</button>
  </form>
</section>`;
}

/** A person's page; `calls` includes the archived ones (src/web/history.ts). */
export function personPage(env: WebEnv, e: RosterEntry, calls = env.app.bot.state.calls, edit: PersonEdit | null = null): Html {
  const history = callsFor(e, calls)
    .slice()
    .sort((a, b) => b.at.localeCompare(a.at));
  const flags = openFlags(e, history);
  return html`
<section>
  <p><strong>${e.name}</strong> · ${e.building}号楼${e.unit ? `${e.unit}单元` : ''}${e.room} · 网格员 ${e.worker} · ${formatFrequency(e.frequency)}</p>
  <p>${e.note}</p>
  <p>健康提醒:${flags.length ? flags.map((f) => html`<span class="tag warn">${FLAG_LABEL[f]}</span> `) : '无'}</p>
</section>
<section>
  <h2>回访记录</h2>
  ${
    history.length === 0
      ? html`<p class="muted">还没有回访记录。</p>`
      : html`<ol class="timeline">${history.map(
          (c) =>
            html`<li><span class="muted">${when(c.at)}</span> ${c.worker}:${OUTCOME_LABEL[c.outcome]}${c.flags.length ? `(${c.flags.map((f) => FLAG_LABEL[f]).join('、')})` : ''} — ${c.text}</li>`,
        )}</ol>`
  }
</section>
${edit ? editPersonSection(e, edit) : ''}`;
}
