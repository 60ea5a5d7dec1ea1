// `linli staff add|list|remove` and `linli rooms bind|list`: the first admin is enrolled here
// (a code she then sends the bot privately); each change is one unit of work on the state file
// and a line in data/audit.jsonl. Stop the bot first, as for a roster import.
import { resolve } from 'node:path';
import { flagString, type ParsedArgs } from './args.ts';
import { FileStore } from '../store/file-store.ts';
import { changeState } from '../store/change.ts';
import { stateFile } from './state-file.ts';
import { JsonlAuditLog } from '../store/audit-log.ts';
import { addStaff, bindRoom, removeStaff } from '../identity/enrol.ts';
import { CODE_MINUTES } from '../identity/codes.ts';
import type { RoomKind, StaffRole } from '../identity/types.ts';

const ROLES: StaffRole[] = ['grid_worker', 'admin', 'union_staff'];
const KINDS: RoomKind[] = ['building', 'grid', 'union', 'other'];

export async function runStaffCommand(command: 'staff' | 'rooms', rest: string[], args: ParsedArgs): Promise<number> {
  const dataDir = resolve(flagString(args, 'data') ?? 'data');
  const store = new FileStore(stateFile(dataDir, args.flags.console === true ? 'console' : 'live'));
  const audit = JsonlAuditLog.inDataDir(dataDir);
  const now = new Date();
  const at = now.toISOString();
  const fail = (m: string): number => {
    process.stderr.write(`linli ${command}: ${m}\n`);
    return 2;
  };
  const [action, name] = rest;
  if (command === 'staff' && action === 'add') {
    const role = flagString(args, 'role') as StaffRole | undefined;
    const grid = flagString(args, 'grid') ?? null;
    if (!name || !role || !ROLES.includes(role))
      return fail('usage: linli staff add NAME --role grid_worker|admin|union_staff [--grid GRID]');
    if (role === 'grid_worker' && !grid) return fail('a grid worker needs --grid');
    let code = '';
    await changeState(store, (s) => void (code = addStaff(s, { name, role, grid }, 'cli', now)));
    audit.append({ at, by: 'cli', action: 'staff.add', subject: name, detail: { role, grid } });
    process.stdout.write(`${code}\n`);
    process.stderr.write(`${name}的登记码(${CODE_MINUTES}分钟内有效,只能用一次):请用自己的微信私聊机器人发送这个码。\n`);
    return 0;
  }
  if (command === 'staff' && action === 'remove') {
    if (!name) return fail('usage: linli staff remove NAME');
    let gone = false;
    await changeState(store, (s) => void (gone = removeStaff(s, name) !== null));
    if (!gone) return fail(`no staff member named ${name}`);
    audit.append({ at, by: 'cli', action: 'staff.remove', subject: name });
    return 0;
  }
  if (command === 'staff' && action === 'list') {
    const state = await new FileStore(store.file, { readOnly: true }).load();
    for (const s of state.staff)
      process.stdout.write(
        `${JSON.stringify({ name: s.name, role: s.role, grid: s.grid, enrolled: s.enrolledAt !== null, codeWaiting: s.code !== null })}\n`,
      );
    return 0;
  }
  if (command === 'rooms' && action === 'bind') {
    // By topic: the bot pins the room's id when it first hears the group, then follows renames.
    const kind = flagString(args, 'kind') as RoomKind | undefined;
    if (!name || !kind || !KINDS.includes(kind))
      return fail('usage: linli rooms bind TOPIC --kind building|grid|union|other [--building N] [--grid GRID]');
    const spec = { kind, building: flagString(args, 'building') ?? null, grid: flagString(args, 'grid') ?? null };
    await changeState(store, (s) => void bindRoom(s, { id: '', topic: name }, spec, 'cli', now));
    audit.append({ at, by: 'cli', action: 'room.bind', subject: name, detail: spec });
    return 0;
  }
  if (command === 'rooms' && action === 'list') {
    const state = await new FileStore(store.file, { readOnly: true }).load();
    for (const b of state.roomBindings)
      process.stdout.write(`${JSON.stringify({ topic: b.topic, kind: b.kind, building: b.building, grid: b.grid })}\n`);
    return 0;
  }
  return fail(`unknown action "${action ?? ''}"`);
}
