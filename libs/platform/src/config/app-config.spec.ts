import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config.error.js';
import { loadConfig } from './app-config.js';

const SOURCE = 'urn:nld:oin:00000001003214345000:systeem:keten';
const MASTER = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('uses defaults that work on a developer machine', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/keten');
    expect(config.databaseName).toBe('keten');
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(config.apiPort).toBe(3000);
  });

  it('reads and converts values from the environment', () => {
    const config = loadConfig({
      API_PORT: '4100',
      KAFKA_BROKERS: 'a:1,b:2',
      DATABASE_URL: 'postgresql://u:p@db/keten_test',
    });
    expect(config.apiPort).toBe(4100);
    expect(config.kafkaBrokers).toEqual(['a:1', 'b:2']);
    expect(config.databaseName).toBe('keten_test');
  });

  it.each([
    ['not a url'],
    ['mysql://root@127.0.0.1:3306/keten'],
    ['postgres://postgres@127.0.0.1:5432/'],
    ['postgres://:5432/keten'],
  ])('rejects the malformed DATABASE_URL %p with a sentence naming it', (url) => {
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(
      /DATABASE_URL must be a PostgreSQL URL with a host and a database name, e\.g\. postgres:\/\//,
    );
  });

  it('never repeats a password from a rejected DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://keten:s3cret@127.0.0.1:5432/' })).toThrow(
      /postgres:\/\/keten:\*\*\*@127\.0\.0\.1:5432\//,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://keten:s3cret@127.0.0.1:5432/' })).not.toThrow(
      /s3cret/,
    );
  });

  it('lists every malformed variable at once', () => {
    try {
      loadConfig({ API_PORT: 'eighty', KAFKA_BROKERS: 'nohost', NODE_ENV: 'staging' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/API_PORT must be a whole number/);
      expect(problems).toMatch(/KAFKA_BROKERS must be a comma-separated list/);
      expect(problems).toMatch(/NODE_ENV/);
    }
  });

  it('requires an access-log pseudonym key in production and uses a development key elsewhere', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        FEED_EVENT_SOURCE: SOURCE,
        VERSION_TOKEN_KEY: 'v'.repeat(40),
        MASTER_KEYS: MASTER,
      }),
    ).toThrow(/ACCESS_LOG_PSEUDONYM_KEY must be set/);
    expect(() => loadConfig({ ACCESS_LOG_PSEUDONYM_KEY: 'short' })).toThrow(/at least 32 characters/);
    expect(loadConfig({}).accessLogPseudonymKey).toMatch(/development/);
    const key = 'k'.repeat(40);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        FEED_EVENT_SOURCE: SOURCE,
        ACCESS_LOG_PSEUDONYM_KEY: key,
        VERSION_TOKEN_KEY: 'v'.repeat(40),
        MASTER_KEYS: MASTER,
      }).accessLogPseudonymKey,
    ).toBe(key);
  });

  it('requires a version-token key in production and uses a development key elsewhere', () => {
    const production = {
      NODE_ENV: 'production',
      FEED_EVENT_SOURCE: SOURCE,
      ACCESS_LOG_PSEUDONYM_KEY: 'k'.repeat(40),
      MASTER_KEYS: MASTER,
    };
    expect(() => loadConfig(production)).toThrow(/VERSION_TOKEN_KEY must be set \(in production\)/);
    expect(() => loadConfig({ VERSION_TOKEN_KEY: 'short' })).toThrow(
      /VERSION_TOKEN_KEY .*at least 32 characters/,
    );
    expect(loadConfig({}).versionTokenKey).toMatch(/development/);
    expect(
      loadConfig({ ...production, VERSION_TOKEN_KEY: 'v'.repeat(40), MASTER_KEYS: MASTER }).versionTokenKey,
    ).toBe('v'.repeat(40));
  });

  it('requires master keys in production, reads each as 32 bytes, and uses a development key elsewhere', () => {
    const production = {
      NODE_ENV: 'production',
      FEED_EVENT_SOURCE: SOURCE,
      ACCESS_LOG_PSEUDONYM_KEY: 'k'.repeat(40),
      VERSION_TOKEN_KEY: 'v'.repeat(40),
    };
    expect(() => loadConfig(production)).toThrow(/MASTER_KEYS must be set \(in production\)/);
    expect(() => loadConfig({ MASTER_KEYS: 'c2hvcnQ=' })).toThrow(/openssl rand -base64 32/);
    expect(loadConfig({}).masterKeys.map((key) => key.length)).toEqual([32]);
    const second = Buffer.alloc(32, 9).toString('base64');
    expect(loadConfig({ ...production, MASTER_KEYS: `${MASTER},${second}` }).masterKeys).toEqual([
      Buffer.alloc(32, 7),
      Buffer.alloc(32, 9),
    ]);
  });

  it('reads who coordinates a safety region with the domain parser, and names a part it cannot read', () => {
    expect([...loadConfig({}).regionalCoordination.named]).toEqual([]);
    expect([
      ...loadConfig({ REGIONAL_COORDINATORS: ' VR17 = GM0599, nla ; VR09=GM0344;' }).regionalCoordination
        .named,
    ]).toEqual([
      ['VR17', ['GM0599', 'NLA']],
      ['VR09', ['GM0344']],
    ]);
    for (const wrong of ['VR17', 'VR99=NLA', 'VR17=GM0599=NLA', 'VR17=nl a']) {
      expect(() => loadConfig({ REGIONAL_COORDINATORS: wrong })).toThrow(/REGIONAL_COORDINATORS/);
    }
  });

  it("reads the processing activity each agency's Kafka feed serves, and names what it cannot read", () => {
    expect([...loadConfig({}).feedRelay.activities]).toEqual([]);
    expect([
      ...loadConfig({ FEED_ACTIVITIES: ' uwv = supervision, BD=case-coordination' }).feedRelay.activities,
    ]).toEqual([
      ['UWV', 'supervision'],
      ['BD', 'case-coordination'],
    ]);
    expect(() => loadConfig({ FEED_ACTIVITIES: 'UWV=Supervision' })).toThrow(
      /FEED_ACTIVITIES: 'Supervision' is not a register id/,
    );
    expect(() => loadConfig({ FEED_ACTIVITIES: 'XYZ=supervision' })).toThrow(/FEED_ACTIVITIES: .*XYZ/);
    expect(() => loadConfig({ FEED_ACTIVITIES: 'supervision' })).toThrow(
      /FEED_ACTIVITIES: 'supervision' is not of the form <agency code>=<register id>/,
    );
  });

  it("reads how long the broker keeps each agency's feed topic, and names what it cannot read", () => {
    const DAY = 86_400_000;
    expect(loadConfig({}).feedRelay.retention).toEqual({ defaultMs: 7 * DAY, byAgency: new Map() });
    expect(
      loadConfig({ FEED_TOPIC_RETENTION: 'P30D, nla=P90D,UWV=P2W,BD=PT12H' }).feedRelay.retention,
    ).toEqual({
      defaultMs: 30 * DAY,
      byAgency: new Map([
        ['NLA', 90 * DAY],
        ['UWV', 14 * DAY],
        ['BD', 12 * 3_600_000],
      ]),
    });
    // Without a default, Kafka's own: P7D.
    expect(loadConfig({ FEED_TOPIC_RETENTION: 'NLA=P1D' }).feedRelay.retention.defaultMs).toBe(7 * DAY);
    expect(() => loadConfig({ FEED_TOPIC_RETENTION: 'P6M' })).toThrow(
      /FEED_TOPIC_RETENTION: 'P6M' is not a period in days, weeks or hours .*write months as days \(P180D\), e\.g\. P30D,NLA=P90D/,
    );
    expect(() => loadConfig({ FEED_TOPIC_RETENTION: 'P30D,P60D' })).toThrow(/give one default period, not 2/);
    expect(() => loadConfig({ FEED_TOPIC_RETENTION: 'XYZ=P30D' })).toThrow(/FEED_TOPIC_RETENTION: .*XYZ/);
    expect(() => loadConfig({ FEED_TOPIC_RETENTION: 'PT0H' })).toThrow(/must lie between PT1H and P3650D/);
    expect(() => loadConfig({ FEED_TOPIC_RETENTION: 'P9999D' })).toThrow(/must lie between PT1H and P3650D/);
  });

  it("limits GraphQL operations, request bodies and each agency's rate, with defaults and overrides", () => {
    const defaults = loadConfig({});
    expect(defaults.graphqlLimits).toEqual({
      maxDepth: 10,
      maxAliases: 15,
      maxCost: 50_000,
      maxTokens: 1000,
      blockFieldSuggestions: false,
    });
    expect(defaults.rateLimitPerAgencyPerMinute).toBe(6000);
    expect(defaults.maxRequestBodyBytes).toBe(1024 * 1024);
    const tuned = loadConfig({
      NODE_ENV: 'production',
      FEED_EVENT_SOURCE: SOURCE,
      ACCESS_LOG_PSEUDONYM_KEY: 'k'.repeat(40),
      VERSION_TOKEN_KEY: 'v'.repeat(40),
      MASTER_KEYS: MASTER,
      GRAPHQL_MAX_DEPTH: '6',
      GRAPHQL_MAX_ALIASES: '0',
      GRAPHQL_MAX_COST: '2000',
      GRAPHQL_MAX_TOKENS: '500',
      RATE_LIMIT_PER_AGENCY: '120',
      MAX_REQUEST_BODY_BYTES: '65536',
    });
    expect(tuned.graphqlLimits).toEqual({
      maxDepth: 6,
      maxAliases: 0,
      maxCost: 2000,
      maxTokens: 500,
      blockFieldSuggestions: true,
    });
    expect(tuned.rateLimitPerAgencyPerMinute).toBe(120);
    expect(tuned.maxRequestBodyBytes).toBe(65536);
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', '1', /GRAPHQL_MAX_DEPTH must be a whole number between 2 and 100/],
    ['GRAPHQL_MAX_COST', 'lots', /GRAPHQL_MAX_COST must be a whole number between 100 and 100000000/],
    ['RATE_LIMIT_PER_AGENCY', '0', /RATE_LIMIT_PER_AGENCY must be a whole number between 1/],
    ['MAX_REQUEST_BODY_BYTES', '1mb', /MAX_REQUEST_BODY_BYTES must be a whole number of bytes between 1024/],
  ])('refuses %s=%p with a sentence naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it("names the feeds' source as the NL GOV profile asks: a urn:nld URN, required in production", () => {
    expect(loadConfig({}).feedRelay.source).toBe(
      'urn:nld:oin:00000000000000000000:systeem:keten-development',
    );
    expect(loadConfig({ FEED_EVENT_SOURCE: SOURCE }).feedRelay.source).toBe(SOURCE);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        ACCESS_LOG_PSEUDONYM_KEY: 'k'.repeat(40),
        VERSION_TOKEN_KEY: 'v'.repeat(40),
        MASTER_KEYS: MASTER,
      }),
    ).toThrow(/FEED_EVENT_SOURCE must be set \(in production\) to a URN of the NL GOV profile/);
    for (const source of [
      'urn:keten:production',
      'https://keten.example.nl',
      'urn:nld:oin:123:systeem:keten',
    ]) {
      expect(() => loadConfig({ FEED_EVENT_SOURCE: source })).toThrow(/FEED_EVENT_SOURCE must be set/);
    }
  });

  it('connects to Kafka over TLS with SASL/SCRAM, and names the file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keten-config-'));
    writeFileSync(join(dir, 'ca.crt'), 'CA');
    writeFileSync(join(dir, 'password'), 's3cret\n');
    const config = loadConfig({
      KAFKA_SSL_CA_FILE: join(dir, 'ca.crt'),
      KAFKA_SASL_USERNAME: 'agency-NLA',
      KAFKA_SASL_PASSWORD_FILE: join(dir, 'password'),
    });
    expect(config.kafkaSecurity).toEqual({
      ssl: { ca: ['CA'] },
      sasl: { mechanism: 'scram-sha-512', username: 'agency-NLA', password: 's3cret' },
    });
    expect(
      loadConfig({ KAFKA_SSL_CA_FILE: join(dir, 'ca.crt'), KAFKA_SASL_PASSWORD: 'direct' }).kafkaSecurity
        .sasl,
    ).toEqual({ mechanism: 'scram-sha-512', username: 'keten-relay', password: 'direct' });
    const missing = loadConfig({ KAFKA_SSL_CA_FILE: join(dir, 'nope.crt') });
    expect(() => missing.kafkaSecurity).toThrow(ConfigError);
    expect(() => missing.kafkaSecurity).toThrow(
      /KAFKA_SSL_CA_FILE names .*nope\.crt, which cannot be read \(ENOENT\)/,
    );
    expect(() => loadConfig({ KAFKA_SASL_USERNAME: 'a b' })).toThrow(/KAFKA_SASL_USERNAME must be/);
    rmSync(dir, { recursive: true });
  });
});
