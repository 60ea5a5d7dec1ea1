// Finding which roster person a worker means: full name, nickname from the note, 刘大爷 / 老刘.
import { chineseNumberToInt, toHalfWidth } from '../text/normalize.ts';
import { surnameOf } from './entry.ts';
import type { PersonAtHome, RosterEntry } from './types.ts';

const HONORIFICS = [
  '老爷子',
  '老太太',
  '大爷',
  '大娘',
  '大妈',
  '大伯',
  '大叔',
  '大婶',
  '奶奶',
  '爷爷',
  '阿姨',
  '叔叔',
  '婶婶',
  '婶子',
  '伯伯',
  '姥姥',
  '姥爷',
  '老太',
  '老汉',
  '师傅',
  '老师',
  '叔',
  '婶',
  '姨',
  '伯',
  '婆',
];
const HONORIFIC_RE = new RegExp(`(${HONORIFICS.join('|')})`, 'g');

/** One place in the text that names someone, with the roster entries it may mean. */
export interface Mention<P extends PersonAtHome = RosterEntry> {
  text: string;
  index: number;
  candidates: P[];
  /** full: the whole name; nickname: from the note; honorific: 刘大爷 / 老刘; address: 2号楼302. */
  how: 'full' | 'nickname' | 'honorific' | 'address';
}

/** Nicknames written in a note: 外号"胖婶", 人称刘大爷, 昵称:小芳, “老顽童”. */
export function nicknamesFromNote(note: string): string[] {
  const out = new Set<string>();
  const text = toHalfWidth(note);
  for (const m of text.matchAll(/["“”'‘’「『《]([^"“”'‘’」』》]{1,8})["“”'‘’」』》]/g)) out.add(m[1].trim());
  for (const m of text.matchAll(
    /(?:昵称|外号|绰号|小名|别名|人称|又叫|也叫|大家叫她|大家叫他|都叫她|都叫他|叫她|叫他|称呼)[::为是]?\s*([\u4e00-\u9fa5A-Za-z0-9]{2,6})/g,
  )) {
    out.add(m[1]);
  }
  return [...out].filter((n) => n.length >= 2);
}

/** Entries with a given surname, narrowed by a building/room written in the text when that helps. */
function bySurname<P extends PersonAtHome>(scope: readonly P[], surname: string, text: string): P[] {
  const same = scope.filter((e) => surnameOf(e.name) === surname);
  if (same.length <= 1) return same;
  const narrowed = narrowByAddress(same, text);
  return narrowed.length ? narrowed : same;
}

/** Keep entries whose room (and building, if written) appear in the text: 1号楼502, 2栋601, 502. */
export function narrowByAddress<P extends PersonAtHome>(entries: readonly P[], text: string): P[] {
  return entries.filter((e) => {
    const roomHit = new RegExp(`(?<!\\d)${e.room}(?!\\d)`).test(text);
    if (!roomHit) return false;
    const building = /(\d+)\s*(?:号楼|号|栋|幢|楼)/.exec(text);
    return !building || building[1] === e.building;
  });
}

