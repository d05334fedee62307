import { execFile } from 'node:child_process';

export interface KcatResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs kcat (librdkafka), a Kafka client that is not kafkajs, as an agency's developer would: what it
 * may read is decided by the broker alone. deploy/install.sh installs it. `input` goes to its stdin
 * (what `-P` produces).
 */
export function kcat(
  args: readonly string[],
  options: { input?: string; timeoutMs?: number } = {},
): Promise<KcatResult> {
  return new Promise((resolve) => {
    const child = execFile(
      'kcat',
      args,
      { timeout: options.timeoutMs ?? 60_000, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** Reads a whole topic with `kcat -F <properties>` from the beginning to its end: one JSON value a line. */
export function kcatReadTopic(propertiesFile: string, topic: string): Promise<KcatResult> {
  return kcat(['-F', propertiesFile, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%s\\n']);
}
