// Who is who and which group is which. Staff roles come only from enrolment (a bound WeChat
// contact, src/identity), never from a display name; groups from an admin's binding, by id, then
// by topic. Config rooms are default bindings, and config people give residents' homes; their
// roles count only where the app enrolled them (tests, replay, console: see app.ts).
// Unknown rooms are "other" rooms and unknown speakers plain residents, so the bot never refuses anyone.
import type { Location } from '../domain/types.ts';
import type { Role, RoomKind, StaffRecord, TrustState } from '../identity/types.ts';
import { bindingOfRoom, staffNamed, staffOfContact, type ContactRef } from '../identity/resolve.ts';

export type { Role, RoomKind } from '../identity/types.ts';

export interface RoomInfo {
  topic: string;
  kind: RoomKind;
  building: string | null;
  grid: string | null;
}

export interface PersonInfo {
  name: string;
  role: Role;
  grid: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
}

function configStaff(p: PersonInfo): StaffRecord {
  const role = p.role as StaffRecord['role'];
  return {
    name: p.name,
    role,
    grid: p.grid,
    contactId: p.name,
    remark: null,
    enrolledAt: 'config',
    addedAt: 'config',
    addedBy: 'config',
    code: null,
  };
}

export class Directory {
  private readonly rooms = new Map<string, RoomInfo>();
  private readonly people = new Map<string, PersonInfo>();
  private readonly trust: () => TrustState;

  /**
   * `trust` reads the saved staff and room bindings (the bot's last committed state).
   * `configRooms`: whether the config's rooms count as bindings by topic (false live: a member can rename a group).
   */
  constructor(
    rooms: RoomInfo[],
    people: PersonInfo[],
    trust?: () => TrustState,
    private readonly configRooms = true,
  ) {
    for (const r of rooms) this.rooms.set(r.topic, r);
    for (const p of people) this.people.set(p.name, p);
    // Without saved trust (a directory of the config alone: parse, samples), the config's roles stand.
    const configTrust: TrustState = { staff: people.flatMap((p) => (p.role === 'resident' ? [] : [configStaff(p)])), roomBindings: [] };
    this.trust = trust ?? (() => configTrust);
  }

  /** A group by topic: its binding, else the config's (where trusted), else an `other` room. */
  room(topic: string): RoomInfo {
    const bound = this.trust().roomBindings.find((b) => b.topic === topic);
    if (bound) return { topic, kind: bound.kind, building: bound.building, grid: bound.grid };
    return (this.configRooms ? this.rooms.get(topic) : undefined) ?? { topic, kind: 'other', building: null, grid: null };
  }

  /** The group a message came from: bound by id first (it follows renames), then by topic. */
  roomOf(ref: { id: string; topic: string }): RoomInfo {
    const bound = bindingOfRoom(this.trust().roomBindings, ref);
    if (bound) return { topic: ref.topic, kind: bound.kind, building: bound.building, grid: bound.grid };
    return this.room(ref.topic);
  }

  /** Whoever sent a message: the enrolled staff member bound to this contact, else a resident by display name. */
  speaker(contact: ContactRef & { name: string }): PersonInfo {
    const staff = staffOfContact(this.trust().staff, contact);
    if (staff) return this.staffInfo(staff);
    return this.resident(contact.name);
  }

  /** The person the bot calls `name`: an enrolled staff member, else a resident. */
  person(name: string): PersonInfo {
    const staff = staffNamed(this.trust().staff, name);
    return staff ? this.staffInfo(staff) : this.resident(name);
  }

  knowsPerson(name: string): boolean {
    return this.people.has(name) || staffNamed(this.trust().staff, name) !== null;
  }

  allRooms(): RoomInfo[] {
    const bound = this.trust().roomBindings.map((b) => ({ topic: b.topic, kind: b.kind, building: b.building, grid: b.grid }));
    const config = this.configRooms ? [...this.rooms.values()].filter((r) => !bound.some((b) => b.topic === r.topic)) : [];
    return [...bound, ...config];
  }

  allPeople(): PersonInfo[] {
    const staff = this.enrolled().map((s) => this.staffInfo(s));
    const residents = [...this.people.keys()].filter((n) => !staff.some((s) => s.name === n)).map((n) => this.resident(n));
    return [...staff, ...residents];
  }

  gridWorkers(grid: string | null): PersonInfo[] {
    if (!grid) return [];
    return this.enrolled()
      .filter((s) => s.role === 'grid_worker' && s.grid === grid)
      .map((s) => this.staffInfo(s));
  }

  admins(): PersonInfo[] {
    return this.enrolled()
      .filter((s) => s.role === 'admin')
      .map((s) => this.staffInfo(s));
  }

  /** Who gets the union's unanswered questions: union staff and admins. */
  unionStaff(): PersonInfo[] {
    return this.enrolled()
      .filter((s) => s.role === 'union_staff' || s.role === 'admin')
      .map((s) => this.staffInfo(s));
  }

  gridRoom(grid: string | null): RoomInfo | null {
    if (!grid) return null;
    return this.allRooms().find((r) => r.kind === 'grid' && r.grid === grid) ?? null;
  }

  /** The building group for a building, preferring one of the given grid. */
  buildingRoom(building: string | null, grid?: string | null): RoomInfo | null {
    if (!building) return null;
    const candidates = this.allRooms().filter((r) => r.kind === 'building' && r.building === building);
    return candidates.find((r) => grid && r.grid === grid) ?? candidates[0] ?? null;
  }

  personLocation(name: string): Partial<Location> | null {
    const p = this.people.get(name);
    if (!p || (!p.building && !p.room)) return null;
    return { building: p.building, unit: p.unit, room: p.room };
  }

  private enrolled(): StaffRecord[] {
    return this.trust().staff.filter((s) => s.enrolledAt !== null);
  }

  private staffInfo(s: StaffRecord): PersonInfo {
    const home = this.people.get(s.name);
    return {
      name: s.name,
      role: s.role,
      grid: s.grid,
      building: home?.building ?? null,
      unit: home?.unit ?? null,
      room: home?.room ?? null,
    };
  }

  private resident(name: string): PersonInfo {
    const home = this.people.get(name);
    return { name, role: 'resident', grid: null, building: home?.building ?? null, unit: home?.unit ?? null, room: home?.room ?? null };
  }
}
