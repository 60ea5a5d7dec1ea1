// A made-up callback roster for trying the console with the repo's config: a few people per
// grid worker, in the buildings of that worker's grid. Every entry's note says it is an
// example, the phones are 1380000xxxx placeholders, and it is loaded only on /roster sample
// into the console's own state (memory, or DIR/console.json), never the live bot's.
import type { Directory } from '../../bot/directory.ts';
import type { RosterEntry } from '../../domain/callbacks/types.ts';
import { rosterFromConfig } from '../../roster-io/config.ts';

export const SAMPLE_NOTE = '示例(虚构)';

const NAMES = ['赵玉珍', '钱秀梅', '冯长林', '韩桂芳', '蒋德福', '沈淑华', '杨福生', '朱兰英', '秦树田', '许凤琴', '何荣海', '吕秀云'];
const ROOMS = ['101', '302', '503'];
const NOTES = ['独居', '空巢,腿脚不便', '独居,有高血压'];
const FREQUENCIES = ['每天', '每天', '每周'];

/** Three fictional people per grid worker of the config; empty when the config has no grid worker. */
export function sampleRoster(directory: Pick<Directory, 'allPeople' | 'allRooms'>): RosterEntry[] {
  const workers = directory.allPeople().filter((p) => p.role === 'grid_worker');
  const rows = workers.flatMap((worker, w) => {
    const buildings = directory
      .allRooms()
      .filter((r) => r.kind === 'building' && r.grid === worker.grid && r.building)
      .map((r) => r.building!);
    return ROOMS.map((room, i) => {
      const n = w * ROOMS.length + i;
      return {
        name: NAMES[n % NAMES.length]!,
        building: buildings.length ? buildings[i % buildings.length]! : String(w + 1),
        unit: null,
        // A second round of names (more than four workers) lives one floor higher.
        room: String(Number(room) + 100 * Math.floor(n / NAMES.length)),
        phone: `1380000${String(n + 1).padStart(4, '0')}`,
        worker: worker.name,
        frequency: FREQUENCIES[i]!,
        note: `${SAMPLE_NOTE}·${NOTES[i]}`,
      };
    });
  });
  const result = rosterFromConfig(rows);
  // The rows above are well-formed by construction; a failure here is a bug, not user input.
  if (!result.ok) throw new Error(`sample roster: ${result.errors.map((e) => `${e.index}.${e.key} ${e.reason}`).join('; ')}`);
  return result.entries;
}
