// Small facts about one roster entry: its stable id, where it is, how to name its surname.

/** A stable id from name and address, so re-imports keep the link to earlier calls. */
export function rosterEntryId(name: string, building: string, unit: string | null, room: string): string {
  const key = [name, building, unit ?? '', room].join('|');
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `cb-${hash.toString(16).padStart(8, '0')}`;
}

/** 1号楼502, 1号楼2单元502, A座301. */
export function formatAddress(entry: { building: string; unit: string | null; room: string }): string {
  const building = /^\d+$/.test(entry.building) ? `${entry.building}号楼` : entry.building;
  const unit = entry.unit ? (/^\d+$/.test(entry.unit) ? `${entry.unit}单元` : entry.unit) : '';
  return `${building}${unit}${entry.room}`;
}

const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '令狐',
  '司徒',
  '夏侯',
  '端木',
];

export function surnameOf(name: string): string {
  if (name.length >= 3 && COMPOUND_SURNAMES.includes(name.slice(0, 2))) return name.slice(0, 2);
  return name.slice(0, 1);
}

/** 12月21日 from 2022-12-21. */
export function formatDateCn(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日`;
}
