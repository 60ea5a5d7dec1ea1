// A real PostgreSQL for tests and the bench, started here: Debian's initdb/pg_ctl in a temporary
// folder, listening on a Unix socket only (no network). Missing binaries are installed when we
// run as root (CI); otherwise the caller fails with the package named. Never skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

export interface PostgresServer {
  /** The socket folder (the `host` of a connection). */
  socketDir: string;
  /** A connection string for a database on this server. */
  url(database?: string): string;
  /** A new empty database; returns its connection string. */
  createDatabase(name?: string): Promise<string>;
  stop(): void;
}

function findBinDir(): string | null {
  return BIN_DIRS.find((d) => existsSync(join(d, 'initdb'))) ?? null;
}

function ensureInstalled(): string {
  const found = findBinDir();
  if (found) return found;
  if (process.getuid?.() === 0) {
    // CI runs as root on Debian: the server comes from Debian's own package.
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    const res = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const after = findBinDir();
    if (after) return after;
    throw new Error(`PostgreSQL could not be installed (apt-get install postgresql exited ${res.status}); these tests need it`);
  }
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package "postgresql"; these tests need it');
}

let counter = 0;

/** Starts a throwaway server. `durable: false` turns fsync off (tests); the bench keeps it on. */
export function startPostgres(opts: { durable?: boolean } = {}): PostgresServer {
  const bin = ensureInstalled();
  const dir = mkdtempSync(join(tmpdir(), 'linli-pg-'));
  const data = join(dir, 'data');
  // initdb refuses to run as root: run the server as the postgres user Debian's package creates.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]): void => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    execFileSync(file, argv, { stdio: 'pipe' });
  };
  if (asRoot) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
  const settings = [
    "-c listen_addresses=''",
    `-c unix_socket_directories=${dir}`,
    '-c max_connections=200',
    ...(opts.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', settings, '-w', '-t', '60', 'start']);
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const url = (database = 'postgres'): string => `postgresql://postgres@${encodeURIComponent(dir)}/${database}`;
  return {
    socketDir: dir,
    url,
    createDatabase: (name) => createDatabase(url, name),
    stop,
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
  return { uid, gid };
}

let shared: PostgresServer | null = null;

/** The env var through which test/support/postgres-global.ts hands its server's socket folder to the test processes. */
export const SHARED_SOCKET_ENV = 'LINLI_TEST_PG_SOCKET';

/**
 * The suite-wide store switch's server: the one the run's global setup started (one initdb for
 * the whole run), else one per test process, started on first use.
 */
export function sharedPostgres(): PostgresServer {
  const socketDir = process.env[SHARED_SOCKET_ENV];
  shared ??= socketDir ? attachPostgres(socketDir) : startPostgres();
  return shared;
}

/** A server another process started and stops. */
function attachPostgres(socketDir: string): PostgresServer {
  const url = (database = 'postgres'): string => `postgresql://postgres@${encodeURIComponent(socketDir)}/${database}`;
  return {
    socketDir,
    url,
    createDatabase: (name) => createDatabase(url, name),
    stop: () => undefined,
  };
}

async function createDatabase(url: (database?: string) => string, name = `t${process.pid}_${++counter}`): Promise<string> {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return url(name);
}
