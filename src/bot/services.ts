// What handlers may use besides the message: engines, directory, config, clock, log.
import type { Directory } from './directory.ts';
import type { Parser } from '../domain/parse/index.ts';
import type { FaqEngine } from '../domain/faq/index.ts';
import type { LinliConfigFile } from '../config/schema.ts';
import type { Clock } from '../schedule/types.ts';
import type { Logger } from '../log.ts';
import type { Archive } from '../store/archive.ts';
import type { AuditLog } from '../store/audit-log.ts';

export interface BotServices {
  config: LinliConfigFile;
  directory: Directory;
  parser: Parser;
  /** items.yaml's notDosed: medicine-category things a match notice gives no safety line for. */
  notDosed: readonly string[];
  /** A getter, because the knowledge base reloads when staff edit it. */
  faq: () => FaqEngine;
  clock: Clock;
  log: Logger;
  /** Where old records go; see features/retention.ts. */
  archive: Archive;
  /** Admin actions (enrol, bind, stock) are written here after their unit of work is saved. */
  audit: AuditLog;
}
