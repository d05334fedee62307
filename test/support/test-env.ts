/**
 * The environment integration and e2e tests run in. Tests only ever touch a database whose
 * name contains "test": a mistyped DATABASE_URL must not let a suite write into real data.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/keten_test';
export const TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

export function assertTestDatabase(url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name.includes('test')) {
    throw new Error(
      `Refusing to run tests against database '${name}': its name must contain 'test'. ` +
        `Set TEST_DATABASE_URL to e.g. postgres://postgres@127.0.0.1:5432/keten_test.`,
    );
  }
}

export function testEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  assertTestDatabase(overrides.DATABASE_URL ?? TEST_DATABASE_URL);
  return {
    NODE_ENV: 'test',
    DATABASE_URL: TEST_DATABASE_URL,
    KAFKA_BROKERS: TEST_KAFKA_BROKERS,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    JWT_JWKS_FILE: '.run/test-keys/jwks.json',
    JWT_ISSUER: 'keten-test',
    JWT_AUDIENCE: 'keten',
    // Tests that run a worker publish feeds; keep them apart from the topics `npm start` uses (still under
    // keten.feed., the topics the broker lets the relay write).
    FEED_TOPIC_PREFIX: 'keten.feed.test.',
    ...overrides,
  };
}
