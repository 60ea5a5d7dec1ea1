// The message-understanding engine: text (+ hints) -> MessageAnalysis, and its contract view.
import type { ItemLexicon } from './lexicon-types.ts';
import { createSegmenter, type Segmenter } from '../text/segmenter.ts';
import type { ForWhom, Intent, MessageAnalysis, ParsedItem, ParseHints, ParseResult } from '../types.ts';
import { readContext, type ContextReading } from './context.ts';
import { ForWhomReader } from './for-whom.ts';
import { applyHints } from './hints.ts';
import { CUES } from './cues.ts';
import { readIntent } from './intent.ts';
import { trainReaders, type PostReading, type ReaderModels } from './readers.ts';
import { ItemMatcher, selectItems, type ItemMatch } from './lexicon.ts';
import { splitExchange } from './exchange.ts';
import { SEARCH } from './services.ts';
import { extractLocation, withoutPlaceQuestions } from './location.ts';
import { PickupReader } from './pickup.ts';
import { prepareText } from './prepare.ts';
import { isUrgentText, readTemperature } from './urgency.ts';

export interface Parser {
  parse(text: string, hints?: ParseHints): MessageAnalysis;
  /** Items named anywhere in the text (grid workers' reports), whatever the intent. */
  extractItems(text: string): ParsedItem[];
  /** Words the shared segmenter should keep whole. */
  readonly userWords: string[];
  /** The learned readers' temperatures refitted on the training posts (slow: for tests and eval). */
  fitTemperatures(): { intent: number; context: number };
  /** The learned readers' trained numbers, for a build step to store and hand back as `pretrained`. */
  readerModels(): ReaderModels;
}

// Domain words kept whole by jieba besides the item names.
const DOMAIN_WORDS = [
  '谁家有',
  '有没有',
  '有需要',
  '需要的',
  '自取',
  '放门口',
  '门把手',
  '保安处',
  '保安亭',
  '物业',
  '网格员',
  '在线等',
  '急需',
  '急求',
  '同求',
  '不用了',
  '不需要',
  '已收到',
  '阳康',
  '阳了',
  '帮顶',
  '置换',
  '跑腿',
  '职工之家',
  '单元',
  '号楼',
  '发烧',
  '高烧',
  '退烧',
  '谢谢',
  '感谢',
];

/** Item spans replaced: by "X" for phrase rules, by blanks (same length) for location. */
function mask(norm: string, matches: ItemMatch[], by: 'X' | 'blank'): string {
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += norm.slice(at, m.start) + (by === 'X' ? 'X' : '□'.repeat(m.end - m.start));
    at = m.end;
  }
  return out + norm.slice(at);
}

// 急求儿童退烧药: asking for a child's formulation by a child word says who it is for.
const CHILD_WORD = /小儿|儿童|宝宝|婴儿|幼儿/;
// 儿童的布洛芬, 孩子吃的退烧药: the child is named beside the medicine, whoever writes.
const CHILD_SAID = /(小儿|儿童|宝宝|婴儿|幼儿|小孩|孩子|娃|小朋友|小宝)[^,，。!！?？\s]{0,4}的/;
function childItemAsked(who: ForWhom, intent: string, items: ParsedItem[]): ForWhom {
  if (who !== 'unknown') return who;
  if (items.some((i) => CHILD_SAID.test(i.name))) return 'child';
  if (intent !== 'request' && intent !== 'both') return who;
  return items.some((i) => CHILD_WORD.test(i.name) && i.category !== 'daily_supplies') ? 'child' : who;
}

// WeChat quotes the post replied to as 「name：text」 plus a dashed rule, before or after the reply.
// The quote is the earlier message: the reply alone is read. Bounded classes only (no backtracking blow-up).
const QUOTE = /「[^」：:\n]{0,40}[：:][^」]{0,800}」/g;
const RULE = /(?:-\s?){5,}/g;
function withoutQuote(text: string): { body: string; quoted: boolean } {
  if (!text.includes('「')) return { body: text, quoted: false };
  const body = text.replace(QUOTE, ' ').replace(RULE, ' ');
  return body === text.replace(RULE, ' ') || body.trim() === '' ? { body: text, quoted: false } : { body, quoted: true };
}

// Only asks, offers, exchanges, thanks and withdrawals carry items in the contract.
const CARRIES_ITEMS = new Set(['request', 'offer', 'both', 'thanks', 'cancel']);
const MAY_BE_URGENT = new Set(['request', 'both']);
const GIVEN_OUT = CUES.givenOut;

// Training the readers costs a few hundred milliseconds; one process trains once per lexicon.
const parsers = new Map<string, Parser>();

/**
 * `pretrained`: what the readers' training gave for this lexicon and these sources (stored by a
 * build step); training is then skipped. The caller vouches that it is current.
 */
export function createParser(lexicon: ItemLexicon, pretrained?: ReaderModels): Parser {
  if (pretrained) return buildParser(lexicon, pretrained);
  const key = JSON.stringify(lexicon);
  const known = parsers.get(key);
  if (known) return known;
  const parser = buildParser(lexicon);
  parsers.set(key, parser);
  return parser;
}

