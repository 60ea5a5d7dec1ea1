// The district the multi-process tests play in: two building groups and their grid group.
import type { SceneOverrides } from '../../src/app.ts';

export const B3 = '金象泰小区3号楼群';
export const B5 = '金象泰小区5号楼群';
export const GRID2 = '楚凤二网格群';
export const WORKER = '邱靓';
export const SCENE: SceneOverrides = {
  rooms: [
    { topic: B3, kind: 'building', building: '3', grid: '楚凤二网格' },
    { topic: B5, kind: 'building', building: '5', grid: '楚凤二网格' },
    { topic: GRID2, kind: 'grid', building: null, grid: '楚凤二网格' },
  ],
  people: [{ name: WORKER, role: 'grid_worker', grid: '楚凤二网格', building: null, unit: null, room: null }],
  roster: [],
};
