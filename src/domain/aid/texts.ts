// Everything the mutual-aid feature says, in short lines that fit a phone screen.
// Group texts use only what was posted in that group; private texts may carry details.
import type { Location } from '../types.ts';
import { localTime } from '../time.ts';
import { maskPhones } from '../text/privacy.ts';
import type { AidRequest, OfferLink, StandingOffer } from './types.ts';
import { describeItems, type ItemFit } from './items.ts';

const FOR_WHOM_LABEL: Record<string, string> = {
  elderly: '老人',
  child: '孩子',
  pregnant: '孕妇',
  self: '本人',
  unknown: '',
};

const SAFETY_LINE = '用药请按说明书或遵医嘱。';
const CHILD_CAUTION = '注意:给孩子用成人药前,请先问医生或药师。';

export function formatLocation(loc: Location, fallbackBuilding: string | null = null): string {
  const building = loc.building ?? fallbackBuilding;
  let s = building ? `${building}号楼` : '';
  if (loc.unit) s += `${loc.unit}单元`;
  if (loc.room) s += loc.room;
  else if (loc.floor) s += `${loc.floor}楼`;
  return s;
}

function need(req: AidRequest): string {
  return req.items.length ? describeItems(req.items) : '帮助';
}

function whoLabel(req: AidRequest): string {
  return FOR_WHOM_LABEL[req.forWhom] ?? '';
}

/** The lines a match adds after who offers what: where to hand over, and the medicine cautions. */
function handoverLines(req: AidRequest, offer: OfferLink, fit: ItemFit, safety: boolean): string[] {
  const lines: string[] = [];
  const pickup = offer.pickup ?? req.pickup;
  if (pickup) lines.push(`交接:${pickup}`);
  if (safety) lines.push(SAFETY_LINE);
  if (fit === 'compatible' && req.items.some((i) => i.category === 'child_fever_medicine')) lines.push(CHILD_CAUTION);
  return lines;
}

function offered(req: AidRequest, offer: OfferLink): string {
  const what = offer.items.length ? describeItems(offer.items) : need(req);
  return what === need(req) ? '' : `:${what}`;
}

/** `safety`: a dosed medicine changes hands (see needsSafetyLine). */
export function matchNotice(req: AidRequest, offer: OfferLink, fit: ItemFit, roomBuilding: string | null, safety: boolean): string {
  const where = req.anonymous ? '' : formatLocation(req.postedLocation, roomBuilding);
  return [
    `【邻里互助】有人响应了`,
    `求助:${need(req)}${req.anonymous ? '(网格员代发)' : ''}${where ? `,${where}` : ''}`,
    `${offer.helper} 可以提供${offered(req, offer)}`,
    ...handoverLines(req, offer, fit, safety),
    '请两位直接联系;收到后回复"收到了"即可。',
  ].join('\n');
}

/** Private, to a requester whose helper answered in a group she is not in (a relay in the grid group). */
export function matchedElsewhereToRequester(req: AidRequest, offer: OfferLink, fit: ItemFit, safety: boolean): string {
  return [
    `【邻里互助】您在「${req.room}」的求助(${need(req)})有人响应了:`,
    `${offer.helper} 在「${offer.room ?? ''}」说可以提供${offered(req, offer)}`,
    `原话:${maskPhones(offer.text)}`,
    ...handoverLines(req, offer, fit, safety),
    '对方不在您的群里,请直接私聊对方;收到后在群里回复"收到了"即可。',
  ].join('\n');
}

/** Private, to that helper: who asked, and the building only (a room number stays in her group). */
export function matchedElsewhereToHelper(
  req: AidRequest,
  offer: OfferLink,
  fit: ItemFit,
  safety: boolean,
  roomBuilding: string | null,
): string {
  const building = req.location.building ?? roomBuilding;
  const who = req.anonymous
    ? `这条求助是网格员 ${req.requester} 代发的,网格员会和您联系。`
    : `求助的是${building ? `${building}号楼的` : ''} ${req.requester}(在「${req.room}」),请直接私聊对方。`;
  return [`【邻里互助】谢谢您愿意提供${need(req)}!`, who, ...handoverLines(req, offer, fit, safety)].join('\n');
}

/** In the group where the helper answered, when both sides were told privately. */
export function elsewhereAck(): string {
  return '谢谢!求助的邻居不在这个群里,我已分别私信您和对方,请私下联系。';
}

export function standingOfferNotice(req: AidRequest, offer: StandingOffer, safety: boolean): string {
  const lines = [
    `【邻里互助】${offer.helper} 之前说有${describeItems(offer.items)}${offer.pickup ? `,放在${offer.pickup}` : ''}。`,
    `求助:${need(req)}`,
  ];
  if (safety) lines.push(SAFETY_LINE);
  lines.push('请两位直接联系确认还有没有。');
  return lines.join('\n');
}

