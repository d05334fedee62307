import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on now, so parallel runs never take each other's. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}
