// Understanding sign-up talk in plain words:
//   报名 · 我参加 · +1 · 算我一个 · 我也去 -> sign me up
//   帮我同事老王也报一个 · 给徒弟小李报个名 · 我和老张都参加 -> (me and) others
//   不去了 · 取消报名 · 老王去不了了 -> cancel · 报名情况 -> counts
//   a pasted 接龙 list (1. 张三 2. 李四) -> its names
import { toHalfWidth } from '../text/normalize.ts';

export type SignupIntent =
  | { kind: 'signup'; self: boolean; others: string[] }
  | { kind: 'cancel'; who: string | null }
  | { kind: 'status' }
  | { kind: 'jielong'; lines: string[] }
  | { kind: 'none' };

const RELATION =
  '(?:我的?)?(?:同事|工友|朋友|师傅|师父|徒弟|同学|爱人|老婆|老公|媳妇|对象|班长|组长|车间的|班组的|队里的|单位的|一个同事|个同事)?';
const NAME = '([\\u4e00-\\u9fa5]{1,3}?|[A-Za-z]{2,12})';
const PROXY_RE = new RegExp(
  `(?:帮|替|给|带上?|加上?)${RELATION}${NAME}(?:也|一起|一块)?(?:报|报名|登记|加|算|占)(?:上|一下|一个|个名|名|一份|个)?`,
  'g',
);
const AND_RE = new RegExp(`^我(?:和|跟|带|与)${RELATION}${NAME}(?:都|一起|一块|俩|两个)`);
const SELF_RE =
  /^(?:我)?(?:也)?(?:要|想)?报名(?:参加)?(?:了|一下|一个)?$|^(?:我|本人)(?:也)?(?:要|想)?(?:报名|参加|去|来|报一个|报个名|报上)|^(?:算|加|带|报)(?:上)?我(?:一个|一份|1个)?|^\+\s*1$|^(?:＋|\+)1|^1\+$|^参加\+?1?$|^(?:我)?(?:也)?(?:报|参加|去)(?:一个|一份)?[!！~～。.]*$|^扣1$|^接龙$|^报名参加|^我报$/;
const CANCEL_RE =
  /取消报名|不去了|去不了了?|来不了了?|参加不了|不参加了|不能参加了|没法参加|没空去|有事去不了|去不成了?|退出(?:报名|活动)?|(?:把我|帮我把?\S{0,3})?(?:名字)?(?:划掉|删掉|撤了)|^取消$|我退了|不报了/;
const STATUS_RE =
  /^(?:@\S+\s*)?(?:报名情况|报名人数|报了多少人|报名(?:的人)?(?:多少|几个)|(?:还有|剩)(?:几个|多少)?名额吗?|谁报名了|报名名单)[?？]?$/;
/** Asking how, whether, where: not a sign-up. */
const QUESTION_RE = /吗|么|怎么|如何|哪里|在哪|能不能|可不可以|是不是|什么时候|几点|\?|？/;
const LIST_LINE_RE = /^\s*(\d{1,3})\s*[.、．:：)）]\s*(.+?)\s*$/;

export function isJielong(text: string): boolean {
  const lines = jielongLines(text);
  return /接龙/.test(text) ? lines.length >= 1 : lines.length >= 2;
}

/** The name on one 接龙 line: "3. 王五 +1 车间二组" -> 王五. */
export function jielongName(line: string): string | null {
  const m = LIST_LINE_RE.exec(line);
  if (!m) return null;
  const name = m[2]
    .replace(/[(（].*$/, '')
    .split(/[\s,，;；/]+/)[0]
    .replace(/[+＋]\d*$/, '')
    .trim();
  return name.length >= 1 && name.length <= 12 ? name : null;
}

/** Numbered lines of a list; also "1. 张三 2. 李四" written on one line. */
export function jielongLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\n/)) {
    const parts = raw.split(/(?=(?:^|\s)\d{1,3}\s*[.、．)）]\s*\S)/).map((p) => p.trim());
    for (const p of parts) if (LIST_LINE_RE.test(p)) out.push(p.replace(/\s+/g, ' '));
  }
  return out;
}

function cleanName(n: string): string {
  return n.replace(/^(?:我|也|把|个|一个)/, '').replace(/(?:也|都|一起)$/, '');
}

export function interpretSignup(rawText: string): SignupIntent {
  const text = toHalfWidth(rawText)
    .trim()
    .replace(/^@\S+[\s\u2005]+/, '');
  if (!text) return { kind: 'none' };
  if (isJielong(text)) return { kind: 'jielong', lines: jielongLines(text) };
  const flat = text.replace(/[\s,，。.!！~～]+$/g, '').replace(/\s+/g, '');
  if (STATUS_RE.test(flat)) return { kind: 'status' };
  if (CANCEL_RE.test(flat)) {
    if (QUESTION_RE.test(flat) && !/了/.test(flat)) return { kind: 'none' };
    const who = /^([\u4e00-\u9fa5]{2,3}?)(?:说)?(?:去不了|不去了|来不了|参加不了|不参加了|有事)/.exec(flat)?.[1] ?? null;
    return { kind: 'cancel', who: who && !/^我|^本人|^今天|^明天|^临时|^突然|^家里|^单位/.test(who) ? who : null };
  }
  if (QUESTION_RE.test(flat)) return { kind: 'none' };
  const others: string[] = [];
  for (const m of flat.matchAll(PROXY_RE)) {
    const n = cleanName(m[1]);
    if (n && n !== '我' && !others.includes(n)) others.push(n);
  }
  const together = AND_RE.exec(flat);
  if (together) {
    const n = cleanName(together[1]);
    if (n && !others.includes(n)) others.push(n);
    return { kind: 'signup', self: true, others };
  }
  if (others.length)
    return {
      kind: 'signup',
      self: /^(?:我|本人)?(?:也)?(?:报名|参加|\+1)|我也(?:报|去|参加)|我们?俩|算我|我一个|还有我|加我/.test(flat),
      others,
    };
  if (SELF_RE.test(flat)) return { kind: 'signup', self: true, others: [] };
  return { kind: 'none' };
}