/** Private, to a requester matched with a standing offer made in another group. */
export function standingElsewhereToRequester(req: AidRequest, offer: StandingOffer, safety: boolean): string {
  return [
    `【邻里互助】您在「${req.room}」求的${need(req)}:${offer.helper} 之前在「${offer.room}」说有${describeItems(offer.items)}${offer.pickup ? `,放在${offer.pickup}` : ''}。`,
    `原话:${maskPhones(offer.text)}`,
    ...(safety ? [SAFETY_LINE] : []),
    '对方不在您的群里,请直接私聊对方确认还有没有。',
  ].join('\n');
}

/** Private, to the owner of that offer: who needs it, with the building only. */
export function standingElsewhereToHelper(req: AidRequest, offer: StandingOffer, roomBuilding: string | null): string {
  const building = req.location.building ?? roomBuilding;
  return `【邻里互助】您之前在「${offer.room}」说有${describeItems(offer.items)}。${building ? `${building}号楼的 ` : ''}${req.requester}(在「${req.room}」)正需要${need(req)},请直接私聊对方。`;
}

export function stockNotice(req: AidRequest, point: string, item: string, count: number, safety: boolean): string {
  return [`【邻里互助】${point}登记有${item}(约${count}份),可以去领取。`, `求助:${need(req)}`, ...(safety ? [SAFETY_LINE] : [])].join('\n');
}

/** Relay to the grid group: the building and the need, never a room number, phone or name. */
export function gridRelay(req: AidRequest, roomBuilding: string | null): string {
  const building = req.location.building ?? roomBuilding;
  const who = whoLabel(req);
  const lines = [
    `【互助转发】${building ? `${building}号楼` : '本网格'}有${who ? `一位${who}` : '邻居'}${req.urgent ? '急需' : '需要'}${need(req)},已等${minutesSince(req)}分钟还没有人回应。`,
    '有的邻居请直接回复"我有",我会转告对方。',
  ];
  return lines.join('\n');
}

function minutesSince(req: AidRequest, now?: Date): number {
  const end = now ?? new Date(req.escalatedToGridAt ?? req.updatedAt);
  return Math.max(1, Math.round((end.getTime() - Date.parse(req.createdAt)) / 60000));
}

/** Private to the grid worker: who, what, where and when. */
export function workerAlert(req: AidRequest, now: Date): string {
  const who = req.onBehalfOf ?? req.requester;
  const details = [who, formatLocation(req.location), whoLabel(req), need(req), req.temperature ? `${req.temperature}°` : ''].filter(
    Boolean,
  );
  return [
    `【${req.urgent ? '紧急' : ''}求助无人响应】${details.join(',')}`,
    `${localTime(new Date(req.createdAt))}在「${req.room}」求助,已${minutesSince(req, now)}分钟没有人响应。`,
    `原话:${maskPhones(req.text)}`,
    '请尽快联系或安排送药;有进展在群里回复即可。',
  ].join('\n');
}

export function expiryNotice(req: AidRequest, hours: number): string {
  return `您${localTime(new Date(req.createdAt))}发的求助(${need(req)})过了${hours}小时还没有邻居回应,先结束了。还需要的话请重新发,或联系网格员。`;
}

export function gridOfferAck(req: AidRequest, roomBuilding: string | null): string {
  const building = req.location.building ?? roomBuilding;
  return `谢谢!已在${building ? `${building}号楼` : '对方所在的'}群里通知求助的邻居,请和对方联系。`;
}

/** In another group (a helper answering a relay) the requester stays unnamed, as in the relay. */
export function cancelNotice(req: AidRequest, inOwnRoom: boolean, roomBuilding: string | null): string {
  const building = req.location.building ?? roomBuilding;
  const whose = inOwnRoom && !req.anonymous ? `${req.requester} 的求助` : `${building ? `${building}号楼` : ''}那条求助`;
  return `${whose}(${need(req)})已经不需要了,谢谢热心帮忙!`;
}

const STATUS_LABEL: Record<string, string> = {
  open: '等待响应',
  matched: '已有人响应',
  fulfilled: '已解决',
  cancelled: '已取消',
  expired: '已过期',
};

export function requestLine(req: AidRequest, opts: { details: boolean; roomBuilding?: string | null }): string {
  const where = opts.details
    ? formatLocation(req.location)
    : req.anonymous
      ? ''
      : formatLocation(req.postedLocation, opts.roomBuilding ?? null);
  const who = req.anonymous && !opts.details ? '网格员代发' : opts.details ? (req.onBehalfOf ?? req.requester) : req.requester;
  const helper = req.helper ? `(${req.helper})` : '';
  return `${localTime(new Date(req.createdAt))} ${who} ${need(req)}${where ? ` ${where}` : ''}${req.urgent ? ' 急' : ''} —— ${STATUS_LABEL[req.status]}${helper}`;
}

export function requestList(title: string, lines: string[], empty: string): string {
  if (lines.length === 0) return empty;
  return [title, ...lines.map((l, i) => `${i + 1}. ${l}`)].join('\n');
}

export function offerLine(o: StandingOffer): string {
  return `${o.helper} 有${describeItems(o.items)}${o.pickup ? `(${o.pickup})` : ''}`;
}
