// Fixed bot texts of the FAQ feature.

export const HANDOFF_REPLY = '这个问题我先转给工会工作人员,稍后由他们回复您。\n着急的话,可拨打全国工会职工服务热线12351。';

export function formatSuggestions(titles: string[]): string {
  const lines = titles.map((t, i) => `${i + 1}. ${t}`);
  return `您是想问:\n${lines.join('\n')}\n回复数字即可`;
}

/** Not union business (weather, medicine, shopping, the bot itself): one kind line, nothing kept for staff. */
export const OFF_TOPIC_REPLY =
  '这个我帮不上忙,抱歉~我是工会服务小助手,欠薪、工伤、劳动合同、法律援助、职工之家、户外劳动者服务站这些事都可以问我。';
