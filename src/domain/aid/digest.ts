// Summaries of mutual aid for grid workers (private, with details) and the admin.
import type { AidRequest, AidState } from './types.ts';
import { isOpen } from './types.ts';
import { describeItems } from './items.ts';
import { offerLine, requestLine } from './texts.ts';

const inGrid = (grid: string | null) => (r: { grid: string | null }) => grid === null || r.grid === grid;

/** Since `since`: closed, cancelled, matched and waiting, unmatched; plus standing offers. */
export function aidSummary(state: AidState, grid: string | null, since: Date): string | null {
  const recent = state.requests.filter(
    (r) => inGrid(grid)(r) && (isOpen(r) || (r.closedAt !== null && Date.parse(r.closedAt) >= since.getTime())),
  );
  const offers = state.offers.filter((o) => o.active && inGrid(grid)(o) && Date.parse(o.createdAt) >= since.getTime() - 86400_000);
  if (recent.length === 0 && offers.length === 0) return null;
  const names = (rs: AidRequest[]) => rs.map((r) => `${r.onBehalfOf ?? r.requester}(${describeItems(r.items) || '帮助'})`).join('、');
  const group = (status: AidRequest['status']) => recent.filter((r) => r.status === status);
  const lines = ['【互助情况】'];
  const done = group('fulfilled');
  if (done.length) lines.push(`已解决 ${done.length}:${names(done)}`);
  const cancelled = group('cancelled');
  if (cancelled.length) lines.push(`已取消 ${cancelled.length}:${names(cancelled)}`);
  const matched = group('matched');
  if (matched.length)
    lines.push(`有人响应、待确认 ${matched.length}:${matched.map((r) => `${r.onBehalfOf ?? r.requester}(${r.helper})`).join('、')}`);
  const open = group('open');
  if (open.length) lines.push(`还没人响应 ${open.length}:`, ...open.map((r) => `- ${requestLine(r, { details: true })}`));
  const expired = group('expired');
  if (expired.length) lines.push(`已过期 ${expired.length}:${names(expired)}`);
  if (offers.length) lines.push('可提供:', ...offers.map((o) => `- ${offerLine(o)}`));
  return lines.join('\n');
}

export function openRequestCount(state: AidState, grid: string | null): { open: number; matched: number } {
  const rs = state.requests.filter((r) => isOpen(r) && inGrid(grid)(r));
  return { open: rs.filter((r) => r.status === 'open').length, matched: rs.filter((r) => r.status === 'matched').length };
}
