// 统计: the figures behind the charts are computed here; static/charts.js draws them with ECharts.
import { countsByWorker, dateRange, lastDays } from '../../domain/callbacks/index.ts';
import { localDate } from '../../domain/time.ts';
import { CATEGORIES } from '../../domain/types.ts';
import { html, jsonScript, type Html } from '../html.ts';
import { CATEGORY_LABEL, categoriesOf } from '../labels.ts';
import { gridOfEntry, nowOf, visibleRoster, type WebEnv } from '../env.ts';
import { callsWithHistory, handoffsWithHistory, requestsWithHistory } from '../history.ts';
import { canSeeCommunity, canSeeGrid, canSeeUnion, type Staff } from '../staff-access.ts';

const DAYS = 14;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const minutesBetween = (from: string, to: string): number => Math.max(0, (Date.parse(to) - Date.parse(from)) / 60000);

export interface StatsData {
  days: string[];
  requestsByCategory?: { name: string; data: number[] }[];
  responseMinutes?: { firstResponse: number | null; match: number | null };
  outcomes?: { name: string; value: number }[];
  callsByGrid?: { name: string; data: number[] }[];
  /** Series with a stack are the bot's own outcomes (stacked bars); the rest are lines. */
  union?: { name: string; data: number[]; stack?: string }[];
}

/** The charts' figures over the last DAYS days, closed requests and old calls from the archive included. */
export async function statsData(env: WebEnv, staff: Staff): Promise<StatsData> {
  const today = localDate(nowOf(env));
  const from = lastDays(today, DAYS).from;
  const days = dateRange(from, today);
  const data: StatsData = { days };
  const dayOf = (iso: string) => localDate(new Date(iso));
  if (canSeeCommunity(staff)) {
    // Requests made in the window, wherever they are kept now; medians and shares cover them too.
    const requests = (await requestsWithHistory(env)).filter((r) => canSeeGrid(staff, r.grid) && dayOf(r.createdAt) >= from);
    data.requestsByCategory = CATEGORIES.map((c) => ({
      name: CATEGORY_LABEL[c],
      data: days.map((d) => requests.filter((r) => dayOf(r.createdAt) === d && categoriesOf(r).includes(c)).length),
    })).filter((s) => s.data.some((n) => n > 0));
    const firsts = requests.flatMap((r) => (r.offers[0] ? [minutesBetween(r.createdAt, r.offers[0].at)] : []));
    const matches = requests.flatMap((r) => {
      const offer = r.helper ? r.offers.find((o) => o.helper === r.helper) : null;
      return offer ? [minutesBetween(r.createdAt, offer.at)] : [];
    });
    data.responseMinutes = { firstResponse: median(firsts), match: median(matches) };
    const closed = requests.filter((r) => r.status === 'fulfilled' || r.status === 'cancelled' || r.status === 'expired');
    data.outcomes = [
      { name: '已完成', value: closed.filter((r) => r.status === 'fulfilled').length },
      { name: '已取消', value: closed.filter((r) => r.status === 'cancelled').length },
      { name: '已过期', value: closed.filter((r) => r.status === 'expired').length },
    ];
    const roster = visibleRoster(env, staff);
    const grids = [...new Set(roster.map((e) => gridOfEntry(env, e) ?? '未分网格'))];
    const calls = await callsWithHistory(env, from);
    data.callsByGrid = grids.flatMap((g) => {
      const mine = roster.filter((e) => (gridOfEntry(env, e) ?? '未分网格') === g);
      const perDay = days.map((d) => countsByWorker(mine, calls, d, env.app.config.holidays));
      return [
        { name: `${g} 已访`, data: perDay.map((rows) => rows.reduce((n, r) => n + r.done + r.proxy, 0)) },
        { name: `${g} 联系不上`, data: perDay.map((rows) => rows.reduce((n, r) => n + r.unreachable, 0)) },
      ];
    });
  }
  if (canSeeUnion(staff)) {
    const handoffs = await handoffsWithHistory(env);
    const counts = env.app.bot.state.stats.faq;
    data.union = [
      { name: '机器人直接回答', data: days.map((d) => counts[d]?.answered ?? 0), stack: 'bot' },
      { name: '给出选项', data: days.map((d) => counts[d]?.suggested ?? 0), stack: 'bot' },
      { name: '转人工', data: days.map((d) => counts[d]?.handedOff ?? 0), stack: 'bot' },
      { name: '工作人员已答复', data: days.map((d) => handoffs.filter((h) => h.answeredAt && dayOf(h.answeredAt) === d).length) },
    ];
  }
  return data;
}

const fmt = (m: number | null): string => (m === null ? '暂无' : m < 60 ? `${Math.round(m)}分钟` : `${(m / 60).toFixed(1)}小时`);

export async function statsPage(env: WebEnv, staff: Staff): Promise<Html> {
  const data = await statsData(env, staff);
  return html`
<script type="application/json" id="stats-data">${jsonScript(data)}</script>
${
  data.requestsByCategory
    ? html`<div class="grid2">
  <section><h2>每天的求助(按类别)</h2><div class="chart" id="chart-requests"></div></section>
  <section><h2>求助结果(近${DAYS}天发的)</h2><div class="chart" id="chart-outcomes"></div></section>
  <section><h2>响应时间(中位数,近${DAYS}天)</h2><p>首次有人回应:<strong>${fmt(data.responseMinutes?.firstResponse ?? null)}</strong></p><p>匹配到帮忙的人:<strong>${fmt(data.responseMinutes?.match ?? null)}</strong></p></section>
  <section><h2>每天回访(按网格)</h2><div class="chart" id="chart-calls"></div></section>
</div>`
    : ''
}
${
  data.union
    ? html`<section><h2>工会问答每天回答、给出选项与转人工</h2><div class="chart" id="chart-union"></div>
  <p class="muted">打招呼、道谢和与工会无关的话不算在内。</p></section>`
    : ''
}`;
}
