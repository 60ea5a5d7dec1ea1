// A campaign's id from its name: stable, so importing the same list again replaces it.
export function campaignId(name: string): string {
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) | 0;
  return `K${(h >>> 0).toString(36)}`;
}
