/**
 * Drives deploy/kafka.sh the way a developer or the test setup does, against a real broker.
 *
 * It runs on its own free ports and its own KAFKA_STATE_DIR, so it never touches the broker on
 * 9092 that the other integration tests use; only the downloaded jars (.cache/kafka/lib) are
 * shared. The tests build on each other (start, start again, status, stop) and run in order.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaSecurity } from '../support/kafka-credentials.js';

const SCRIPT = resolve(import.meta.dirname, '../../deploy/kafka.sh');
const HOST = '127.0.0.1';
// Per hook and test: the first start may include the one-off jar download (~20 s) plus a cold
// JVM on a 2-core machine, and a stop waits up to 30 s for a clean shutdown.
const SLOW = 180_000;

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(command: string, env: Record<string, string>): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      'bash',
      [SCRIPT, command],
      // A foreign cwd proves the script finds the repository from its own location.
      { cwd: tmpdir(), env: { ...process.env, ...env }, timeout: SLOW },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** A port nobody listens on right now, picked by the kernel. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Pids of java processes whose command line mentions the state dir, read from /proc. */
function javaPidsUsing(stateDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited while we were looking
    }
    if (basename(argv[0] ?? '') === 'java' && argv.some((arg) => arg.includes(stateDir))) {
      pids.push(Number(entry));
    }
  }
  return pids;
}

function connectOutcome(port: number): Promise<'connected' | string> {
  return new Promise((done) => {
    const socket = createConnection({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      done('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

async function listTopics(port: number): Promise<string[]> {
  const admin = new Kafka({
    clientId: 'kafka-script-spec',
    brokers: [`${HOST}:${port}`],
    logLevel: logLevel.NOTHING,
    ...kafkaSecurity('keten-admin'),
  }).admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

describe('deploy/kafka.sh', () => {
  let stateDir: string;
  let env: Record<string, string>;
  let port: number;
  let pidFile: string;

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'keten-kafka-script-'));
    pidFile = join(stateDir, 'kafka.pid');
    port = await freePort();
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    env = {
      KAFKA_HOST: HOST,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controllerPort),
      KAFKA_STATE_DIR: stateDir,
    };
  });

  afterAll(async () => {
    // Never leave a broker behind, whichever test failed.
    await runScript('stop', env);
    rmSync(stateDir, { recursive: true, force: true });
  }, SLOW);

  it(
    'start brings up a broker that a kafkajs admin can list topics on',
    async () => {
      const result = await runScript('start', env);

      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toContain(`bootstrap ${HOST}:${port}`);
      await expect(listTopics(port)).resolves.toEqual(expect.any(Array));
    },
    SLOW,
  );

  it(
    'a second start leaves exactly one broker',
    async () => {
      const pidBefore = Number(readFileSync(pidFile, 'utf8'));

      const result = await runScript('start', env);

      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toMatch(/already running/);
      expect(Number(readFileSync(pidFile, 'utf8'))).toBe(pidBefore);
      expect(javaPidsUsing(stateDir)).toEqual([pidBefore]);
    },
    SLOW,
  );

  it(
    'status reports the running broker',
    async () => {
      const pid = readFileSync(pidFile, 'utf8').trim();

      const result = await runScript('status', env);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`running (pid ${pid}, bootstrap ${HOST}:${port})`);
    },
    SLOW,
  );

  it(
    'stop frees the port and status then exits 3',
    async () => {
      const result = await runScript('stop', env);

      expect(result.code).toBe(0);
      await expect(connectOutcome(port)).resolves.toBe('ECONNREFUSED');
      expect(javaPidsUsing(stateDir)).toEqual([]);
      expect(existsSync(pidFile)).toBe(false);
      const status = await runScript('status', env);
      expect(status.code).toBe(3);
      expect(status.stdout).toMatch(/stopped/);
    },
    SLOW,
  );

  describe('when the client port is taken by another program', () => {
    let squatter: Server;
    let takenPort: number;

    beforeAll(async () => {
      takenPort = await freePort();
      squatter = createServer((socket) => socket.destroy());
      await new Promise<void>((done) => squatter.listen(takenPort, HOST, done));
    });

    afterAll(async () => {
      await new Promise((done) => squatter.close(done));
    });

    it(
      'start fails with a message naming the port and starts nothing',
      async () => {
        const result = await runScript('start', { ...env, KAFKA_PORT: String(takenPort) });

        expect(result.code).not.toBe(0);
        expect(result.stderr).toContain(`port ${takenPort}`);
        expect(result.stderr).toContain('KAFKA_PORT=');
        expect(javaPidsUsing(stateDir)).toEqual([]);
        expect(existsSync(pidFile)).toBe(false);
        expect(squatter.listening).toBe(true);
      },
      SLOW,
    );
  });
});
