// How a call went, read from a worker's words: reached, visited, only someone else
// (闺女接的), or nobody (没听见, 关机, 停机 …) — with negation and the order of events
// (上午没接,下午接了) taken into account. Health and needs are read elsewhere (report.ts).
import type { ProxyContact, UnreachedReason } from './types.ts';
import {
  AWAY_RE,
  SELF_SPOKE_RE,
  ANSWERED_BY_RE,
  ASKED_PROXY_RE,
  DELEGATE_RE,
  GOOD_RE,
  HEDGE_RE,
  NEGATED_FAIL_BEFORE,
  NEGATION_BEFORE_CALL,
  NOT_A_DELEGATE,
  OTHER_VISIT_RE,
  PERSON_SAID_RE,
  PICKED_UP_RE,
  PLANNED_BEFORE_RE,
  PROXY_SAID_RE,
  PROXY_WORDS,
  REACHED_RE,
  RETRY_RE,
  SEEN_WELL_RE,
  SYMPTOMS,
  UNREACHED_RULES,
  VISITED_RE,
} from './vocabulary.ts';

export interface OutcomeReading {
  /** null when the words say nothing about the call itself (张桂兰挺好): the caller decides. */
  outcome: 'reached' | 'visited' | 'proxy' | 'unreachable' | null;
  reason: UnreachedReason | null;
  proxy: ProxyContact | null;
  /** Someone sent to check on a person not reached (让邻居去敲门看看). */
  checkBy: string | null;
  /** Failed attempts the words describe (打了两次都没人接 -> 2). */
  attempts: number;
}

export interface Clause {
  text: string;
  start: number;
}

const SEPARATORS = /[,.;!?，。；！？、\n\s]+|但是|但|不过|就是|可是|然后/g;

/** Clauses with their place in the text; spaces separate clauses too (上午打了没接 下午接了). */
export function clausesOf(text: string): Clause[] {
  const out: Clause[] = [];
  let at = 0;
  for (const m of text.matchAll(SEPARATORS)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), start: at });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), start: at });
  return out;
}

type Event =
  /**
   * clause: its index; retry: the clause says it was a later try (挂了再打就关机了);
   * tried: the clause names a try of its own (上午没接 / 下午打了还是没接), not a second word for one.
   */
  | { at: number; kind: 'fail'; reason: UnreachedReason; clause: number; retry: boolean; tried: boolean }
  /** strong: the person picked up or spoke; weak: the line connected (打通了), whoever answered. */
  | { at: number; kind: 'reached'; strong: boolean; clause: number }
  | { at: number; kind: 'visit' }
  | { at: number; kind: 'proxy'; proxy: ProxyContact }
  | { at: number; kind: 'proxy_said'; who: string; first: boolean }
  | { at: number; kind: 'delegate'; who: string }
  | { at: number; kind: 'other_visit'; who: string }
  | { at: number; kind: 'away' }
  | { at: number; kind: 'news'; trusted: boolean; afterRetry: boolean; personSaid: boolean; self: boolean };

const SYMPTOM_ANY = new RegExp(SYMPTOMS.map((s) => s.re.source).join('|'));
const PROXY_IN = new RegExp(`(${PROXY_WORDS.join('|')})`, 'g');
const SELF_IN = /我们|我|俺|本人|自己|老人/g;
const inside = (spans: [number, number][], i: number) => spans.some(([s, e]) => i >= s && i < e);

/**
 * Who does the verb at `index` of a clause: the nearest proxy word before it (闺女接的),
 * unless the person or the worker is named after that (她女儿打完电话她自己接了).
 */
export function proxyBefore(clause: string, index: number): string | null {
  const head = clause.slice(0, index);
  let proxy: { word: string; at: number } | null = null;
  for (const m of head.matchAll(PROXY_IN)) proxy = { word: m[1]!, at: m.index };
  if (!proxy) return null;
  for (const m of head.matchAll(SELF_IN)) if (m.index > proxy.at) return null;
  return proxy.word;
}

