// WeChat sends a quoted reply as one text: 「name：quoted text」, a dashed line, then the reply.
const QUOTE = /^「(?:[^：:」]{1,40}[：:])?([\s\S]*?)」\s*\n\s*(?:-\s*){3,}\s*\n?([\s\S]*)$/;

export function splitQuote(raw: string): { quote: string | null; text: string } {
  const m = QUOTE.exec(raw);
  if (!m) return { quote: null, text: raw };
  return { quote: m[1]!.trim(), text: m[2]!.trim() };
}

/** The same format, for the replay and tests to send quoted replies through the mock. */
export function formatQuote(author: string, quoted: string, reply: string): string {
  return `「${author}：${quoted}」\n- - - - - - - - - - - - - - -\n${reply}`;
}
