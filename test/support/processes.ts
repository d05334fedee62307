import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../bench/support/free-port.js';
import { testEnvironment } from './test-env.js';
import { testTokenIssuer } from './test-tokens.js';

export const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = {
  api: join(ROOT, 'dist/apps/api/src/main.js'),
  worker: join(ROOT, 'dist/apps/worker/src/main.js'),
  console: join(ROOT, 'dist/console/index.html'),
} as const;
const BUILD_LOCK = join(ROOT, '.run/test-build.lock');

export const pause = (ms: number) => new Promise((resolvePause) => setTimeout(resolvePause, ms));

/**
 * Tests that run the built processes need them to include the current sources: rebuilt here when a
 * source is newer than the build (one test file at a time builds; the others wait for it).
 */
export async function ensureBuilt(): Promise<void> {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return newest(path);
        // The console's sources too (tsx, its message files and styles): npm run build builds it as well.
        return /\.(ts|tsx|css|json|html)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')
          ? statSync(path).mtimeMs
          : 0;
      }),
    );
  const builtAt = () =>
    Math.min(...Object.values(ENTRY).map((file) => (statSyncOrUndefined(file)?.mtimeMs ?? 0) as number));
  const stale = () => Math.max(newest(join(ROOT, 'apps')), newest(join(ROOT, 'libs'))) > builtAt();
  if (!stale()) return;
  mkdirSync(join(ROOT, '.run'), { recursive: true });
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${BUILD_LOCK} held for 10 minutes: remove it`);
      await pause(1000);
    }
  }
  try {
    if (stale())
      execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 600_000 });
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

function statSyncOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

export { freePort };

/** Polls until `condition` holds, or fails naming what it waited for. */
export async function waitUntil(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await pause(everyMs);
  }
}

/**
 * The api or the worker as it runs in production: the built entry point in a process of its own, configured
 * through the environment (the test environment plus `overrides`), on a port of its own. Its log goes to a
 * file, printed when the process dies unexpectedly or on request.
 */
export class KetenProcess {
  private child?: ChildProcess;
  private readonly logDir = mkdtempSync(join(tmpdir(), 'keten-process-'));
  private starts = 0;
  readonly port: Promise<number> = freePort();

  constructor(
    readonly kind: 'api' | 'worker',
    private readonly overrides: Record<string, string>,
  ) {}

  get url(): Promise<string> {
    return this.port.then((port) => `http://127.0.0.1:${port}`);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and waits until its HTTP port answers /health/live. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.kind} is already running`);
    await ensureBuilt();
    if (this.kind === 'api') await testTokenIssuer(); // writes the JWKS file the api trusts
    const port = await this.port;
    const env = {
      ...process.env,
      ...testEnvironment({
        SUBSCRIPTION_POLL_MS: '200',
        LOG_LEVEL: 'warn',
        ...this.overrides,
        [this.kind === 'api' ? 'API_PORT' : 'WORKER_PORT']: String(port),
      }),
    };
    const log = openSync(this.logFile(++this.starts), 'w');
    const child = spawn(process.execPath, [ENTRY[this.kind]], {
      cwd: ROOT,
      env,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    child.once('exit', (code, signal) => {
      if (code !== 0 && code !== null && signal === null) {
        console.error(`${this.kind} exited with ${code}:\n${this.log(4000)}`);
      }
    });
    const url = await this.url;
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.kind} exited at start:\n${this.log(4000)}`);
        return fetch(`${url}/health/live`, { signal: AbortSignal.timeout(2000) }).then(
          (response) => response.ok,
          () => false,
        );
      },
      120_000,
      `the ${this.kind} answers on ${url}`,
      200,
    );
  }

  /** SIGKILL: no shutdown hooks, no draining; whatever was in flight is cut off. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: the graceful stop production sends. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** The tail of the current (last started) process's log. */
  log(chars = 2000): string {
    try {
      return readFileSync(this.logFile(this.starts), 'utf8').slice(-chars);
    } catch {
      return '';
    }
  }

  /** The error lines of the current process's JSON log (pino level ≥ 50), for a failing test to show. */
  errorLines(): string[] {
    return this.log(10_000_000)
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line));
  }

  async dispose(): Promise<void> {
    if (this.running) await this.kill();
    rmSync(this.logDir, { recursive: true, force: true });
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }

  private logFile(start: number): string {
    return join(this.logDir, `${this.kind}-${start}.log`);
  }
}

/** The worker's Prometheus metrics, parsed: `name{labels}` → value. */
export async function scrapeMetrics(worker: KetenProcess): Promise<Map<string, number>> {
  const response = await fetch(`${await worker.url}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  const metrics = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    metrics.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return metrics;
}
