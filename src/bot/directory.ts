// Who is who and which group is which, from config (or a replay's setup). Unknown rooms
// are "other" rooms and unknown speakers plain residents, so the bot never refuses anyone.
import type { Location } from '../domain/types.ts';

export type RoomKind = 'building' | 'grid' | 'union' | 'other';
export type Role = 'resident' | 'grid_worker' | 'admin';

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

export class Directory {
  private readonly rooms = new Map<string, RoomInfo>();
  private readonly people = new Map<string, PersonInfo>();

  constructor(rooms: RoomInfo[], people: PersonInfo[]) {
    for (const r of rooms) this.rooms.set(r.topic, r);
    for (const p of people) this.people.set(p.name, p);
  }

  room(topic: string): RoomInfo {
    return this.rooms.get(topic) ?? { topic, kind: 'other', building: null, grid: null };
  }

  person(name: string): PersonInfo {
    return this.people.get(name) ?? { name, role: 'resident', grid: null, building: null, unit: null, room: null };
  }

  knowsPerson(name: string): boolean {
    return this.people.has(name);
  }

  allRooms(): RoomInfo[] {
    return [...this.rooms.values()];
  }

  allPeople(): PersonInfo[] {
    return [...this.people.values()];
  }

  gridWorkers(grid: string | null): PersonInfo[] {
    if (!grid) return [];
    return this.allPeople().filter((p) => p.role === 'grid_worker' && p.grid === grid);
  }

  admins(): PersonInfo[] {
    return this.allPeople().filter((p) => p.role === 'admin');
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
}
