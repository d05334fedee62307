import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = resolve(import.meta.dirname, '../../deploy/kafka.sh');

/**
 * A broker of a test's own, started through the project's deploy/kafka.sh on ports of its own, so a
 * test may stop it without disturbing the shared broker on 9092 that other suites use.
 */
export class PrivateKafkaBroker {
  readonly stateDir = mkdtempSync(join(tmpdir(), 'keten-kafka-'));

  constructor(
    readonly port: number,
    readonly controllerPort = port + 1,
  ) {}

  get bootstrap(): string {
    return `127.0.0.1:${this.port}`;
  }

  get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      KAFKA_PORT: String(this.port),
      KAFKA_CONTROLLER_PORT: String(this.controllerPort),
      KAFKA_STATE_DIR: this.stateDir,
    };
  }

  script(command: 'start' | 'stop' | 'status') {
    return run('bash', [SCRIPT, command], { env: this.env, timeout: 240_000 });
  }

  start() {
    return this.script('start');
  }

  stop() {
    return this.script('stop');
  }

  /** Stops the broker and removes its state, so test runs leave nothing behind in the temp folder. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
