// The audit log of staff actions on the web page: JSON Lines in the data folder, readable by
// the owner only (0600), appended one line per action.
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface AuditEntry {
  at: string;
  who: string;
  role: string;
  action: string;
  /** What the action was about (a request id, a hand-off id, a file name) and its result. */
  detail: Record<string, unknown>;
}

export class AuditLog {
  private ready: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  append(entry: AuditEntry): Promise<void> {
    this.ready ??= mkdir(dirname(this.file), { recursive: true }).then(() => undefined);
    // Appends are chained so that lines never interleave.
    this.chain = this.chain.then(async () => {
      await this.ready;
      await appendFile(this.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
      await chmod(this.file, 0o600);
    });
    return this.chain;
  }

  /** Newest first. */
  async recent(limit = 200): Promise<AuditEntry[]> {
    await this.chain;
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    const lines = text.split('\n').filter(Boolean);
    return lines
      .slice(-limit)
      .reverse()
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as AuditEntry];
        } catch {
          return [];
        }
      });
  }
}
