// Help asked for in plain words, with no service noun in the lexicon: a person lost (孩子走丢了,
// 父亲至今未归) is a search for them (寻人); someone asked to come over and help (谁过来帮我一下) is
// help at the door (上门帮忙). Found on the sound-folded text; names are the service, not the words.

/** The name of a search for a lost person. */
export const SEARCH = '寻人';

export interface ServiceMention {
  name: string;
  start: number;
  end: number;
}

const PERSON =
  '孩子|小孩|女孩|男孩|小女孩|小男孩|闺女|儿子|女儿|宝宝|老人|老太太|老爷子|老头|奶奶|爷爷|姥姥|姥爷|外婆|外公|父亲|母亲|爸爸|妈妈|老爸|老妈|我爸|我妈|老伴|家人|大爷|大妈|阿姨|叔叔';
const LOST = new RegExp(
  `(${PERSON})[^,，。!！?？]{0,10}?(走丢|走失|丢了|失联|未归|没回家|没回来|找不到家|找不到了|不见了|联系不上|跑丢|出走)`,
);
const COME_HELP = /(谁|哪位|有人|有没有人|邻居)[^,，。!！?？]{0,6}(过来|上来|下来|来一下|来我家)[^,，。!！?？]{0,3}帮/;

export function findServices(norm: string): ServiceMention[] {
  const out: ServiceMention[] = [];
  const lost = LOST.exec(norm);
  if (lost) out.push({ name: SEARCH, start: lost.index, end: lost.index + lost[0].length });
  const come = COME_HELP.exec(norm);
  if (come) out.push({ name: '上门帮忙', start: come.index, end: come.index + come[0].length });
  return out;
}
