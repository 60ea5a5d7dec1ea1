// Turns a knowledge-base answer into the reply: local facts staff filled in config are put into
// their slots; a line whose fact is unknown is left out, and one closing line says where to ask
// for everything the answer cannot state. Nothing is ever filled in by guessing.

/** {centerHours|开放时间}: the local fact's key, then how to name it when it is unknown. */
const SLOT = /\{([A-Za-z][A-Za-z0-9_]*)(?:\|([^{}]*))?\}/g;

export type LocalFacts = Readonly<Record<string, string | null | undefined>>;

/** Where a worker can ask for what the knowledge base does not know. */
export function askLine(items: string[]): string {
  return `${items.join('、')}可拨打全国工会职工服务热线12351问一问。`;
}

/** The local-fact keys an answer uses (for config checks). */
export function slotKeys(answer: string): string[] {
  return [...answer.matchAll(SLOT)].map((m) => m[1]);
}

export function renderAnswer(answer: string, ask: readonly string[], facts: LocalFacts = {}): string {
  const missing: string[] = [...ask];
  const lines: string[] = [];
  /** The ask line takes the place of the first line left out, so it reads where the fact would. */
  let askAt = -1;
  for (const line of answer.trim().split('\n')) {
    const unknown: string[] = [];
    const filled = line.replace(SLOT, (slot, key: string, label: string | undefined) => {
      const value = facts[key]?.trim();
      if (value) return value;
      unknown.push((label ?? '').trim());
      return slot;
    });
    if (unknown.length === 0) lines.push(filled);
    else {
      const labels = unknown.filter(Boolean);
      if (labels.length > 0 && askAt < 0) askAt = lines.length;
      missing.push(...labels);
    }
  }
  const items = [...new Set(missing.map((m) => m.trim()).filter(Boolean))];
  if (items.length > 0) lines.splice(askAt < 0 ? lines.length : askAt, 0, askLine(items));
  return lines.join('\n').trim();
}
