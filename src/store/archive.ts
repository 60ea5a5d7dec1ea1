// Old records leave the live state (which lowdb rewrites whole on every save) for an
// append-only archive of JSON Lines files, one per kind and month: data/archive/calls-2022-12.jsonl.
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type ArchiveKind = 'calls' | 'requests' | 'handoffs' | 'staffNotes';

export interface Archive {
  /** `monthOf` names the month file each record belongs to (yyyy-mm). */
  append<T>(kind: ArchiveKind, records: T[], monthOf: (record: T) => string): Promise<void>;
  readAll<T>(kind: ArchiveKind): Promise<T[]>;
}

export class JsonlArchive implements Archive {
  constructor(private readonly dir: string) {}

  async append<T>(kind: ArchiveKind, records: T[], monthOf: (record: T) => string): Promise<void> {
    if (records.length === 0) return;
    await mkdir(this.dir, { recursive: true });
    const byMonth = new Map<string, string[]>();
    for (const r of records) {
      const month = monthOf(r);
      byMonth.set(month, [...(byMonth.get(month) ?? []), JSON.stringify(r)]);
    }
    for (const [month, lines] of byMonth)
      await appendFile(join(this.dir, `${kind}-${month}.jsonl`), lines.join('\n') + '\n', { mode: 0o600 });
  }

  async readAll<T>(kind: ArchiveKind): Promise<T[]> {
    if (!existsSync(this.dir)) return [];
    const files = (await readdir(this.dir)).filter((f) => f.startsWith(`${kind}-`) && f.endsWith('.jsonl')).sort();
    const out: T[] = [];
    for (const f of files) {
      for (const line of (await readFile(join(this.dir, f), 'utf8')).split('\n')) if (line.trim()) out.push(JSON.parse(line) as T);
    }
    return out;
  }
}

export class MemoryArchive implements Archive {
  readonly records = new Map<ArchiveKind, unknown[]>();

  // Copies, as the file archive writes JSON: a record handed over from a unit of work must not
  // stay tied to it.
  async append<T>(kind: ArchiveKind, records: T[]): Promise<void> {
    this.records.set(kind, [...(this.records.get(kind) ?? []), ...(JSON.parse(JSON.stringify(records)) as T[])]);
  }

  async readAll<T>(kind: ArchiveKind): Promise<T[]> {
    return [...((this.records.get(kind) ?? []) as T[])];
  }
}
