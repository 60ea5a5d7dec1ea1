import type { Category } from '../types.ts';

// The numbers that steer mutual aid; all of them come from config/linli.yaml.
export interface AidSettings {
  replyWindowMinutes: number;
  refreshWindowMinutes: number;
  expiryHours: number;
  escalation: {
    urgentToGridGroupMinutes: number;
    urgentToWorkerMinutes: number;
    normalToGridGroupMinutes: number;
  };
}

export interface AidEnv {
  settings: AidSettings;
  /** Names of the grid workers of a grid. */
  gridWorkers(grid: string | null): string[];
  /** Names of the admins, who hear of urgent requests in groups no grid worker covers. */
  admins(): string[];
  /** Topic of a grid's group. */
  gridRoom(grid: string | null): string | null;
  /** Building a group covers, if it is a building group. */
  roomBuilding(topic: string): string | null;
  /** Category of an item name (stock at pickup points is kept by name). */
  categoryOf(name: string): Category | null;
  /** Words for medicine-category things nobody doses (items.yaml notDosed): no safety line. */
  notDosed: readonly string[];
  /** Whether the people config puts this person in this group (a resident's building, a worker's grid). */
  knownMember(name: string, room: string): boolean;
}
