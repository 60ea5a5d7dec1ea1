// Staff actions (enrolment, room binding, roster import, stock; the web page's closes, answers and
// knowledge-base edits) as JSON Lines in the data folder,
// one object a line, readable by the owner only (0600). Appended after the change is saved, so
// the log never claims an action that did not happen.
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AuditEntry {
  at: string;
  /** Who did it: a staff name, or `cli` for the command line. */
  by: string;
  /** The role they acted in (the web page records it). */
  role?: string;
  /** `staff.add`, `staff.enrol`, `room.bind`, `roster.import`, `stock.update`, `request.close`, `kb.edit`… */
  action: string;
  /** What it was about (a name, a group topic, a file, a request id); never a phone number or a room number. */
  subject: string;
  detail?: Record<string, unknown>;
}

export interface AuditLog {
  append(entry: AuditEntry): void;
}

export const noAudit: AuditLog = { append: () => {} };

export const AUDIT_FILE = 'audit.jsonl';

export class JsonlAuditLog implements AuditLog {
  constructor(readonly file: string) {}

  static inDataDir(dataDir: string): JsonlAuditLog {
    return new JsonlAuditLog(join(dataDir, AUDIT_FILE));
  }

  append(entry: AuditEntry): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const fresh = !existsSync(this.file);
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    // The mode above applies only when the file is created; an older file is tightened once.
    if (fresh) chmodSync(this.file, 0o600);
  }

  /** The newest entries first (the web page's 记录). */
  recent(limit = 200): AuditEntry[] {
    return this.read().slice(-limit).reverse();
  }

  read(): AuditEntry[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as AuditEntry);
  }
}

/** Kept in memory (tests). */
export class MemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  append(entry: AuditEntry): void {
    this.entries.push(entry);
  }
}
