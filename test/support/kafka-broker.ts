import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = resolve(import.meta.dirname, '../../deploy/kafka.sh');
const CLIENT_CONFIG_CLI = resolve(import.meta.dirname, '../../dist/deploy/kafka/client-config.cli.js');

/**
 * A broker of a test's own, started through the project's deploy/kafka.sh on ports of its own, so a
 * test may stop it without disturbing the shared broker on 9092 that other suites use. It is secured as
 * every broker of the script is (TLS, SASL/SCRAM, ACLs), with the checkout's development CA.
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

  /**
   * An agency's client properties for this broker, written to a file as `npm run -s kafka:client-config`
   * prints them (the built CLI; callers make sure of the build), for kcat -F. The agency's topic is
   * FEED_TOPIC_PREFIX (keten.feed. by default) followed by its code.
   */
  async clientConfig(
    agency: string,
    options: { rotate?: boolean; topicPrefix?: string } = {},
  ): Promise<string> {
    const { stdout } = await run(
      process.execPath,
      [CLIENT_CONFIG_CLI, '--agency', agency, ...(options.rotate ? ['--rotate'] : [])],
      { env: { ...this.env, FEED_TOPIC_PREFIX: options.topicPrefix ?? 'keten.feed.' }, timeout: 120_000 },
    );
    const file = join(this.stateDir, `${agency}-${options.rotate ? 'rotated-' : ''}${Date.now()}.properties`);
    writeFileSync(file, stdout, { mode: 0o600 });
    return file;
  }

  /** What a lost disk or a new, empty cluster at the same address leaves: the broker's data gone. */
  wipeData(): void {
    rmSync(join(this.stateDir, 'data'), { recursive: true, force: true });
  }

  /** Stops the broker and removes its state, so test runs leave nothing behind in the temp folder. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
