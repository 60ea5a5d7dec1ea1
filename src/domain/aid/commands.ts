// Plain-word commands for mutual aid: 求助列表, 我的求助, 完成, 取消, and for grid workers
// in a private chat, their grid's open requests and 库存 updates of the pickup point.
import type { AidRequest, AidState, PickupStock } from './types.ts';
import { isOpen } from './types.ts';
import { offerLine, requestLine, requestList } from './texts.ts';

export type AidCommand =
  | { kind: 'list' }
  | { kind: 'mine' }
  | { kind: 'close'; status: 'fulfilled' | 'cancelled'; index: number | null }
  | { kind: 'stock'; item: string | null; delta: number | null };

export function recogniseAidCommand(raw: string): AidCommand | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (/^(查看)?(求助|互助)(列表|清单)$/.test(text) || /^(还有)?哪些求助(没解决)?[?？]?$/.test(text)) return { kind: 'list' };
  if (/^我的求助$/.test(text)) return { kind: 'mine' };
  const close = /^(完成|已完成|取消|撤销)(求助)?\s*(\d+)?$/.exec(text);
  if (close) {
    return {
      kind: 'close',
      status: close[1]!.includes('完成') ? 'fulfilled' : 'cancelled',
      index: close[3] ? Number(close[3]) : null,
    };
  }
  const stock = /^库存(?:\s+(\S+?)\s*([+-]\s*\d+)?)?$/.exec(text);
  if (stock) {
    return { kind: 'stock', item: stock[1] ?? null, delta: stock[2] ? Number(stock[2].replace(/\s/g, '')) : null };
  }
  return null;
}

const byTime = (a: AidRequest, b: AidRequest): number => a.createdAt.localeCompare(b.createdAt);

export function roomRequestList(state: AidState, room: string, roomBuilding: string | null): string {
  const open = state.requests.filter((r) => isOpen(r) && r.room === room).sort(byTime);
  return requestList(
    '本群还在进行的求助:',
    open.map((r) => requestLine(r, { details: false, roomBuilding })),
    '本群现在没有待解决的求助。',
  );
}

export function ownRequests(state: AidState, sender: string): AidRequest[] {
  return state.requests.filter((r) => isOpen(r) && r.requester === sender).sort(byTime);
}

export function ownRequestList(state: AidState, sender: string): string {
  return requestList(
    '您的求助:',
    ownRequests(state, sender).map((r) => requestLine(r, { details: false })),
    '您现在没有待解决的求助。',
  );
}

/** For a grid worker in private: details are fine, these are the worker's own people. */
export function gridRequestList(state: AidState, grid: string | null): string {
  const open = state.requests.filter((r) => isOpen(r) && (grid === null || r.grid === grid)).sort(byTime);
  const offers = state.offers.filter((o) => o.active && (grid === null || o.grid === grid));
  const parts = [
    requestList(
      `${grid ?? '全部网格'}还在进行的求助:`,
      open.map((r) => requestLine(r, { details: true })),
      `${grid ?? '全部网格'}现在没有待解决的求助。`,
    ),
  ];
  if (offers.length) parts.push(['邻居登记的可提供物品:', ...offers.map((o) => `- ${offerLine(o)}`)].join('\n'));
  return parts.join('\n\n');
}

export function applyStock(
  points: PickupStock[],
  grid: string | null,
  item: string,
  delta: number,
): { point: PickupStock; count: number } | null {
  const found = points.find((p) => p.grid === grid) ?? points.find((p) => p.grid === null) ?? points[0];
  if (!found) return null;
  const count = Math.max(0, (found.stock[item] ?? 0) + delta);
  // The point as it is now: the caller writes it back (the points given are not changed).
  return { point: { ...found, stock: { ...found.stock, [item]: count } }, count };
}

export function stockReport(points: PickupStock[]): string {
  if (points.length === 0) return '还没有登记爱心药领取处。';
  return points
    .map((p) => {
      const items = Object.entries(p.stock).map(([k, v]) => `${k} ${v}`);
      return `${p.name}:${items.length ? items.join(',') : '暂无登记'}`;
    })
    .join('\n');
}