/** Every place in the text that names someone in `scope`. Longer full names win over names inside them. */
/** Who a text names among `scope` (a callback roster or a campaign list). */
export function findMentions<P extends PersonAtHome>(rawText: string, scope: readonly P[]): Mention<P>[] {
  const text = toHalfWidth(rawText);
  const mentions: Mention<P>[] = [];
  const byName = new Map<string, P[]>();
  for (const e of scope) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);

  // Full names, longest first so 李秀英 hides 李秀.
  const covered: [number, number][] = [];
  const isCovered = (i: number, len: number) => covered.some(([s, e]) => i >= s && i + len <= e);
  for (const name of [...byName.keys()].sort((a, b) => b.length - a.length)) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      if (isCovered(i, name.length)) continue;
      covered.push([i, i + name.length]);
      const same = byName.get(name)!;
      const narrowed = same.length > 1 ? narrowByAddress(same, text) : same;
      mentions.push({ text: name, index: i, candidates: narrowed.length ? narrowed : same, how: 'full' });
    }
  }

  // An address alone: 2号楼302, 3栋2单元402.
  for (const m of text.matchAll(/(\d+)\s*(?:号楼|栋|幢|号)\s*(?:(\d+)\s*单元)?\s*(\d{3,4})(?!\d)/g)) {
    const at = scope.filter((e) => e.building === m[1] && e.room === m[3] && (!m[2] || !e.unit || e.unit === m[2]));
    if (at.length === 0 || isCovered(m.index, m[0].length)) continue;
    covered.push([m.index, m.index + m[0].length]);
    mentions.push({ text: m[0], index: m.index, candidates: at, how: 'address' });
  }

  // Nicknames from the notes.
  const byNick = new Map<string, P[]>();
  for (const e of scope) for (const n of nicknamesFromNote(e.note)) byNick.set(n, [...(byNick.get(n) ?? []), e]);
  for (const [nick, entries] of [...byNick.entries()].sort((a, b) => b[0].length - a[0].length)) {
    for (let i = text.indexOf(nick); i >= 0; i = text.indexOf(nick, i + 1)) {
      if (isCovered(i, nick.length)) continue;
      covered.push([i, i + nick.length]);
      mentions.push({ text: nick, index: i, candidates: entries, how: 'nickname' });
    }
  }

  // Surname + honorific (刘大爷, 孙奶奶) and 老 + surname (老刘).
  const surnames = new Set(scope.map((e) => surnameOf(e.name)));
  HONORIFIC_RE.lastIndex = 0;
  for (const m of text.matchAll(HONORIFIC_RE)) {
    for (const len of [2, 1]) {
      const start = m.index - len;
      if (start < 0) continue;
      const surname = text.slice(start, m.index);
      if (!surnames.has(surname) || isCovered(start, len + m[0].length)) continue;
      covered.push([start, m.index + m[0].length]);
      mentions.push({ text: surname + m[0], index: start, candidates: bySurname(scope, surname, text), how: 'honorific' });
      break;
    }
  }
  for (const m of text.matchAll(/老([\u4e00-\u9fa5])/g)) {
    if (!surnames.has(m[1]) || isCovered(m.index, 2)) continue;
    covered.push([m.index, m.index + 2]);
    mentions.push({ text: m[0], index: m.index, candidates: bySurname(scope, m[1], text), how: 'honorific' });
  }

  // A nickname or honorific inside parentheses next to a full name adds nothing: 刘大爷(刘德顺).
  const full = mentions.filter((m) => m.how === 'full');
  const kept = full.length
    ? mentions.filter((m) => m.how === 'full' || !m.candidates.some((c) => full.some((f) => f.candidates.includes(c))))
    : mentions;
  return kept.sort((a, b) => a.index - b.index);
}

/** A name-like word before a report phrase, for "not on your list" replies: 赵大妈, 陈桂花. */
export function guessUnknownName(rawText: string): string | undefined {
  const text = toHalfWidth(rawText).trim();
  const honorific = new RegExp(
    `(?:^|[^\\u4e00-\\u9fa5]|[我给和跟找])([\\u4e00-\\u9fa5]{1,2}(?:${HONORIFICS.slice(0, 20).join('|')}))`,
  ).exec(text);
  if (honorific) return honorific[1];
  const lead = /^([\u4e00-\u9fa5]{2,3}?)(?=打|电话|正常|挺好|没人|没接|回访|已|我|还|上门|发烧|咳|都|也|今天|,|\s)/.exec(text);
  if (lead && !/^(今天|昨天|刚才|电话|我们|大家|他们|她们|都|全部|已经|还有|这个|那个|老人)/.test(lead[1])) return lead[1];
  return undefined;
}

/** Pick one of the candidates from a reply to an ask-back: full name, 1 / 第二个, or a room number. */
export function resolveAmbiguity(reply: string, candidates: readonly RosterEntry[]): RosterEntry | null {
  const text = toHalfWidth(reply).trim();
  const named = candidates.filter((c) => text.includes(c.name));
  if (named.length === 1) return named[0];
  const ordinal = /^(?:第)?([1-9一二三四五六七八九])(?:个|位|号)?$/.exec(text);
  if (ordinal) {
    const n = '一二三四五六七八九'.indexOf(ordinal[1]) + 1 || Number(ordinal[1]);
    return candidates[n - 1] ?? null;
  }
  const byRoom = narrowByAddress(candidates, text);
  if (byRoom.length === 1) return byRoom[0];
  // "1号楼那个": the building alone is enough when it tells the candidates apart.
  const building = /(\d+|[一二三四五六七八九十]+)\s*(?:号楼|号|栋|幢)/.exec(text)?.[1];
  const n = building ? chineseNumberToInt(building) : null;
  const inBuilding = n === null ? [] : candidates.filter((c) => c.building === String(n));
  return inBuilding.length === 1 ? inBuilding[0] : null;
}
