// Reading grid workers' private messages: plans are not reports, other workers' people are
// never recorded (nor handed to union staff), and an ask-back keeps what was asked.
import { describe, expect, it } from 'vitest';
import { analyzeReport, interpretFor, interpretWorkerMessage, rosterEntryId, type RosterEntry } from '../../src/domain/callbacks/index.ts';

const entry = (name: string, building: string, room: string, worker: string, note = ''): RosterEntry => ({
  id: rosterEntryId(name, building, null, room),
  name,
  building,
  unit: null,
  room,
  phone: '13900000000',
  worker,
  frequency: 'daily',
  note,
});
const roster = [
  entry('王秀兰', '5', '101', '陈红', '独居，大家叫她胖婶'),
  entry('王桂芝', '5', '302', '陈红'),
  entry('赵德明', '6', '201', '陈红'),
  entry('周玉梅', '6', '601', '陈红'),
  entry('吴建国', '5', '202', '刘静'),
];
const noItems = () => [];
const read = (text: string, worker = '陈红') => interpretWorkerMessage(text, { worker, isAdmin: false, roster, extractItems: noItems });

describe('plans are not reports', () => {
  it('records nothing for 还没打 or 下午再打, even when the name fits two people', () => {
    expect(read('赵德明今天还没打')).toMatchObject({ kind: 'not_yet', person: { name: '赵德明' } });
    expect(read('王奶奶那边我下午再打')).toMatchObject({ kind: 'not_yet' });
    expect(read('赵德明等会儿再联系')).toMatchObject({ kind: 'not_yet' });
  });

  it('still records a result that comes with a plan', () => {
    expect(read('王桂芝没人接，下午再打')).toMatchObject({ kind: 'report', outcome: 'unreachable' });
    expect(read('赵德明挺好的，明天再打')).toMatchObject({ kind: 'report', outcome: 'reached' });
  });
});

describe('other workers’ people', () => {
  it('answers “not on your list” to status questions, by full name or by surname and honorific', () => {
    expect(read('周玉梅最近情况', '刘静')).toMatchObject({ kind: 'unknown_person', name: '周玉梅' });
    expect(read('周玉梅怎么样了', '刘静')).toMatchObject({ kind: 'unknown_person' });
    expect(read('周阿姨最近情况', '刘静')).toMatchObject({ kind: 'unknown_person', name: '周阿姨' });
  });

  it('leaves messages without any person to other features', () => {
    expect(read('工会的法律援助怎么申请')).toEqual({ kind: 'none' });
  });
});

describe('after an ask-back', () => {
  it('keeps a status question a question, and a report a report', () => {
    const wang = roster[1]!;
    expect(interpretFor(wang, '王奶奶', '王奶奶最近情况', noItems)).toMatchObject({ kind: 'query', query: 'status' });
    expect(interpretFor(wang, '王奶奶', '王奶奶电话没人接', noItems)).toMatchObject({ kind: 'report', outcome: 'unreachable' });
    expect(interpretFor(wang, '王奶奶', '王奶奶那边我下午再打', noItems)).toMatchObject({ kind: 'not_yet' });
  });
});

describe('needs the item extractor does not know', () => {
  it('keeps 买菜 as a food need', () => {
    expect(analyzeReport('需要买菜，家里没菜了', noItems).needs).toEqual([{ name: '蔬菜', category: 'food' }]);
  });
});
