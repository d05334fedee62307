import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OidcBrowserClient } from '../../apps/idp/src/dev-idp.client.js';
import { ensureBuilt, freePort, ROOT, waitUntil } from './processes.js';

export const DEMO_PASSWORD = (
  JSON.parse(readFileSync(join(ROOT, 'deploy/idp/seed.json'), 'utf8')) as { password: string }
).password;

/**
 * The development identity provider as `npm start` runs it (the built apps/idp in a process of its own, the
 * seed of deploy/idp/seed.json), on a free port, with signing keys in a folder of its own unless told.
 */
export class DevIdpProcess {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'keten-idp-'));
  readonly port: Promise<number>;

  constructor(
    private readonly env: Record<string, string> = {},
    port?: number,
  ) {
    this.port = port === undefined ? freePort() : Promise.resolve(port);
  }

  /** The issuer URL (IDP_ISSUER when given, else http://127.0.0.1:<port>). */
  async issuer(): Promise<string> {
    return this.env.IDP_ISSUER ?? `http://127.0.0.1:${await this.port}`;
  }

  get keysFile(): string {
    return this.env.IDP_KEYS_FILE ?? join(this.dir, 'signing-keys.json');
  }

  /** A browser-like client with its own cookies (a new one is a new browser). */
  async client(): Promise<OidcBrowserClient> {
    return new OidcBrowserClient(`http://127.0.0.1:${await this.port}`);
  }

  async start(): Promise<this> {
    await ensureBuilt();
    const port = await this.port;
    const log = openSync(join(this.dir, 'idp.log'), 'w');
    this.child = spawn(process.execPath, [join(ROOT, 'dist/apps/idp/src/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        IDP_PORT: String(port),
        IDP_KEYS_FILE: this.keysFile,
        IDP_BACKCHANNEL_LOGOUT_URI: '',
        ...this.env,
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const child = this.child;
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`the identity provider exited at start:\n${this.log()}`);
        return fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`).then(
          (response) => response.ok,
          () => false,
        );
      },
      60_000,
      `the identity provider answers on port ${port}`,
      200,
    );
    return this;
  }

  /** Key rotation at the provider: a new key signs from now on. Answers its key id. */
  async rotateKeys(): Promise<string> {
    const response = await fetch(`http://127.0.0.1:${await this.port}/dev/rotate-keys`, { method: 'POST' });
    if (!response.ok) throw new Error(`rotation failed: HTTP ${response.status}`);
    return ((await response.json()) as { kid: string }).kid;
  }

  log(): string {
    try {
      return readFileSync(join(this.dir, 'idp.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The claims of a JWT, unverified: for tests that look at what the provider issued. */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
}

export function headerOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
}
