// Generates hostile input lines for the CLI robustness checks (tests and bench):
// random Unicode, huge lines, broken JSON, wrong types, XML app messages, placeholders.
export function hostileLines(count: number, seed = 42): string[] {
  let state = seed;
  const rand = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const randomUnicode = (n: number): string =>
    Array.from({ length: n }, () => {
      const cp = Math.floor(rand() * 0x2ffff);
      return cp >= 0xd800 && cp <= 0xdfff ? '?' : String.fromCodePoint(cp);
    }).join('');
  const shapes: (() => string)[] = [
    () => randomUnicode(1 + Math.floor(rand() * 80)),
    () => '药'.repeat(20_000),
    () => 'a'.repeat(70_000),
    () => '{"text": "未闭合',
    () => '{"text": 12}',
    () => '{"text": null}',
    () => '{"question": ["数组"]}',
    () => '{"at": "昨天", "from": "x", "text": "y", "room": "r"}',
    () => '{"at": "2022-12-20T20:00:00+08:00", "text": "缺少from"}',
    () => '<msg><appmsg appid="" sdkver="0"><title>小程序</title><type>33</type></appmsg></msg>',
    () => '[图片]',
    () => '[语音]',
    () => '"撤回了一条消息"',
    () => '{}',
    () => '[1,2,3]',
    () => '\u0000\u0001\u0002控制字符',
    () => '🙏'.repeat(500),
    () => '2号楼老人求退烧药,请大家帮忙',
  ];
  return Array.from({ length: count }, () => shapes[Math.floor(rand() * shapes.length)]!());
}