function buildParser(lexicon: ItemLexicon, pretrained?: ReaderModels): Parser {
  const matcher = new ItemMatcher(lexicon);
  const forWhom = new ForWhomReader(lexicon.people);
  const pickup = new PickupReader(lexicon.pickup);
  const pickupWords = Object.values(lexicon.pickup).flat();
  const userWords = [...new Set([...matcher.words, ...pickupWords, ...DOMAIN_WORDS])];
  // jieba's dictionary takes ~150 ms to load, and only posts no phrase rule decided need words.
  let jieba: Segmenter | undefined;
  const segmenter: Segmenter = { cut: (text) => (jieba ??= createSegmenter(userWords)).cut(text) };

  /** Everything read from the text alone, before the learned readers decide intent and context. */
  function readPost(text: string) {
    const { body, quoted } = withoutQuote(text);
    const { display, norm } = prepareText(body);
    const matches = matcher.match(display, norm);
    const masked = mask(norm, matches, 'X');
    const blanked = mask(norm, matches, 'blank');
    // A search for a lost person is about the person: the clothes and things named describe them.
    const selected = selectItems(matches);
    const items = selected.some((i) => i.name === SEARCH) ? selected.filter((i) => i.name === SEARCH) : selected;
    const rule = readIntent(
      masked,
      items.map((i) => i.name),
    );
    const place = withoutPlaceQuestions(blanked);
    // Read once per intent: the readers ask for the rules' context, parse() then uses the same reading.
    const who = new Map<Intent, ForWhom>();
    const whoFor = (intent: Intent): ForWhom => {
      let w = who.get(intent);
      if (w === undefined) {
        w = childItemAsked(forWhom.read(blanked, intent, norm), intent, CARRIES_ITEMS.has(intent) ? items : []);
        who.set(intent, w);
      }
      return w;
    };
    const contexts = new Map<Intent, ContextReading>();
    const contextOf = (intent: Intent): ContextReading => {
      let c = contexts.get(intent);
      if (!c) {
        c = readContext(masked, intent, CARRIES_ITEMS.has(intent) ? items.length : 0, whoFor(intent));
        contexts.set(intent, c);
      }
      return c;
    };
    // A reply quoting an earlier post leans on it, whatever it says.
    // 5单元的还是6单元的? asks a helper or asker where: it only makes sense in the thread.
    const ruleContext = (intent: Intent): boolean =>
      contextOf(intent).contextDependent || (quoted && intent !== 'info') || (place.asked && intent === 'other');
    const reading: PostReading = { masked, categories: items.map((i) => i.category), rule, ruleContext };
    return { norm, masked, items, place, whoFor, contextOf, reading };
  }
  const readers = trainReaders((text) => readPost(text).reading, segmenter, pretrained);

  // The bot reads a group post twice (with the people config's hints, and with only what the group
  // saw): what the text alone gives is read once. Both readings are pure functions of the text.
  let last: { text: string; post: ReturnType<typeof readPost>; verdict: ReturnType<typeof readers.read> } | null = null;

  function parse(text: string, hints?: ParseHints): MessageAnalysis {
    const same = last?.text === text ? last : null;
    const post = same?.post ?? readPost(text);
    const { norm, masked, items, place } = post;
    const verdict = same?.verdict ?? readers.read(post.reading);
    last = { text, post, verdict };
    const intent = verdict.intent;
    const exchange = intent === 'both' ? splitExchange(masked, items) : null;
    const kept = exchange ? [...exchange.wanted, ...exchange.offered] : CARRIES_ITEMS.has(intent) ? items : [];
    const who = post.whoFor(intent);
    const temperature = readTemperature(norm);
    const location = applyHints(extractLocation(place.text), hints);
    const ctx = post.contextOf(intent);
    return {
      text,
      intent,
      // A list of its own: a second reading of the same text must not share it.
      items: [...kept],
      forWhom: who,
      location,
      urgent: MAY_BE_URGENT.has(intent) && isUrgentText(masked, temperature),
      contextDependent: verdict.contextDependent,
      confidence: verdict.confidence,
      pickup: intent === 'info' || intent === 'other' ? null : pickup.read(norm),
      standing: ctx.standing,
      delivered: ctx.delivered,
      question: ctx.question,
      temperature,
      exhausted: (intent === 'other' || intent === 'info') && GIVEN_OUT.test(masked),
      ...(exchange ? { offered: exchange.offered } : {}),
    };
  }

  return {
    parse,
    extractItems(text) {
      const { display, norm } = prepareText(text);
      return selectItems(matcher.match(display, norm));
    },
    userWords,
    fitTemperatures: () => readers.fitTemperatures(),
    readerModels: () => readers.models,
  };
}

export function toContract(a: MessageAnalysis): ParseResult {
  return {
    text: a.text,
    intent: a.intent,
    items: a.items.map(({ name, category }) => ({ name, category })),
    forWhom: a.forWhom,
    location: { building: a.location.building, unit: a.location.unit, floor: a.location.floor, room: a.location.room },
    urgent: a.urgent,
    contextDependent: a.contextDependent,
  };
}

/** The category of the main item (what is needed, else what is offered), or 'none'. Items come main first. */
export function mainCategory(a: Pick<ParseResult, 'items'>): string {
  return a.items[0]?.category ?? 'none';
}