function clauseEvents(c: Clause, index: number): Event[] {
  const first = index === 0;
  const retry = RETRY_RE.test(c.text) || /挂了|再打|又打/.test(c.text);
  const tried = /打|拨|再|又|还是|早上|上午|中午|下午|晚上|第/.test(c.text);
  const events: Event[] = [];
  const text = c.text;
  const at = (i: number) => c.start + i;

  const failSpans: [number, number][] = [];
  for (const rule of UNREACHED_RULES) {
    for (const m of text.matchAll(rule.re)) {
      if (inside(failSpans, m.index)) continue;
      if (NEGATED_FAIL_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
      failSpans.push([m.index, m.index + m[0].length]);
      events.push({ at: at(m.index), kind: 'fail', reason: rule.reason, clause: index, retry, tried });
    }
  }

  const otherSpans: [number, number][] = [];
  const delegate = DELEGATE_RE.exec(text);
  if (delegate && !NOT_A_DELEGATE.test(delegate[1]!) && !NOT_A_DELEGATE.test(text)) {
    otherSpans.push([delegate.index, delegate.index + delegate[0].length]);
    events.push({ at: at(delegate.index), kind: 'delegate', who: delegate[1]! });
  }
  const other = OTHER_VISIT_RE.exec(text);
  if (other && !inside(otherSpans, other.index) && !inside(failSpans, other.index)) {
    otherSpans.push([other.index, other.index + other[0].length]);
    events.push({ at: at(other.index), kind: 'other_visit', who: other[1]! });
  }

  const negatedCall = (i: number) => NEGATION_BEFORE_CALL.test(text.slice(Math.max(0, i - 4), i));
  for (const m of text.matchAll(REACHED_RE)) {
    if (inside(failSpans, m.index) || negatedCall(m.index)) continue;
    const who = proxyBefore(text, m.index);
    events.push(
      who
        ? { at: at(m.index), kind: 'proxy', proxy: { who, how: 'answered' } }
        : { at: at(m.index), kind: 'reached', strong: false, clause: index },
    );
  }
  for (const m of text.matchAll(PICKED_UP_RE)) {
    if (inside(failSpans, m.index) || negatedCall(m.index)) continue;
    // 接电话的是她女儿: the one named after.
    const after = ANSWERED_BY_RE.test(text.slice(m.index, m.index + 5)) ? new RegExp(PROXY_IN.source).exec(text.slice(m.index)) : null;
    const who = after?.[1] ?? proxyBefore(text, m.index);
    events.push(
      who
        ? { at: at(m.index), kind: 'proxy', proxy: { who, how: 'answered' } }
        : { at: at(m.index), kind: 'reached', strong: true, clause: index },
    );
  }

  const asked = ASKED_PROXY_RE.exec(text);
  if (asked && failSpans.length === 0) events.push({ at: at(asked.index), kind: 'proxy', proxy: { who: asked[1]!, how: 'told' } });
  const said = PROXY_SAID_RE.exec(text);
  if (said && !asked) events.push({ at: at(said.index), kind: 'proxy_said', who: said[1]!, first });

  for (const m of text.matchAll(VISITED_RE)) {
    if (inside(failSpans, m.index) || inside(otherSpans, m.index) || proxyBefore(text, m.index)) continue;
    if (/(?:没|没有|未|不)$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    const done = /^[^,，。]{0,3}?(?:了|过)/.test(text.slice(m.index + m[0].length)) || /了$/.test(m[0]);
    if (!done && PLANNED_BEFORE_RE.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
    events.push({ at: at(m.index), kind: 'visit' });
  }

  const away = AWAY_RE.exec(text);
  // 儿子不在家 is about someone else.
  if (away && !inside(failSpans, away.index) && !proxyBefore(text, away.index)) events.push({ at: at(away.index), kind: 'away' });

  if (GOOD_RE.test(text) || SYMPTOM_ANY.test(text) || SEEN_WELL_RE.test(text) || PERSON_SAID_RE.test(text)) {
    events.push({
      at: at(text.length),
      kind: 'news',
      trusted: !HEDGE_RE.test(text),
      afterRetry: RETRY_RE.test(text),
      personSaid: PERSON_SAID_RE.test(text),
      self: SELF_SPOKE_RE.test(text),
    });
  }
  return events;
}

/**
 * Events in text order decide: reaching the person at any point wins (上午没接,下午接了);
 * someone else answering beats no news; a failure stands unless news follows a retry.
 */
export function readOutcome(text: string): OutcomeReading {
  const events = clausesOf(text)
    .flatMap((c, i) => clauseEvents(c, i))
    .sort((a, b) => a.at - b.at);
  let state: 'none' | 'fail' | 'success' | 'proxy' = 'none';
  let visited = false;
  let byCall = false;
  // 打通了是保姆接的: the line connected, but someone else answered.
  let onlyConnected = false;
  let connectedIn = -1;
  let reason: UnreachedReason | null = null;
  let proxy: ProxyContact | null = null;
  let checkBy: string | null = null;
  let sentSomeone: string | null = null;
  let news = false;

  for (const e of events) {
    switch (e.kind) {
      case 'reached':
        if (state !== 'success' || onlyConnected) onlyConnected = !e.strong;
        connectedIn = e.clause;
        state = 'success';
        byCall = true;
        break;
      case 'visit':
        state = 'success';
        visited = true;
        onlyConnected = false;
        break;
      case 'away':
        // 上门了,家里没人: the visit found nobody; on the phone, 不在家 means not reached.
        if (visited && !byCall) {
          visited = false;
          state = 'fail';
          reason = 'no_one_home';
        } else if ((state === 'none' && !news) || state === 'fail') {
          state = 'fail';
          reason = 'away';
        }
        break;
      case 'fail':
        // 上门了,敲门没人应: the visit found nobody.
        if (e.reason === 'no_one_home' && visited && !byCall) {
          visited = false;
          state = 'fail';
        }
        // 电话通了没人说话 / 挂了再打就关机了: a connection with nobody on it, or a later try
        // that failed — not 打通了,耳背没听见铃声 (why the earlier try failed).
        if (state === 'success' && onlyConnected && !visited && (e.clause === connectedIn || e.retry)) state = 'fail';
        if (state === 'none' || state === 'fail') {
          state = 'fail';
          reason = e.reason;
        }
        break;
      case 'proxy':
        if (state !== 'success' || (onlyConnected && !visited)) {
          state = 'proxy';
          proxy = e.proxy;
          onlyConnected = false;
        }
        break;
      case 'proxy_said':
        if (sentSomeone && state !== 'success') {
          state = 'proxy';
          proxy = { who: sentSomeone, how: 'visited' };
        } else if (state === 'fail' || (state === 'none' && e.first) || (state === 'success' && onlyConnected && !visited)) {
          state = 'proxy';
          proxy = { who: e.who, how: 'told' };
          onlyConnected = false;
        }
        break;
      case 'delegate':
        checkBy = e.who;
        sentSomeone = e.who;
        break;
      case 'other_visit':
        // 楼上邻居去看了: someone is checking; their news, if any, follows.
        checkBy = e.who;
        sentSomeone = e.who;
        break;
      case 'news':
        if (e.trusted) news = true;
        // 打通了,挺好: news right after the line connected is the person's.
        if (state === 'success' && e.trusted) onlyConnected = false;
        if (!e.trusted || state === 'success') break;
        // 让楼长去看了,说挺好: someone else saw them.
        if (sentSomeone && state !== 'proxy') {
          state = 'proxy';
          proxy = { who: sentSomeone, how: 'visited' };
        } else if (state === 'fail' && (e.afterRetry || e.personSaid)) {
          state = 'success';
          byCall = true;
        } else if (state === 'proxy' && e.personSaid && (e.self || e.afterRetry)) {
          // 老伴接的,后来她自己也说了几句: the person after all.
          state = 'success';
          byCall = true;
        }
        break;
    }
  }

  let outcome: OutcomeReading['outcome'] = null;
  if (state === 'success') outcome = visited ? 'visited' : 'reached';
  else if (state === 'proxy') outcome = 'proxy';
  else if (state === 'fail') outcome = 'unreachable';
  else if (sentSomeone && !news) {
    // 让邻居去敲门看看 with nothing else: the person was not reached (why is not said).
    outcome = 'unreachable';
    reason = null;
  }
  return {
    outcome,
    reason: outcome === 'unreachable' ? reason : null,
    proxy: outcome === 'proxy' ? proxy : null,
    checkBy: outcome === 'unreachable' ? checkBy : null,
    // 上午没接,下午打了还是没接: each failed try in its own clause counts.
    attempts:
      outcome === 'unreachable'
        ? Math.max(attemptsOf(text), new Set(events.flatMap((e) => (e.kind === 'fail' && e.tried ? [e.clause] : []))).size)
        : 1,
  };
}

function attemptsOf(text: string): number {
  const m = /(\d|两|二|三|四|五|几|好几)\s*(次|遍|回|个电话)/.exec(text);
  if (!m) return 1;
  const map: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 几: 2, 好几: 3 };
  return map[m[1]!] ?? Math.max(1, Number(m[1]));
}
