// Scans replay output for personal data in group messages that nobody posted in that group:
// roster names and phones, rooms, and temperatures from private reports.
import type { ReplayOutput } from './replay.ts';

interface RosterRow {
  name: string;
  phone: string;
  building: string;
  room: string;
}

/** `extra`: people of other rosters (visit campaigns) the transcript's setup does not list. */
export function findPrivacyLeaks(input: Record<string, unknown>[], out: ReplayOutput[], extra: readonly RosterRow[] = []): string[] {
  const setup = (input.find((l) => 'setup' in l)?.setup ?? {}) as { roster?: RosterRow[]; people?: { room?: string }[] };
  const roster = [...(setup.roster ?? []), ...extra];
  const privateTexts = input.filter((l) => l.dm === true).map((l) => String(l.text));
  const secrets = new Set<string>();
  for (const r of roster) {
    secrets.add(r.name);
    if (r.phone) {
      secrets.add(r.phone);
      secrets.add(r.phone.slice(-4));
    }
    secrets.add(`${r.building}号楼${r.room}`);
    secrets.add(r.room);
  }
  // Rooms known only from the people config were never posted anywhere.
  for (const p of setup.people ?? []) if (p.room) secrets.add(p.room);
  for (const t of privateTexts) for (const m of t.matchAll(/\d{2}度\d|\d{2}\.\d/g)) secrets.add(m[0]);

  const leaks: string[] = [];
  for (const o of out) {
    if (!o.room || !o.text) continue;
    const postedHere = input
      .filter((l) => l.room === o.room && typeof l.at === 'string' && (l.at as string) <= (o.at ?? ''))
      .map((l) => String(l.text))
      .join('\n');
    for (const s of secrets) {
      if (s && o.text.includes(s) && !postedHere.includes(s)) leaks.push(`${o.at} ${o.room}: "${s}" in ${JSON.stringify(o.text)}`);
    }
  }
  return leaks;
}
