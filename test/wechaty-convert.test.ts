import { describe, expect, it } from 'vitest';
import { formatQuote, splitQuote } from '../src/adapters/wechaty/quote.ts';
import { mentionsName, stripBotMention } from '../src/adapters/wechaty/convert.ts';

describe('splitQuote', () => {
  it('splits a WeChat quoted reply into the quoted text and the reply', () => {
    const raw = '「陈思雨：急求布洛芬,孩子发烧了」\n- - - - - - - - - - - - - - -\n我家有';
    expect(splitQuote(raw)).toEqual({ quote: '急求布洛芬,孩子发烧了', text: '我家有' });
  });

  it('accepts an ASCII colon, no author, and a multi-line reply', () => {
    expect(splitQuote('「张伟:有布洛芬」\n- - - - - -\n好的\n谢谢')).toEqual({ quote: '有布洛芬', text: '好的\n谢谢' });
    expect(splitQuote('「急求布洛芬」\n- - -\n我家有')).toEqual({ quote: '急求布洛芬', text: '我家有' });
  });

  it('round-trips formatQuote', () => {
    expect(splitQuote(formatQuote('李阿姨', '2号楼求退烧药', '我家有,放门口'))).toEqual({
      quote: '2号楼求退烧药',
      text: '我家有,放门口',
    });
  });

  it('leaves ordinary text alone', () => {
    for (const raw of ['急求布洛芬', '「布洛芬」有吗', '「a」\n不是引用', '']) {
      expect(splitQuote(raw)).toEqual({ quote: null, text: raw });
    }
  });
});

describe('mentionsName', () => {
  it('finds the @name followed by a space, the WeChat \\u2005 or the end', () => {
    expect(mentionsName('@邻里小助手 工资被拖欠怎么办', '邻里小助手')).toBe(true);
    expect(mentionsName('@邻里小助手\u2005帮助', '邻里小助手')).toBe(true);
    expect(mentionsName('请问 @邻里小助手', '邻里小助手')).toBe(true);
  });

  it('does not match a longer name or a bare name', () => {
    expect(mentionsName('@邻里小助手们 好', '邻里小助手')).toBe(false);
    expect(mentionsName('邻里小助手 在吗', '邻里小助手')).toBe(false);
    expect(mentionsName('@李阿姨 我家有', '邻里小助手')).toBe(false);
  });

  it('treats regex characters in the name literally', () => {
    expect(mentionsName('@a.b 在吗', 'a.b')).toBe(true);
    expect(mentionsName('@axb 在吗', 'a.b')).toBe(false);
    expect(mentionsName('@小助手(测试) 在吗', '小助手(测试)')).toBe(true);
  });
});

describe('stripBotMention', () => {
  it('removes the bot mention and trims', () => {
    expect(stripBotMention('@邻里小助手\u2005工资被拖欠怎么办', '邻里小助手')).toBe('工资被拖欠怎么办');
    expect(stripBotMention('@邻里小助手 帮助', '邻里小助手')).toBe('帮助');
    expect(stripBotMention('请问 @邻里小助手', '邻里小助手')).toBe('请问');
  });

  it('keeps other mentions and longer names', () => {
    expect(stripBotMention('@李阿姨 @邻里小助手 我家有', '邻里小助手')).toBe('@李阿姨 我家有');
    expect(stripBotMention('@邻里小助手们好', '邻里小助手')).toBe('@邻里小助手们好');
    expect(stripBotMention('没有提到', '邻里小助手')).toBe('没有提到');
  });
});

describe('live start-up: offline detection (pure parts)', async () => {
  const { OfflineDetector, isNetworkError, offlineMessage, failingHost } = await import('../src/adapters/wechaty/live.ts');
  // What wechat4u emits offline: a GError with code 2 and the Node reason in the message.
  const offline = Object.assign(new Error('getaddrinfo ENOTFOUND login.wx.qq.com'), { code: 2 });

  it('recognises network errors by code or message', () => {
    expect(isNetworkError(offline)).toBe(true);
    expect(isNetworkError({ code: 'ECONNREFUSED', message: 'connect failed' })).toBe(true);
    expect(isNetworkError(new Error('connect ETIMEDOUT 1.2.3.4:443'))).toBe(true);
    expect(isNetworkError(new Error('login event can not found selfId'))).toBe(false);
  });

  it('names the host and keeps the English reason in one message', () => {
    expect(failingHost(offline)).toBe('login.wx.qq.com');
    expect(offlineMessage(offline, 'wechaty-puppet-wechat4u')).toBe(
      '无法连接微信服务器(login.wx.qq.com):请检查网络后重试。(getaddrinfo ENOTFOUND login.wx.qq.com)',
    );
    expect(offlineMessage(new Error('read ECONNRESET'), 'wechaty-puppet-wechat4u')).toContain('(login.wx.qq.com)');
  });

  it('gives up when errors persist, not at the first burst; never after a login', () => {
    const d = new OfflineDetector(10_000, 40);
    for (let i = 0; i < 14; i++) expect(d.networkError(1_000 + i * 10)).toBe(false);
    expect(d.networkError(6_000)).toBe(false);
    expect(d.networkError(11_000)).toBe(true);

    const reached = new OfflineDetector(10_000, 40);
    reached.networkError(0);
    reached.reachedServer(); // a QR code came: the server is reachable
    expect(reached.networkError(10_500)).toBe(false);

    const live = new OfflineDetector(10_000, 3);
    live.loggedIn();
    for (let i = 0; i < 10; i++) expect(live.networkError(i * 5_000)).toBe(false);

    const burst = new OfflineDetector(60_000, 3);
    burst.networkError(0);
    burst.networkError(1);
    expect(burst.networkError(2)).toBe(true);
  });
});
