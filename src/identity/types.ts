// Who the bot trusts, as saved in the state: staff enrolled to a WeChat contact and groups bound
// to a kind. Display names and topics are never trusted on their own (anyone can change them).

export type StaffRole = 'grid_worker' | 'admin' | 'union_staff';
export type Role = 'resident' | StaffRole;
export type RoomKind = 'building' | 'grid' | 'union' | 'other';

export interface StaffRecord {
  /** The staff member's name as the bot uses it (roster `worker`, digests, private messages). */
  name: string;
  role: StaffRole;
  grid: string | null;
  /** The contact's id when bound; it changes with each login on the web puppet, so the remark wins. */
  contactId: string | null;
  /** The remark (alias) the bot's account gave the contact: WeChat keeps it across logins. */
  remark: string | null;
  /** When the contact was bound (code redeemed, or enrolled by a test/replay setup); null while a code waits. */
  enrolledAt: string | null;
  addedAt: string;
  addedBy: string;
  /** A one-time code waiting to be sent by the person: only its hash is kept. */
  code: { hash: string; expiresAt: string } | null;
}

export interface RoomBinding {
  /** The room id when bound; like contact ids it may change with a login, so the topic is kept too. */
  roomId: string;
  topic: string;
  kind: RoomKind;
  building: string | null;
  grid: string | null;
  boundAt: string;
  boundBy: string;
}

/** A wrong enrolment code sent by a contact: kept for the guess limit's window only. */
export interface CodeMiss {
  contactId: string;
  at: string;
}

/** The part of the state trust reads. */
export interface TrustState {
  staff: StaffRecord[];
  roomBindings: RoomBinding[];
}
