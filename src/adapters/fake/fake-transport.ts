// For tests, as Errbot's test backend: push a message in, read what the bot sent out.
import type { IncomingMessage, OutgoingMessage, Transport } from '../../bot/messages.ts';

export class FakeTransport implements Transport {
  readonly name = 'fake';
  readonly sent: OutgoingMessage[] = [];
  private handler: ((msg: IncomingMessage) => Promise<void>) | null = null;
  private counter = 0;

  async start(onMessage: (msg: IncomingMessage) => Promise<void>): Promise<void> {
    this.handler = onMessage;
  }

  async send(out: OutgoingMessage): Promise<void> {
    this.sent.push(out);
  }

  async stop(): Promise<void> {
    this.handler = null;
  }

  /** Delivers a message and resolves when the bot has handled it. */
  async push(
    msg: Omit<Partial<IncomingMessage>, 'room'> & { text: string; from: string; room?: string | null; time: Date },
  ): Promise<OutgoingMessage[]> {
    if (!this.handler) throw new Error('transport not started');
    const before = this.sent.length;
    const { from, room, ...rest } = msg;
    await this.handler({
      id: rest.id ?? `fake-${++this.counter}`,
      sender: { id: from, name: from, alias: null },
      room: room ? { id: room, topic: room } : null,
      mentionsBot: false,
      quote: null,
      ...rest,
    });
    return this.sent.slice(before);
  }

  drain(): OutgoingMessage[] {
    return this.sent.splice(0, this.sent.length);
  }
}
