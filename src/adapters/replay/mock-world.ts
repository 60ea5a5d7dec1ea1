// The chat world of a replay inside wechaty-puppet-mock: one contact per speaker, one room
// per group with only its real speakers (the mock slows down with room size). Contacts are keyed
// by name, or by name and id where a transcript gives ids (two contacts may share a name).
import type { WechatyInterface } from 'wechaty/impls';
import { WechatyBuilder } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { types as PuppetTypes } from 'wechaty-puppet';

type ContactMock = ReturnType<mock.Mocker['createContact']>;
type RoomMock = ReturnType<mock.Mocker['createRoom']>;

/** The mock keeps no remark a bot sets; WeChat does (across logins too), and trust relies on it. */
class RemarkKeepingPuppet extends PuppetMock {
  override contactAlias(contactId: string): Promise<string>;
  override contactAlias(contactId: string, alias: string | null): Promise<void>;
  override async contactAlias(contactId: string, alias?: string | null): Promise<unknown> {
    const payload = this.mocker.contactPayload(contactId);
    if (alias === undefined) return payload.alias ?? '';
    this.mocker.contactPayload(contactId, { ...payload, alias: alias ?? '' });
    await this.dirtyPayload(PuppetTypes.Payload.Contact, contactId);
    return alias ?? '';
  }
}

export class MockWorld {
  readonly mocker = new mock.Mocker();
  readonly wechaty: WechatyInterface;
  readonly botContact: ContactMock;
  private readonly contacts = new Map<string, ContactMock>();
  private readonly rooms = new Map<string, RoomMock>();
  private logins = 0;

  constructor(readonly botName: string) {
    this.wechaty = WechatyBuilder.build({ puppet: new RemarkKeepingPuppet({ mocker: this.mocker }) });
    this.botContact = this.mocker.createContact({ name: botName });
    // Wechaty's room-topic handling dirties the room's members under the room id, which the mock
    // cannot resolve as a contact; the error it then emits is about the mock, not the bot.
    this.wechaty.on('error', () => {});
  }

  async start(): Promise<void> {
    await this.wechaty.start();
    this.mocker.login(this.botContact);
    await new Promise((r) => setTimeout(r, 0));
  }

  /** The contact of this name (and id, when given): created on first use. */
  contact(name: string, id?: string | null): ContactMock {
    const key = id ? `${name}#${id}` : name;
    let c = this.contacts.get(key);
    if (!c) {
      c = this.mocker.createContact(id ? { name, id } : { name });
      this.contacts.set(key, c);
      // The first contact of a name is the one a transcript line without an id speaks as.
      if (id && !this.contacts.has(name)) this.contacts.set(name, c);
    }
    return c;
  }

  /** Creates every room once, with its members known up front. */
  createRooms(members: Map<string, Set<string>>): void {
    for (const [topic, keys] of members) {
      const ids = [this.botContact.id, ...new Set([...keys].map((k) => this.contactByKey(k).id))];
      this.rooms.set(topic, this.mocker.createRoom({ topic, memberIdList: ids }));
    }
  }

  room(topic: string): RoomMock {
    const r = this.rooms.get(topic);
    if (!r) throw new Error(`unknown room ${topic}`);
    return r;
  }

  /**
   * A new login on the web protocol: every contact comes back under a new id, with its name and
   * the remark the bot gave it; rooms keep their members (under the new ids).
   */
  relogin(): void {
    this.logins += 1;
    const renewed = new Map<string, ContactMock>();
    const byOldId = new Map<string, ContactMock>();
    for (const [key, c] of this.contacts) {
      const payload = this.mocker.contactPayload(c.id); // with the remark the bot set
      const fresh = byOldId.get(c.id) ?? this.mocker.createContact({ ...payload, id: `${c.id}-login${this.logins}` });
      byOldId.set(c.id, fresh);
      renewed.set(key, fresh);
    }
    for (const room of this.rooms.values()) {
      const memberIdList = room.payload.memberIdList.map((id) => byOldId.get(id)?.id ?? id);
      this.mocker.roomPayload(room.id, { ...room.payload, memberIdList });
    }
    // The old ids are gone, as after a real login.
    for (const oldId of byOldId.keys()) this.mocker.cacheContactPayload.delete(oldId);
    this.contacts.clear();
    for (const [k, c] of renewed) this.contacts.set(k, c);
  }

  /** A member renames a group: the room-topic event, as WeChat sends it. */
  renameRoom(topic: string, newTopic: string, by: string): void {
    const room = this.room(topic);
    // The mock's own room.topic().by() emits before it changes the topic, so Wechaty would re-read
    // the old one: change it first, then emit what WeChat sends.
    this.mocker.roomPayload(room.id, { ...this.mocker.roomPayload(room.id), topic: newTopic });
    this.mocker.puppet.emit('room-topic', {
      changerId: this.contact(by).id,
      newTopic,
      oldTopic: topic,
      roomId: room.id,
      timestamp: Date.now(),
    });
    this.rooms.delete(topic);
    this.rooms.set(newTopic, room);
  }

  /** `text` is the message as WeChat would carry it (mention and quote already written in). */
  say(from: string, text: string, target: { room: string | null; mentionsBot: boolean; fromId?: string | null }): void {
    const speaker = this.contact(from, target.fromId);
    if (target.room === null) {
      speaker.say(text).to(this.botContact);
      return;
    }
    speaker.say(text, target.mentionsBot ? [this.botContact] : []).to(this.room(target.room));
  }

  async stop(): Promise<void> {
    await this.wechaty.stop();
  }

  /** `name` or `name#id`, as roomMembers() writes them. */
  private contactByKey(key: string): ContactMock {
    const i = key.indexOf('#');
    return i < 0 ? this.contact(key) : this.contact(key.slice(0, i), key.slice(i + 1));
  }
}
