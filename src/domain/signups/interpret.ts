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
  '(?:我们?(?:班|组|车间|队|单位)?的?)?(?:同事|工友|朋友|师傅|师父|徒弟|同学|爱人|老婆|老公|媳妇|对象|班长|组长|车间的|班组的|队里的|单位的|一个同事|个同事)?';
const NAME = '([\\u4e00-\\u9fa5]{1,3}?|[A-Za-z]{2,12})';
const PROXY_RE = new RegExp(
  `(?:帮|替|给|带上?|加上?)${RELATION}${NAME}(?:也|一起|一块)?(?:报|报名|登记|加|算|占)(?:上|一下|一个|个名|名|一份|个)?`,
  'g',
);
const AND_RE = new RegExp(`^(?:我|算上我|加上我|带上我)(?:和|跟|带|与|还有)${RELATION}${NAME}(?:都|一起|一块|俩|两个|$)`);
/** Someone named only by who they are to the speaker: 帮我爱人也报上, 给我媳妇报个名. */
const KIN_PROXY_RE =
  /(?:帮|替|给)(?:我的?|俺)(爱人|老婆|老公|媳妇|对象|孩子|儿子|女儿|闺女|家属|徒弟|师傅|师父|同事|工友)(?:也|一起)?(?:报|报名|登记|算|加)/;
/** A reply repeated for emphasis (我报我报, 报名报名, 我来我来) reads as its half. */
const DOUBLED_RE = /^(.{1,3})\1$/;
/** 俺, 咱 and 本人 are 我 in plain speech. */
const SELF_WORD_RE = /^(?:俺|咱|本人)/;
const SELF_RE =
  /^(?:我)?(?:也)?(?:要|想)?报名(?:参加)?(?:了|一下|一个)?$|^(?:我|本人)(?:也)?(?:要|想)?(?:报名|参加|报一个|报个名|报上|(?:去|来)(?:参加|听|一个|$))|^(?:算|加|带|报)(?:上)?我(?:一个|一份|1个)?|^\+\s*1$|^(?:＋|\+)1|^1\+$|^参加\+?1?$|^(?:我)?(?:也)?(?:报|参加|去)(?:一个|一份)?[!！~～。.]*$|^扣1$|^接龙$|^报名参加|^我报$|^(?:我也?|也)?报(?:个名|上|一个名|一下)$|^(?:给|帮)我(?:也)?报(?:上|个名|一个|名|一下)?$|^(?:我)?(?:也)?凑(?:个数|一个|个人头)|^(?:我)?(?:也)?(?:要|想)(?:去|参加|听)(?:一下|一个)?(?:这个|这次)?(?:课|活动|讲座|培训)?$/;
const CANCEL_RE =
  /取消报名|不去了|去不了了?|来不了了?|参加不了|不参加了|不能参加了|没法参加|没空去|有事去不了|去不成了?|退出(?:报名|活动)?|(?:把我|帮我把?\S{0,3})?(?:名字)?(?:划掉|删掉|撤了)|^取消$|我退了|不报了/;
const STATUS_RE =
  /^(?:@\S+\s*)?(?:(?:现在|目前|一共|总共)?(?:已经)?报了(?:多少|几个)人了?|(?:现在|目前)?(?:有)?(?:多少|几个)人报(?:名)?了?|报名情况|报名人数|报名(?:的人)?(?:多少|几个)|(?:还有|还剩|剩)(?:几个|多少)?名额(?:吗|没)?|谁报名了|报名名单)[?？]?$/;
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
  let flat = text
    .replace(/[\s,，。.!！~～]+$/g, '')
    .replace(/\s+/g, '')
    .replace(/(?:吧|哈|呀|啊|哦|啦|谢谢(?:老师|你|您)?)$/, '')
    // A vocative or a please before the words that matter: 老师,我报名 · 麻烦帮我报一下.
    .replace(/^[^,，:：!！]{1,6}好[,，:：!！]+|^(?:老师|师傅|各位|大家|领导|工会|同志)们?[,，:：]+/, '')
    .replace(/^(?:麻烦|劳驾|请)(?:您|你)?/, '')
    .replace(SELF_WORD_RE, '我');
  const doubled = DOUBLED_RE.exec(flat);
  if (doubled) flat = doubled[1]!;
  // "报名+1", "参加 +1": the +1 only marks the sign-up.
  flat = flat.replace(/^(报名|参加|我)\+1$/, '$1');
  if (STATUS_RE.test(flat)) return { kind: 'status' };
  if (CANCEL_RE.test(flat)) {
    if (QUESTION_RE.test(flat) && !/了/.test(flat)) return { kind: 'none' };
    const who =
      /^([\u4e00-\u9fa5]{2,3}?)(?:说)?(?:他|她)?(?:临时|突然|今天|明天|那天)?(?:有事|家里有事|加班)?(?:去不了|不去了|来不了|参加不了|不参加了|有事)/.exec(
        flat,
      )?.[1] ?? null;
    return { kind: 'cancel', who: who && !/^我|^本人|^今天|^明天|^临时|^突然|^家里|^单位/.test(who) ? who : null };
  }
  if (QUESTION_RE.test(flat)) return { kind: 'none' };
  const others: string[] = [];
  for (const m of flat.matchAll(PROXY_RE)) {
    const n = cleanName(m[1]);
    if (n && n !== '我' && !others.includes(n)) others.push(n);
  }
  const kin = KIN_PROXY_RE.exec(flat);
  if (kin && !others.includes(kin[1]!)) others.push(kin[1]!);
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
