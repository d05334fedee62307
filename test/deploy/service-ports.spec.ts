/**
 * `npm start` must not trust whatever answers on its ports: a service whose port is taken is refused with
 * the port, the program holding it and the variable that moves it; and the readiness check tells the
 * process it started from another program answering on that port.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

function bash(script: string, env: Record<string, string> = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile('bash', ['-c', script], { cwd: ROOT, env: { ...process.env, ...env } }, (error, _out, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr }),
    );
  });
}

describe('the ports npm start uses', () => {
  let other: Server;
  let port: number;

  beforeAll(async () => {
    // Another program that answers like a healthy keten service would, on a port of its own.
    other = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ status: 'ok', details: { instance: { status: 'up', id: 'someone-else' } } }),
      );
    });
    await new Promise<void>((listening) => other.listen(0, '127.0.0.1', listening));
    port = (other.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((closed) => other.close(closed)));

  it('refuses a taken port, naming it, its holder and the variable that moves the service', async () => {
    const { code, stderr } = await bash(`. deploy/ports.sh && require_free_port api ${port} API_PORT`);
    expect(code).toBe(1);
    expect(stderr).toContain(`port ${port} is already taken`);
    expect(stderr).toMatch(new RegExp(`by node \\(pid ${process.pid}\\)`));
    expect(stderr).toContain('API_PORT=<free port> npm start');
  });

  it('refuses to start the development identity provider on a taken IDP_PORT', async () => {
    const { code, stderr } = await bash('bash deploy/services.sh start idp', { IDP_PORT: String(port) });
    expect(code).toBe(1);
    expect(stderr).toContain(`[idp] cannot start: port ${port} is already taken`);
    expect(stderr).toContain('IDP_PORT=<free port> npm start');
  });

  it('lets a free port pass', async () => {
    const free = createServer();
    await new Promise<void>((listening) => free.listen(0, '127.0.0.1', listening));
    const freePort = (free.address() as AddressInfo).port;
    await new Promise((closed) => free.close(closed));
    expect((await bash(`. deploy/ports.sh && require_free_port api ${freePort} API_PORT`)).code).toBe(0);
  });

  it('does not take another program’s healthy answer for the service it just started', async () => {
    const name = `probe-${process.pid}`;
    writeFileSync(resolve(ROOT, `.run/${name}.instance`), 'the-one-just-started\n');
    try {
      const { code, stderr } = await bash(
        `bash deploy/wait-ready.sh http://127.0.0.1:${port}/health/ready 5 ${name}`,
      );
      expect(code).toBe(1);
      expect(stderr).toContain('is answered by another program');
    } finally {
      rmSync(resolve(ROOT, `.run/${name}.instance`), { force: true });
    }
  });
});
