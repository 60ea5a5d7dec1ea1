// A staff member's activity post, in a private chat: key:value lines or one plain sentence.
//   发布活动
//   标题:名师带徒·数控车床公开课   时间:3月18日下午2点   地点:区职工服务中心三楼
//   名额:30   截止:3月16日   群:职工服务群
// or: 发布活动:3月25日晚上7点线上课堂"安全生产小知识",链接 https://…,限50人,3月24日前报名
import { chineseNumberToInt, toHalfWidth } from '../text/normalize.ts';
import { parseWhen } from './when.ts';

export interface ActivityDraft {
  title: string;
  time: Date;
  place: string | null;
  link: string | null;
  capacity: number | null;
  deadline: Date | null;
  /** Parts of group names staff chose; empty = every union group. */
  rooms: string[];
}

export type FormResult = { ok: true; draft: ActivityDraft } | { ok: false; missing: string[] } | null;

const START_RE = /^(?:发布活动|发活动|新活动|活动发布|发布报名|发起报名|新建活动)[::\s]*/;
const KEYS: [RegExp, keyof Fields][] = [
  [/^(?:标题|活动名称|活动|名称|主题|课程)$/, 'title'],
  [/^(?:时间|活动时间|日期|开始时间|上课时间)$/, 'time'],
  [/^(?:地点|地址|场地|活动地点|上课地点)$/, 'place'],
  [/^(?:链接|网址|线上链接|直播|会议号|腾讯会议)$/, 'link'],
  [/^(?:名额|人数|限额|容量|限报|人数上限)$/, 'capacity'],
  [/^(?:截止|报名截止|截止时间|报名截止时间|截止日期)$/, 'deadline'],
  [/^(?:群|发到|发布到|群聊|发哪些群|发布群)$/, 'rooms'],
];

interface Fields {
  title?: string;
  time?: string;
  place?: string;
  link?: string;
  capacity?: string;
  deadline?: string;
  rooms?: string;
}

export function isActivityPost(text: string): boolean {
  const t = toHalfWidth(text).trim();
  return START_RE.test(t) || (/(?:^|\n)\s*标题\s*[:：]/.test(t) && /(?:^|\n)\s*时间\s*[:：]/.test(t));
}

function keyed(text: string): Fields {
  const f: Fields = {};
  for (const line of text.split(/\n/)) {
    const m = /^\s*([\u4e00-\u9fa5]{1,6})\s*[:：]\s*(.+?)\s*$/.exec(line);
    if (!m) continue;
    const key = KEYS.find(([re]) => re.test(m[1]))?.[1];
    if (key && !f[key]) f[key] = m[2];
  }
  return f;
}

function capacityOf(s: string): number | null {
  const m = /(?:限|名额|共|仅)?\s*(\d+|[一二三四五六七八九十百两]+)\s*(?:人|名|个|位)?/.exec(s);
  if (!m) return null;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : chineseNumberToInt(m[1]);
  return n && n > 0 ? n : null;
}

/** Plain sentence: pull out what a key:value form would have said. */
function fromSentence(text: string): Fields {
  const f: Fields = {};
  const quoted = /[「《“"]([^」》”"]{2,40})[」》”"]/.exec(text);
  if (quoted) f.title = quoted[1];
  const link = /(https?:\/\/\S+?)(?=[\s,，。;；]|$)/.exec(text);
  if (link) f.link = link[1];
  const place = /在([^,，。;；\s]{2,30}?)(?:举办|举行|开展|进行|上课|开课|集合|开)/.exec(text);
  if (place) f.place = place[1];
  const cap = /(?:限|名额|限额|只收|共)\s*(\d+|[一二三四五六七八九十百两]+)\s*(?:人|名|个)?|(\d+)\s*个名额/.exec(text);
  if (cap) f.capacity = cap[1] ?? cap[2];
  const dl = /(?:截止(?:到|至|时间)?|报名截止)\s*[::]?\s*([^,，。;；]+)|([^,，。;；]{2,14}?)(?:之)?前报名/.exec(text);
  if (dl) f.deadline = dl[1] ?? dl[2];
  const body = text.replace(dl?.[0] ?? '\u0000', ' ');
  const when =
    /((?:\d{4}\s*[-/.年]\s*)?\d{1,2}\s*[月/]\s*\d{1,2}\s*[日号]?|今天|明天|后天)\s*(?:[(（][^)）]*[)）])?\s*((?:上午|早上|中午|下午|晚上|傍晚)?\s*\d{1,2}\s*(?:[:：]\s*\d{2}|点\s*(?:半|\d{1,2}\s*分?)?))?/.exec(
      body,
    );
  if (when) f.time = when[0];
  if (!f.title) {
    const held = /(?:举办|举行|开展|开|组织)(?:一(?:场|期|次))?([^,，。;；]{2,30})/.exec(text);
    if (held) f.title = held[1].replace(/活动$/, '活动');
  }
  return f;
}

export function parseActivityPost(raw: string, now: Date): FormResult {
  const text = toHalfWidth(raw).trim();
  if (!isActivityPost(text)) return null;
  const body = text.replace(START_RE, '');
  const k = keyed(body);
  const s = Object.keys(k).length >= 2 ? {} : fromSentence(body);
  const f: Fields = { ...s, ...k };
  const missing: string[] = [];
  const time = f.time ? parseWhen(f.time, now) : null;
  if (!f.title) missing.push('标题');
  if (!time) missing.push('时间');
  if (!f.place && !f.link) missing.push('地点或线上链接');
  if (missing.length || !time || !f.title) return { ok: false, missing };
  const deadline = f.deadline ? parseWhen(f.deadline, now, '23:59') : null;
  return {
    ok: true,
    draft: {
      title: f.title.trim(),
      time,
      place: f.place?.trim() ?? null,
      link: f.link?.trim() ?? null,
      capacity: f.capacity ? capacityOf(f.capacity) : null,
      deadline: deadline && deadline.getTime() < time.getTime() ? deadline : null,
      rooms: f.rooms
        ? f.rooms
            .split(/[,，、;；\s]+/)
            .map((r) => r.trim())
            .filter(Boolean)
        : [],
    },
  };
}

export const ACTIVITY_TEMPLATE = [
  '发布活动',
  '标题:名师带徒·数控车床公开课',
  '时间:3月18日下午2点',
  '地点:区职工服务中心三楼(线上活动写"链接:…")',
  '名额:30',
  '截止:3月16日',
  '群:职工服务群(不写就发到所有工会群)',
].join('\n');
