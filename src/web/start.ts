// Starting the web page from a CLI command: a port already in use or a bad address is logged and
// the bot goes on without the page, rather than stopping the bot.
import type { Logger } from '../log.ts';
import type { WebServer, WebServerOptions } from './server.ts';

export async function startWebPage(opts: WebServerOptions, say: (line: string) => void): Promise<WebServer | null> {
  const { host, port } = opts.app.config.web;
  try {
    const { startWebServer } = await import('./server.ts');
    const server = await startWebServer(opts);
    say(`工作台网页:${server.url}/login`);
    return server;
  } catch (err) {
    (opts.log as Logger).error({ err, host, port }, 'web page not started');
    say(`工作台网页没有启动(${host}:${port}):${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
