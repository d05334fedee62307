import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAgencyCode } from '#domain';
import { ConfigError, loadConfig } from '#platform';
import { REPO_ROOT } from '../demo/demo-loader.js';

/** Every agency's consumer groups start with this, followed by the agency code and a dot. */
const GROUP_PREFIX = 'keten.';

const USAGE = 'usage: npm run -s kafka:client-config -- --agency <code> [--rotate] > <agency>.properties';

/**
 * `npm run -s kafka:client-config -- --agency NLA [--rotate]`: prints the Kafka client properties of an
 * agency for the development broker (deploy/kafka.sh), creating its principal agency-<CODE> with a SCRAM
 * credential if needed: it may read keten.feed.<CODE> (FEED_TOPIC_PREFIX + code) and use the consumer groups
 * keten.<CODE>.*, nothing else. `--rotate` gives it a new password; the old one stops working at once for
 * new connections. The file works as it is with `kcat -F <file> -C -t keten.feed.<CODE>`.
 */
function main(): number {
  let values: { agency?: string; rotate?: boolean };
  try {
    ({ values } = parseArgs({ options: { agency: { type: 'string' }, rotate: { type: 'boolean' } } }));
  } catch (error) {
    console.error(`kafka:client-config: error BAD_ARGUMENTS: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const agency = parseAgencyCode(values.agency);
  if (!agency.ok) {
    console.error(
      `kafka:client-config: error ${agency.error.code} (field --agency): ${agency.error.message}\n${USAGE}`,
    );
    return 2;
  }
  const config = loadConfig();
  const code = agency.value;
  // The consumer's declared purpose: the relay publishes what agreements serving it allow.
  const activity = config.feedRelay.activityOf(code);
  process.stdout.write(
    `# keten: ${config.feedRelay.topicPrefix}${code} serves the processing activity ${activity} (FEED_ACTIVITIES)\n`,
  );
  const result = spawnSync(
    'bash',
    [
      join(REPO_ROOT, 'deploy/kafka.sh'),
      'agency-access',
      '--agency',
      code,
      '--topic',
      config.feedRelay.topicPrefix + code,
      '--group-prefix',
      `${GROUP_PREFIX}${code}.`,
      ...(values.rotate ? ['--rotate'] : []),
    ],
    { stdio: 'inherit' },
  );
  return result.status ?? 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `kafka:client-config: ${(error as Error).message}`,
  );
  process.exitCode = 1;
}
