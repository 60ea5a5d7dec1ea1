// The chat world of a replay inside wechaty-puppet-mock: one contact per speaker, one room
// per group with only its real speakers (the mock slows down with room size).
import type { WechatyInterface } from 'wechaty/impls';
import { WechatyBuilder } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';

type ContactMock = ReturnType<mock.Mocker['createContact']>;
type RoomMock = ReturnType<mock.Mocker['createRoom']>;

export class MockWorld {
  readonly mocker = new mock.Mocker();
  readonly wechaty: WechatyInterface;
  readonly botContact: ContactMock;
  private readonly contacts = new Map<string, ContactMock>();
  private readonly rooms = new Map<string, RoomMock>();

  constructor(readonly botName: string) {
    this.wechaty = WechatyBuilder.build({ puppet: new PuppetMock({ mocker: this.mocker }) });
    this.botContact = this.mocker.createContact({ name: botName });
  }

  async start(): Promise<void> {
    await this.wechaty.start();
    this.mocker.login(this.botContact);
    await new Promise((r) => setTimeout(r, 0));
  }

  contact(name: string): ContactMock {
    let c = this.contacts.get(name);
    if (!c) {
      c = this.mocker.createContact({ name });
      this.contacts.set(name, c);
    }
    return c;
  }

  /** Creates every room once, with its members known up front. */
  createRooms(members: Map<string, Set<string>>): void {
    for (const [topic, names] of members) {
      const ids = [this.botContact.id, ...[...names].map((n) => this.contact(n).id)];
      this.rooms.set(topic, this.mocker.createRoom({ topic, memberIdList: ids }));
    }
  }

  room(topic: string): RoomMock {
    const r = this.rooms.get(topic);
    if (!r) throw new Error(`unknown room ${topic}`);
    return r;
  }

  /** `text` is the message as WeChat would carry it (mention and quote already written in). */
  say(from: string, text: string, target: { room: string | null; mentionsBot: boolean }): void {
    const speaker = this.contact(from);
    if (target.room === null) {
      speaker.say(text).to(this.botContact);
      return;
    }
    speaker.say(text, target.mentionsBot ? [this.botContact] : []).to(this.room(target.room));
  }

  async stop(): Promise<void> {
    await this.wechaty.stop();
  }
}
