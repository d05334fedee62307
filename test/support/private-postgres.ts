import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
/** initdb and postgres refuse to run as root: as root, the cluster belongs to the postgres user. */
const OS_USER = 'postgres';

/**
 * A PostgreSQL 15 cluster of a test's own (initdb into a temp folder, a port of its own, trust auth), so a
 * test may stop and start it without disturbing the shared cluster on 5432 that other suites use. The
 * PostgreSQL counterpart of PrivateKafkaBroker.
 */
export class PrivatePostgres {
  readonly dataDir: string;
  private readonly root = mkdtempSync(join(tmpdir(), 'keten-postgres-'));
  private readonly asRoot = process.getuid?.() === 0;
  private initialised = false;

  constructor(readonly port: number) {
    this.dataDir = join(this.root, 'data');
    if (this.asRoot) {
      const { uid, gid } = osUser();
      chownSync(this.root, uid, gid);
    }
    chmodSync(this.root, 0o700);
  }

  /** A URL of a database in this cluster (as the superuser `postgres`); the name must contain `test`. */
  url(database = 'keten_test'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private command(binary: string, args: string[], timeout = 120_000) {
    const [file, argv] = this.asRoot
      ? ['runuser', ['-u', OS_USER, '--', join(BIN, binary), ...args]]
      : [join(BIN, binary), args];
    return run(file, argv, { timeout, cwd: this.root });
  }

  /** Creates the cluster on first use and starts it; waits until it accepts connections. */
  async start(): Promise<void> {
    if (!this.initialised) {
      await this.command('initdb', [
        '-D',
        this.dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--no-sync',
      ]);
      this.initialised = true;
    }
    await this.command('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.root, 'postgres.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-c port=${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.root} ` +
        `-c fsync=off -c max_connections=100 -c shared_buffers=32MB`,
      'start',
    ]);
    await this.waitUntilAnswering();
  }

  /**
   * Stops the cluster: `fast` (the default) ends every session with admin_shutdown (57P01), the way a
   * restart for maintenance does; `immediate` is a crash without a shutdown checkpoint.
   */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.command('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async running(): Promise<boolean> {
    try {
      await this.command('pg_ctl', ['-D', this.dataDir, 'status'], 10_000);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops the cluster if it runs and removes its files. */
  async dispose(): Promise<void> {
    if (this.initialised && (await this.running())) await this.stop('immediate').catch(() => undefined);
    rmSync(this.root, { recursive: true, force: true });
  }

  private async waitUntilAnswering(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const client = new Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }
}

function osUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, OS_USER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
