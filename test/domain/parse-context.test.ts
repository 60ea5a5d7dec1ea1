// Whether a post only makes sense as a reply (contextDependent), for the shapes real labellers mark
// (issue 8): news about someone the thread named, a group order arriving, advice to the group, thanks
// that answer one helper, questions asked back. Every phrasing is the project's own.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadItemLexicon } from '../../src/config/load-items.ts';
import { createParser } from '../../src/domain/parse/index.ts';

const parser = createParser(loadItemLexicon(resolve(import.meta.dirname, '../../config')));
const read = (text: string) => parser.parse(text);

describe('news and remarks', () => {
  it.each(['昨天傍晚在南门公交站见过这位大爷', '她刚才往超市那边走了,穿红外套'])(
    'an update about someone already named leans on the thread: %s',
    (text) => {
      expect(read(text).intent).toBe('info');
      expect(read(text).contextDependent).toBe(true);
    },
  );

  it('a post that introduces the person itself stands alone', () => {
    expect(read('东门有个老爷子站了半天,问他住哪说不清').contextDependent).toBe(false);
  });

  it.each(['拼的橙子已经拉回来了,放在物业前台,大家下楼自提', '上周订的大米到了,在3号门岗,各家来领取'])(
    'a group order arriving answers the order: %s',
    (text) => {
      expect(read(text).intent).toBe('info');
      expect(read(text).contextDependent).toBe(true);
    },
  );

  it.each(['社区卫生站周六上午发放口罩,带上身份证', '大家这两天先别去东门排队了,人太多', '温馨提示:电梯里别摘口罩'])(
    'a notice or advice to the group opens its own topic: %s',
    (text) => {
      expect(read(text).intent).toBe('info');
      expect(read(text).contextDependent).toBe(false);
    },
  );
});

describe('remarks that continue what someone said', () => {
  it.each(['其实社区也尽力了,人就那么几个', '所以明天还要不要排队'])('opening on a connective: %s', (text) => {
    expect(read(text).contextDependent).toBe(true);
  });

  it.each(['总不能天天吃泡面吧', '难道让大家都在门口干等着', '只要家里没人发烧就行,菜少点无所谓'])(
    'pushing back on or consoling what was said: %s',
    (text) => {
      expect(read(text).contextDependent).toBe(true);
    },
  );

  it.each(['这些菜是物业从批发市场统一拉回来的', '门口的水是昨晚水管爆了漏出来的'])(
    'a cleft that explains how a known fact came about answers the thread: %s',
    (text) => {
      expect(read(text).contextDependent).toBe(true);
    },
  );
});

describe('thanks', () => {
  it('received, thanking "you": a reply to the one who gave, even when it names a thing', () => {
    expect(read('东西收到了,谢谢您,改天请您喝茶').contextDependent).toBe(true);
    expect(read('口罩拿到了,谢谢你,下回我家有多的也给你留').contextDependent).toBe(true);
  });

  it.each(['口罩收到了,谢谢3号楼的邻居', '感谢您帮我解决了大难题'])('thanks that say whom or what for stand alone: %s', (text) => {
    expect(read(text).intent).toBe('thanks');
    expect(read(text).contextDependent).toBe(false);
  });
});

describe('questions asked back', () => {
  it.each(['要几盒?', '孩子几岁了?', '你家几楼啊'])('a bare question about the ask is a reply: %s', (text) => {
    expect(read(text).contextDependent).toBe(true);
  });

  it('a question to the whole group is not', () => {
    const r = read('请问体温多少度才算发高烧');
    expect(r.intent).toBe('other');
    expect(r.contextDependent).toBe(false);
  });
});

describe('bare replies to an ask or an offer', () => {
  it.each(['布洛芬一板', '退烧贴两盒!'])('a thing and a count alone is a helper answering: %s', (text) => {
    const r = read(text);
    expect(r.intent).toBe('offer');
    expect(r.items).toHaveLength(1);
    expect(r.contextDependent).toBe(true);
  });

  it.each(['我要了', '我家也要!'])('taking what was offered is a reply: %s', (text) => {
    const r = read(text);
    expect(r.intent).toBe('request');
    expect(r.contextDependent).toBe(true);
  });
});

describe('naming the one who posted before', () => {
  it.each(['楼主还需要吗', '楼上讲的那家诊所今天开门吗'])('楼主 / 楼上说 point back: %s', (text) => {
    expect(read(text).contextDependent).toBe(true);
  });
});

describe('doubting what was said', () => {
  it.each(['哪有这么夸张', '不至于吧,昨天还好好的'])('%s', (text) => {
    expect(read(text).contextDependent).toBe(true);
  });
});
