// Understanding a visitor's plain words about a campaign visit:
//   王建国春联送到了,身体挺好,说家里暖气不热 -> visited, need "家里暖气不热"
//   李秀兰家里没人 -> not reached · 赵德明说不用送了 -> declined · 老伴代收的 -> visited (family)
// and their questions (还有谁没走访 / 走访进度). Names are found as for callbacks (full name, 王大爷, 老王).
import { findMentions } from '../callbacks/resolve.ts';
import { toHalfWidth } from '../text/normalize.ts';
import type { CampaignPerson, VisitOutcome } from './types.ts';

export interface VisitReading {
  outcome: VisitOutcome | null;
  proxy: boolean;
  needs: string[];
  /** The message says a need it reported before is settled (暖气修好了). */
  settled: boolean;
}

export type VisitInterpretation =
  | { kind: 'report'; person: CampaignPerson; reading: VisitReading }
  | { kind: 'ambiguous'; mention: string; candidates: CampaignPerson[] }
  | { kind: 'unclear'; person: CampaignPerson }
  | { kind: 'query'; query: 'todo' | 'progress' }
  | { kind: 'none' };

const UNREACHED_RE =
  /(?:家里|家中|屋里)?没(?:有)?人(?!照顾|管|陪|帮|说|理)(?:在家|开门|应|答应)?|不在家|敲门没(?:人)?(?:应|开|反应)|没(?:人)?开门|联系不上|没联系上|打不通|没见(?:到|着)|没碰(?:到|上)|没找(?:到|着)人|扑了个空|白跑|外出了?|出远门|住院了?|回老家|去外地|在外地|去(?:儿子|女儿|闺女)家|走亲戚|搬走了?/;
const DECLINED_RE =
  /婉拒|谢绝|拒绝|不肯(?:收|要)|不愿(?:意)?(?:收|要|见)|(?:说|讲)?不用(?:送|来|麻烦)|没(?:有)?收下|不让进|不(?:要|收)(?:春联|年画|东西|礼品|慰问品|这个)|(?:春联|年画|东西|礼品|慰问品)(?:都)?(?:不要|不收|不用)|心意(?:收到|领了)|留给(?:更需要|别人)|退回来|推辞/;
const PROXY_RE =
  /(?:家属|老伴|儿子|女儿|闺女|儿媳|女婿|孙子|孙女|邻居|保姆|家人|爱人|老婆|媳妇|物业)(?:帮忙)?(?:代收|收的|收了|收下|接的|签收|拿的|拿了|在家)/;
const VISITED_RE =
  /送(?:到|去|过去|达|上|了)|已送|拿给|交给|给(?:他|她|老人)(?:了|送)|收下|收到了|见到|见着|看过了|去过了|去了|上门了|走访了?|已走访|看望了?|慰问了?|贴上|挂上|签收|拜访了?|完成了|已完成|办好了|聊了|坐了一会/;
const SETTLED_RE = /修好了|解决了|已解决|处理好了|办好了|弄好了|好了没事/;
/** A clause that says all is well: not a need. */
const FINE_RE =
  /没(?:有)?(?:什么|啥|别的)?(?:困难|需要|要求|问题|事)|不需要(?:什么|啥)?$|都(?:挺)?好|挺好|很好|不错|硬朗|健康|精神|放心|谢谢|感谢|高兴|开心|留给|让给|更需要的人/;
const NEED_RE =
  /不热|不暖|太冷|冷得|坏了|漏水|漏雨|渗水|堵了|不通|没电|停电|没水|不亮|裂了|掉了|缺|没有了|用完了|不够|需要|想要|想申请|想办|希望|盼着|困难|麻烦|帮忙|帮着|帮一下|不方便|不便|行动不了|走不动|腿脚不好|看病|就医|买药|补贴|救助|低保|维修|修一下|修修|来修|申请|办理|咨询|问问|问一下|孤单|没人照顾|没人管|疼|病了|不舒服/;
const CUE_RE = /春联|年画|福字|走访|慰问|送到|送去|送过去|礼品|礼包|慰问品|上门|看望|拜访/;
const TODO_RE =
  /(?:还有|还差|剩下?|剩)(?:谁|哪些|几个|几位|多少)|谁(?:还)?没(?:有)?(?:走访|送|去|看)|(?:走访|慰问|送\S{0,3})名单|我的名单|要走访(?:哪些|谁)/;
