// Builds the mutual-aid engine's view of the world from config and the directory.
import type { AidEnv } from '../../domain/aid/index.ts';
import type { BotServices } from '../services.ts';

export function aidEnv(services: BotServices): AidEnv {
  const { directory, config, parser } = services;
  return {
    settings: config.aid,
    gridWorkers: (grid) => directory.gridWorkers(grid).map((p) => p.name),
    admins: () => directory.admins().map((p) => p.name),
    gridRoom: (grid) => directory.gridRoom(grid)?.topic ?? null,
    roomBuilding: (topic) => directory.room(topic).building,
    categoryOf: (name) => parser.extractItems(name)[0]?.category ?? null,
    notDosed: services.notDosed,
    knownMember: (name, topic) => {
      if (!directory.knowsPerson(name)) return false;
      const person = directory.person(name);
      const room = directory.room(topic);
      // A grid worker sits in every group of the grid; a resident in the building's group.
      if (person.role === 'grid_worker') return room.grid !== null && room.grid === person.grid;
      return room.kind === 'building' && person.building !== null && person.building === room.building;
    },
  };
}
