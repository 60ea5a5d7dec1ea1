// Server-sent events: every commit of the bot (a message handled, a job run, a staff action)
// tells the open pages to refresh their live part. Only a counter is sent, never data.
import type { ServerResponse } from 'node:http';

export class LiveHub {
  private readonly clients = new Set<ServerResponse>();
  private version = 0;
  private timer: NodeJS.Timeout | null = null;

  /** Pages listening now. */
  get listeners(): number {
    return this.clients.size;
  }

  /** Bursts of commits (a sent message marks the outbox) become one event. */
  changed(): void {
    this.version += 1;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const c of this.clients) c.write(`event: change\ndata: ${this.version}\n\n`);
    }, 100);
  }

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\nevent: hello\ndata: ${this.version}\n\n`);
    this.clients.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(ping);
      this.clients.delete(res);
    });
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
