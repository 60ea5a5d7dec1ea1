// Location stated in a message: building, unit, floor, room, normalised to digits.
import { chineseNumberToInt } from '../text/normalize.ts';
import { emptyLocation, type Location } from '../types.ts';

const CN = '零〇一二两三四五六七八九十';
const NUM = `(\\d{1,3}|[${CN}]{1,3})`;

// 3-2-301 / 12-1-502: building-unit-room.
const TRIPLE = /(?<![\d.])(?<!\d:)(\d{1,2})\s*[-—_/]\s*(\d{1,2})\s*[-—_/]\s*(\d{3,4})(?![\d.:])/;
// 2-601: building-room (also the tail of an alias like 2栋-601 once 栋 is read).
const PAIR = /(?<![\d.-])(?<!\d:)(\d{1,2})\s*[-—]\s*(\d{3,4})(?![\d.:-])/;
const BUILDING = new RegExp(
  `(?<![\\d.a-z])(?:${NUM}\\s*(?:号楼|栋|幢|号院|#楼?|号(?=\\s*-?\\d{3,4}(?!\\d))|号(?=\\s*(?:\\d{1,2}|[${CN}]{1,2})\\s*单元))|([a-h])\\s*(?:座|栋))`,
);
const UNIT = new RegExp(`(?<![\\d.])${NUM}\\s*单元`);
// 4楼 / 4层 / 十一楼, but not 楼上, 楼下, 楼道, 楼梯, 楼群, 楼主.
const FLOOR = new RegExp(`(?<![\\d.a-z号#几哪第])${NUM}\\s*(?:楼|层)(?![上下道梯群主顶])`);
const ROOM =
  /(?<![\d.a-z])(?<!\d:)(\d{3,4})(?![\d.:%])(?!\s*(?:个|度|块|元|岁|次|天|片|粒|盒|瓶|包|支|毫|ml|mg|g|年|人|件|份|斤|袋|罐|箱|小时|分|号楼|栋|幢|单元|楼|层|米|万|w|k|码|字|克|条|张))/;
// 五零二 / 一一零三: a room read out digit by digit (voice input), after a unit or building (□ once read) or before 室.
const SPELLED = '[零〇幺一二三四五六七八九]';
const SPELLED_ROOM = new RegExp(`(?:单元|栋|幢|号楼|□)\\s*(${SPELLED}{3,4})(?![${CN}百])|(${SPELLED}{3,4})室`);
const SPELLED_DIGIT: Record<string, string> = {
  零: '0',
  〇: '0',
  幺: '1',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const NOT_ROOMS = new Set(['110', '119', '120', '122', '999', '114', '911', '315']);

function toDigits(raw: string): string | null {
  const n = chineseNumberToInt(raw);
  return n === null || n <= 0 ? null : String(n);
}

function plausibleRoom(r: string): boolean {
  if (NOT_ROOMS.has(r)) return false;
  const floor = Number(r.slice(0, r.length - 2));
  const door = Number(r.slice(-2));
  return floor >= 1 && floor <= 40 && door >= 1 && door <= 20;
}

/** Replaces a found span so later patterns cannot read it again. */
function take(text: string, m: RegExpExecArray): string {
  return text.slice(0, m.index) + '□'.repeat(m[0].length) + text.slice(m.index + m[0].length);
}

// 5单元的还是6单元的? / 你是3号楼的吗?: a clause asking where states no location. Clauses are read one
// scan each (no backtracking); the span asked about is blanked, keeping offsets.
const CLAUSE = /[^,，。!！?？;；\s]+[,，。!！?？;；\s]*/g;
const PLACE_WORD = /单元|号楼|栋|幢|楼|层|室|\d{3,4}/;
const ASKED_END = /(吗|么|呢|嘛)?[?？][,，。!！?？;；\s]*$|(吗|么|呢|嘛)[,，。!！;；\s]*$/;
const CHOICE = /还是/;
const ASKED_WHO = /^(你|您)(家)?(是|住|在)/;

/** The text with clauses that ask about a place blanked out, and whether there was one. */
export function withoutPlaceQuestions(text: string): { text: string; asked: boolean } {
  if (!PLACE_WORD.test(text)) return { text, asked: false };
  let asked = false;
  const out = text.replace(CLAUSE, (c) => {
    if (!PLACE_WORD.test(c) || !ASKED_END.test(c) || !(CHOICE.test(c) || ASKED_WHO.test(c))) return c;
    asked = true;
    return '□'.repeat(c.length);
  });
  return { text: out, asked };
}

/** `norm` is the prepared text, ideally with item names blanked out (5号电池, 84消毒液). */
export function extractLocation(norm: string): Location {
  const loc = emptyLocation();
  let t = norm;
  let m = TRIPLE.exec(t);
  if (m) {
    loc.building = String(Number(m[1]));
    loc.unit = String(Number(m[2]));
    loc.room = plausibleRoom(m[3]!) ? m[3]! : null;
    t = take(t, m);
  }
  if (!loc.building && (m = BUILDING.exec(t))) {
    loc.building = m[1] ? toDigits(m[1]) : m[2]!.toUpperCase();
    t = take(t, m);
  }
  if (!loc.building && (m = PAIR.exec(t)) && plausibleRoom(m[2]!)) {
    loc.building = String(Number(m[1]));
    loc.room = m[2]!;
    t = take(t, m);
  }
  // 3#2-502, 3栋 2-502: unit-room after the building.
  if (loc.building && !loc.unit && !loc.room && (m = PAIR.exec(t)) && Number(m[1]) <= 9 && plausibleRoom(m[2]!)) {
    loc.unit = String(Number(m[1]));
    loc.room = m[2]!;
    t = take(t, m);
  }
  if (!loc.unit && (m = UNIT.exec(t))) {
    loc.unit = toDigits(m[1]!);
    t = take(t, m);
  }
  if ((m = FLOOR.exec(t))) {
    loc.floor = toDigits(m[1]!);
    t = take(t, m);
  }
  if (!loc.room && (m = SPELLED_ROOM.exec(t))) {
    const r = [...(m[1] ?? m[2]!)].map((c) => SPELLED_DIGIT[c]).join('');
    if (plausibleRoom(r)) loc.room = r;
  }
  if (!loc.room) {
    const re = new RegExp(ROOM.source, 'g');
    while ((m = re.exec(t))) {
      if (plausibleRoom(m[1]!)) {
        loc.room = m[1]!;
        break;
      }
    }
  }
  return loc;
}

/** Location read from a group alias such as `3-2-301 王姐`, `5号楼1102李`, `2栋-601`. */
export function locationFromAlias(alias: string): Location {
  const t = alias.toLowerCase().replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const loc = extractLocation(t.replace(/(\d)\s*[栋幢]\s*-/, '$1-'));
  loc.floor = null; // an alias names a home, a floor would only be a guess
  return loc;
}
