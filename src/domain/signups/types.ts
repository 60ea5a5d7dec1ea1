// Union activities (名师带徒, 实地讲, 线上课堂) and who signed up for them.

export type SignupStatus = 'confirmed' | 'waiting' | 'cancelled';

export interface Signup {
  name: string;
  /** Who signed them up (themselves, a colleague, or the poster of a 接龙 list). */
  by: string;
  at: string;
  status: SignupStatus;
  via: 'group' | 'private' | 'jielong' | 'proxy';
  /** Marked by staff after the activity. */
  attended: boolean | null;
}

export interface Activity {
  /** A1, A2 …: short, so staff can name one (导出 A2). */
  id: string;
  title: string;
  /** When it starts (ISO). */
  time: string;
  place: string | null;
  link: string | null;
  capacity: number | null;
  /** Sign-ups close at this instant (ISO); null = when it starts. */
  deadline: string | null;
  rooms: string[];
  createdBy: string;
  createdAt: string;
  cancelled: boolean;
  signups: Signup[];
  /** Lines of 接龙 lists already read, so a re-pasted list adds only its new lines. */
  jielongLines: string[];
  remindedDayBefore: boolean;
  remindedHourBefore: boolean;
}

export interface ActivityState {
  list: Activity[];
  nextId: number;
}

export function emptyActivityState(): ActivityState {
  return { list: [], nextId: 1 };
}
