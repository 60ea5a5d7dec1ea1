// Vitest's global setup: with LINLI_TEST_STORE=postgres, one PostgreSQL server for the whole run
// (each test gets its own database on it), rather than one initdb per test file.
import { SHARED_SOCKET_ENV, startPostgres } from './postgres-server.ts';

export default function setup(): (() => void) | undefined {
  if (process.env.LINLI_TEST_STORE !== 'postgres') return undefined;
  const server = startPostgres();
  // The test processes are forked after this and inherit the environment.
  process.env[SHARED_SOCKET_ENV] = server.socketDir;
  return () => server.stop();
}