const PROGRESS_RE = /走访(?:进度|情况|统计)|(?:送\S{1,3}|慰问|走访)(?:送)?(?:得)?怎么样了|进度(?:怎么样|如何)?$/;

/** Clauses of a report, without the words that named the person. */
function clauses(text: string): string[] {
  return text
    .split(/[,，。;；!！?？\n、]+|\s+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** "说家里暖气不热" -> "家里暖气不热". */
function needText(clause: string): string {
  return clause
    .replace(/^(?:他|她|老人|老人家|大爷|奶奶|本人|老伴|家里人)/, '')
    .replace(/^(?:说|反映说?|提到|讲|表示|提出|告诉我|跟我说|说是)/, '')
    .replace(/^(?:就是|还|另外|不过|但是?|只是|就)/, '')
    .trim();
}

/** What the words (name already removed) say about the visit. */
export function readVisit(rawText: string): VisitReading {
  const text = toHalfWidth(rawText);
  const proxy = PROXY_RE.test(text);
  let outcome: VisitOutcome | null = null;
  if (DECLINED_RE.test(text)) outcome = 'declined';
  else if (proxy) outcome = 'visited';
  else if (UNREACHED_RE.test(text) && !/(?<!没)见(?:到|着)|聊了/.test(text)) outcome = 'unreachable';
  else if (VISITED_RE.test(text)) outcome = 'visited';
  const settled = SETTLED_RE.test(text);
  const needs: string[] = [];
  if (!settled) {
    for (const c of clauses(text)) {
      if (!NEED_RE.test(c) || FINE_RE.test(c)) continue;
      // The outcome's own words (没人在家, 不需要春联) are no need.
      if (UNREACHED_RE.test(c) && !/困难|需要|希望|帮/.test(c)) continue;
      if (DECLINED_RE.test(c)) continue;
      const need = needText(c);
      if (need.length >= 2) needs.push(need);
    }
  }
  // Heard a need, so someone was seen even if the words of the visit were left out.
  if (!outcome && needs.length > 0) outcome = 'visited';
  return { outcome, proxy, needs, settled };
}

export interface InterpretOptions {
  /** People the speaker may report on (their own; all for admins). */
  scope: readonly CampaignPerson[];
  /** Extra cue words (bits of the campaign names: 春节, 春联). */
  cues?: readonly string[];
}

/** Words of a campaign name a report may echo: 2023春节送春联 -> 春节, 送春, 春联 ... */
export function nameCues(name: string): string[] {
  const han = name.replace(/[^\u4e00-\u9fa5]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 2 <= han.length; i++) out.add(han.slice(i, i + 2));
  return [...out].filter((w) => !/活动|社区|网格|慰问$/.test(w));
}

/** Whether a message speaks of a campaign (and not of a daily callback). */
export function soundsLikeCampaign(text: string, cues: readonly string[] = []): boolean {
  return CUE_RE.test(text) || cues.some((c) => text.includes(c));
}

export function interpretVisitMessage(rawText: string, opts: InterpretOptions): VisitInterpretation {
  const text = toHalfWidth(rawText).trim();
  if (!text) return { kind: 'none' };
  const campaignTalk = soundsLikeCampaign(text, opts.cues);
  if (campaignTalk && PROGRESS_RE.test(text)) return { kind: 'query', query: 'progress' };
  if (TODO_RE.test(text) && (campaignTalk || /走访|送/.test(text))) return { kind: 'query', query: 'todo' };
  const mentions = findMentions(text, opts.scope);
  const first = mentions.sort((a, b) => a.index - b.index)[0];
  if (!first) return { kind: 'none' };
  const candidates = first.candidates;
  if (candidates.length > 1) return { kind: 'ambiguous', mention: first.text, candidates };
  const person = candidates[0];
  const rest = text.slice(0, first.index) + text.slice(first.index + first.text.length);
  const reading = readVisit(rest);
  if (!reading.outcome && reading.needs.length === 0 && !reading.settled) return { kind: 'unclear', person };
  return { kind: 'report', person, reading };
}
