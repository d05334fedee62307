import { readFileSync } from 'node:fs';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  registerDecorator,
  validateSync,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';
import {
  DEFAULT_PROCESSING_ACTIVITY,
  isActivityId,
  isRole,
  parseAgencyCode,
  parseRegionalCoordination,
  RegionalCoordination,
  Role,
} from '#domain';
import { ConfigError } from './config.error.js';

/** For development and tests only: production refuses to start without ACCESS_LOG_PSEUDONYM_KEY. */
const DEV_PSEUDONYM_KEY = 'keten-development-access-log-pseudonym-key';
/** For development and tests only: production refuses to start without VERSION_TOKEN_KEY. */
const DEV_VERSION_TOKEN_KEY = 'keten-development-version-token-key-0000';

/** For development and tests only: production refuses to start without MASTER_KEYS. */
const DEV_MASTER_KEY = Buffer.from('keten-development-master-key-000').toString('base64');

const POSTGRES_URL_EXAMPLE = 'postgres://postgres@127.0.0.1:5432/keten';

/** Accepts postgres:// URLs that name a host and a database; never echoes a password back. */
function IsPostgresUrl(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPostgresUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => parsePostgresUrl(value) !== undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property} must be a PostgreSQL URL with a host and a database name, ` +
          `e.g. ${POSTGRES_URL_EXAMPLE} (got '${maskPassword(String(args?.value))}')`,
      },
    });
}

/** Validates with the domain's own parser, so configuration and domain read coordinators one way. */
function IsRegionalCoordination(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isRegionalCoordination',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseRegionalCoordination(value).ok,
        defaultMessage: (args?: ValidationArguments) => {
          const parsed = parseRegionalCoordination(String(args?.value ?? ''));
          return `${args?.property}: ${parsed.ok ? 'invalid' : parsed.error.message}`;
        },
      },
    });
}

function parsePostgresUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    const validProtocol = url.protocol === 'postgres:' || url.protocol === 'postgresql:';
    return validProtocol && url.hostname !== '' && /^[A-Za-z0-9_-]+$/.test(database) ? url : undefined;
  } catch {
    return undefined;
  }
}

function maskPassword(value: string): string {
  return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * NL GOV profile for CloudEvents, `source`: a URN with namespace `nld`; organisations by OIN (or KvK
 * number), then the system. The OIN form is the one the profile recommends for government bodies.
 */
const FEED_SOURCE_URN = /^urn:nld:(oin:\d{20}|kvknr:\d{8}):systeem:[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Not a real OIN: outside production the feeds name a development system of no organisation. */
const DEV_FEED_SOURCE = (environment: string) =>
  `urn:nld:oin:00000000000000000000:systeem:keten-${environment}`;

/** A claim name, or a dotted path into nested claims. */
const CLAIM_PATH = /^[A-Za-z0-9_$:-]+(\.[A-Za-z0-9_$:-]+)*$/;

/** `key=value,key=value`, each side checked: the first fault as a sentence, or the map. */
function parsePairs<V>(
  text: string,
  entryShape: string,
  valueOf: (key: string, value: string) => { ok: true; value: V } | { ok: false; message: string },
): { ok: true; value: Map<string, V> } | { ok: false; message: string } {
  const map = new Map<string, V>();
  for (const entry of text.split(',').filter((part) => part.trim() !== '')) {
    const at = entry.lastIndexOf('=');
    const key = entry.slice(0, at).trim();
    if (at <= 0 || key === '') return { ok: false, message: `'${entry}' is not of the form ${entryShape}` };
    const parsed = valueOf(key, entry.slice(at + 1).trim());
    if (!parsed.ok) return parsed;
    map.set(key, parsed.value);
  }
  return { ok: true, value: map };
}

/** `value=ROLE,value=ROLE`: the provider's role values and the keten role each stands for. */
export function parseRoleMap(
  text: string,
): { ok: true; value: Map<string, Role> } | { ok: false; message: string } {
  return parsePairs(text, '<provider value>=<role>', (_from, to) =>
    isRole(to)
      ? { ok: true, value: to }
      : { ok: false, message: `'${to}' is not a role; use one of ${Object.values(Role).join(', ')}` },
  );
}

/**
 * `AGENCY=activity,…`: the processing activity each agency's Kafka feed serves (its consumer's declared
 * purpose); agencies not named serve case coordination.
 */
export function parseFeedActivities(
  text: string,
): { ok: true; value: Map<string, string> } | { ok: false; message: string } {
  const parsed = parsePairs(text, '<agency code>=<register id>', (agency, activity) => {
    const code = parseAgencyCode(agency);
    if (!code.ok) return { ok: false, message: code.error.message };
    if (!isActivityId(activity))
      return {
        ok: false,
        message: `'${activity}' is not a register id; write it as lower-case words joined by hyphens, e.g. case-coordination`,
      };
    return { ok: true, value: activity };
  });
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: new Map([...parsed.value].map(([agency, activity]) => [agency.trim().toUpperCase(), activity])),
  };
}

const DAY_MS = 86_400_000;
/** A retention the broker can keep exactly: days, weeks or hours (a month or a year has no fixed length). */
const RETENTION_PERIOD = /^P(?:(\d{1,5})D|(\d{1,4})W|T(\d{1,6})H)$/;
const RETENTION_MIN_MS = 3_600_000;
const RETENTION_MAX_MS = 3650 * DAY_MS;

/** How long the broker keeps each agency's feed topic: a default and the agencies' own periods. */
export interface FeedTopicRetention {
  /** retention.ms of an agency not named. */
  readonly defaultMs: number;
  /** retention.ms by agency code. */
  readonly byAgency: ReadonlyMap<string, number>;
}

function retentionMs(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const match = RETENTION_PERIOD.exec(text.trim().toUpperCase());
  const ms = match
    ? Number(match[1] ?? 0) * DAY_MS + Number(match[2] ?? 0) * 7 * DAY_MS + Number(match[3] ?? 0) * 3_600_000
    : NaN;
  if (!match)
    return {
      ok: false,
      message: `'${text}' is not a period in days, weeks or hours (ISO 8601: P30D, P4W, PT12H); write months as days (P180D)`,
    };
  if (ms < RETENTION_MIN_MS || ms > RETENTION_MAX_MS)
    return { ok: false, message: `'${text}' must lie between PT1H and P3650D` };
  return { ok: true, value: ms };
}

/**
 * `P30D,NLA=P90D,UWV=P14D`: the period the broker keeps a feed topic (its `retention.ms`), a bare period
 * being the default and `<agency code>=<period>` an agency's own, as its agreement says. Without a
 * default, Kafka's own default of P7D.
 */
export function parseFeedTopicRetention(
  text: string,
): { ok: true; value: FeedTopicRetention } | { ok: false; message: string } {
  const entries = text.split(',').filter((part) => part.trim() !== '');
  const defaults = entries.filter((entry) => !entry.includes('='));
  if (defaults.length > 1)
    return { ok: false, message: `give one default period, not ${defaults.length} (${defaults.join(', ')})` };
  const defaultMs = defaults.length ? retentionMs(defaults[0]) : { ok: true as const, value: 7 * DAY_MS };
  if (!defaultMs.ok) return defaultMs;
  const parsed = parsePairs(
    entries.filter((entry) => entry.includes('=')).join(','),
    '<agency code>=<period>',
    (agency, period) => {
      const code = parseAgencyCode(agency);
      return code.ok ? retentionMs(period) : { ok: false, message: code.error.message };
    },
  );
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: {
      defaultMs: defaultMs.value,
      byAgency: new Map([...parsed.value].map(([agency, ms]) => [agency.trim().toUpperCase(), ms])),
    },
  };
}

/** A text setting its parser accepts; the parser's sentence, with an example, when it does not. */
function Parses(
  parse: (text: string) => { ok: true } | { ok: false; message: string },
  example: string,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: `parses${String(propertyName)}`,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parse(value).ok,
        defaultMessage: (args?: ValidationArguments) => {
          const parsed = parse(String(args?.value ?? ''));
          return `${args?.property}: ${parsed.ok ? 'invalid' : parsed.message}, e.g. ${example}`;
        },
      },
    });
}

function IsRoleMap(): PropertyDecorator {
  return Parses(parseRoleMap, 'keten-inspecteurs=INSPECTOR,keten-coordinatoren=COORDINATOR');
}

const PORT_MESSAGE = (args: ValidationArguments) =>
  `${args.property} must be a whole number between 1 and 65535`;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/** A whole number within bounds, with one sentence for every way it can be wrong. */
function WholeNumber(min: number, max: number, unit = ''): PropertyDecorator {
  const message = (args: ValidationArguments) =>
    `${args.property} must be a whole number${unit} between ${min} and ${max}`;
  const decorators = [Transform(toInt), IsInt({ message }), Min(min, { message }), Max(max, { message })];
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

/** The environment variables keten reads; defaults work on a developer machine with local Postgres and Kafka. */
export class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  @IsPostgresUrl()
  DATABASE_URL = POSTGRES_URL_EXAMPLE;

  /**
   * The api reads read models through this connection: a role that row-level security applies to.
   * Defaults to DATABASE_URL with the user keten_api (created by the migrations).
   */
  @ValidateIf((env: EnvironmentVariables) => env.READ_DATABASE_URL !== '')
  @IsPostgresUrl()
  READ_DATABASE_URL = '';

  @Matches(/^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port, e.g. 127.0.0.1:9092',
  })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, {
    message: 'KAFKA_CLIENT_ID must be 1-64 lowercase letters, digits or dashes',
  })
  KAFKA_CLIENT_ID = 'keten';

  /**
   * The broker takes TLS and SASL/SCRAM-SHA-512 only. The defaults are what `deploy/kafka.sh start` makes
   * for a development broker: its CA and the relay's password, in .cache/kafka/secrets.
   */
  @IsString()
  @Length(1, 1000, {
    message: 'KAFKA_SSL_CA_FILE must name the PEM file of the CA that signed the broker certificate',
  })
  KAFKA_SSL_CA_FILE = '.cache/kafka/secrets/ca.crt';

  @Matches(/^[A-Za-z0-9._@-]{1,200}$/, {
    message:
      'KAFKA_SASL_USERNAME must be 1-200 letters, digits, dots, dashes, underscores or @, e.g. keten-relay',
  })
  KAFKA_SASL_USERNAME = 'keten-relay';

  /** The password itself (e.g. from a secret store); when set it wins over KAFKA_SASL_PASSWORD_FILE. */
  @IsString()
  KAFKA_SASL_PASSWORD = '';

  @IsString()
  @Length(1, 1000, { message: 'KAFKA_SASL_PASSWORD_FILE must name a file holding the SASL password' })
  KAFKA_SASL_PASSWORD_FILE = '.cache/kafka/secrets/keten-relay.password';

  @Transform(toInt)
  @IsInt({ message: PORT_MESSAGE })
  @Min(1, { message: PORT_MESSAGE })
  @Max(65535, { message: PORT_MESSAGE })
  API_PORT = 3000;

  @Transform(toInt)
  @IsInt({ message: PORT_MESSAGE })
  @Min(1, { message: PORT_MESSAGE })
  @Max(65535, { message: PORT_MESSAGE })
  WORKER_PORT = 3001;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toInt)
  @IsInt({ message: 'PROJECTOR_BATCH_SIZE must be a whole number between 1 and 10000' })
  @Min(1, { message: 'PROJECTOR_BATCH_SIZE must be a whole number between 1 and 10000' })
  @Max(10_000, { message: 'PROJECTOR_BATCH_SIZE must be a whole number between 1 and 10000' })
  PROJECTOR_BATCH_SIZE = 500;

  /** The subscriptions' safety-net poll; LISTEN/NOTIFY wakes them at once in the normal case. */
  @Transform(toInt)
  @IsInt({ message: 'SUBSCRIPTION_POLL_MS must be a whole number of milliseconds between 50 and 60000' })
  @Min(50, { message: 'SUBSCRIPTION_POLL_MS must be a whole number of milliseconds between 50 and 60000' })
  @Max(60_000, {
    message: 'SUBSCRIPTION_POLL_MS must be a whole number of milliseconds between 50 and 60000',
  })
  SUBSCRIPTION_POLL_MS = 1000;

  /**
   * The secret under which the access log pseudonymises subject ids (HMAC-SHA256). Required in
   * production; changing it cuts older log lines off from searches by subject id.
   */
  @ValidateIf(
    (env: EnvironmentVariables) => env.ACCESS_LOG_PSEUDONYM_KEY !== '' || env.NODE_ENV === 'production',
  )
  @IsString()
  @Length(32, 512, {
    message:
      'ACCESS_LOG_PSEUDONYM_KEY must be set (in production) to at least 32 characters; generate one with: openssl rand -hex 32',
  })
  ACCESS_LOG_PSEUDONYM_KEY = '';

  /**
   * The secret under which activations' versions become opaque tokens (HMAC-SHA256). Required in
   * production; changing it makes the tokens clients hold stale (their next command answers CONFLICT).
   */
  @ValidateIf((env: EnvironmentVariables) => env.VERSION_TOKEN_KEY !== '' || env.NODE_ENV === 'production')
  @IsString()
  @Length(32, 512, {
    message:
      'VERSION_TOKEN_KEY must be set (in production) to at least 32 characters; generate one with: openssl rand -hex 32',
  })
  VERSION_TOKEN_KEY = '';

  /**
   * The master keys that wrap every data subject's key (crypto-shredding, issue 19): base64 of 32 random
   * bytes each, comma-separated. The first wraps new keys; the others still unwrap what they wrapped, so a
   * key is rotated by putting a new one first. Required in production; never stored in the database.
   */
  @ValidateIf((env: EnvironmentVariables) => env.MASTER_KEYS !== '' || env.NODE_ENV === 'production')
  @Matches(/^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/, {
    message:
      'MASTER_KEYS must be set (in production) to one or more comma-separated base64 keys of 32 bytes; generate one with: openssl rand -base64 32',
  })
  MASTER_KEYS = '';

  /**
   * Who coordinates a safety region besides the region itself, e.g. `VR17=GM0599;VR09=GM0344,NLA`. Empty:
   * each safety region alone coordinates its activations.
   */
  @IsRegionalCoordination()
  REGIONAL_COORDINATORS = '';

  /** Where the api finds the public keys that sign tokens: a local JWKS file (dev) ... */
  @IsString()
  JWT_JWKS_FILE = '.run/dev-keys/jwks.json';

  /** ... or an https JWKS URL (production); when set it wins over the file. */
  @ValidateIf((env: EnvironmentVariables) => env.JWT_JWKS_URL !== '')
  @IsUrl(
    { protocols: ['https', 'http'], require_tld: false },
    { message: 'JWT_JWKS_URL must be an http(s) URL' },
  )
  JWT_JWKS_URL = '';

  @IsString()
  @Length(1, 200, { message: 'JWT_ISSUER must name the token issuer' })
  JWT_ISSUER = 'keten-dev';

  /**
   * The OpenID Connect provider whose tokens the api accepts, by its issuer URL: the api reads its
   * discovery document (`/.well-known/openid-configuration`) for the JWKS and requires `iss` to be this
   * issuer. When set it wins over JWT_JWKS_URL, JWT_JWKS_FILE and JWT_ISSUER.
   */
  @ValidateIf((env: EnvironmentVariables) => env.OIDC_ISSUER_URL !== '')
  @IsUrl(
    { protocols: ['https', 'http'], require_tld: false, require_protocol: true },
    { message: 'OIDC_ISSUER_URL must be the http(s) issuer URL of an OpenID Connect provider' },
  )
  OIDC_ISSUER_URL = '';

  /**
   * The least time between two fetches of the provider's JWKS when a token names a key id the api does not
   * know (a rotated key): a flood of made-up key ids costs at most one fetch per this many ms.
   */
  @WholeNumber(0, 3_600_000, ' of milliseconds')
  OIDC_JWKS_COOLDOWN_MS = 30_000;

  /** How long the api trusts the JWKS it fetched before fetching it again anyway. */
  @WholeNumber(1000, 86_400_000, ' of milliseconds')
  OIDC_JWKS_MAX_AGE_MS = 600_000;

  /**
   * The clients whose back-channel logout tokens the api takes (the `aud` of the logout token, comma-
   * separated): a logout there ends the session's subscriptions here.
   */
  @Matches(/^[A-Za-z0-9._:/-]+(,[A-Za-z0-9._:/-]+)*$/, {
    message: 'OIDC_LOGOUT_CLIENTS must be a comma-separated list of client ids, e.g. keten-console',
  })
  OIDC_LOGOUT_CLIENTS = 'keten-console';

  /** The folder of the built console the api serves at `/` (`npm run build` puts it in dist/console). */
  @IsString()
  CONSOLE_DIR = 'dist/console';

  /** The console's client id at the OpenID Connect provider (a public client: code flow with PKCE). */
  @Matches(/^[A-Za-z0-9._:/-]+$/, { message: 'CONSOLE_CLIENT_ID must be a client id, e.g. keten-console' })
  CONSOLE_CLIENT_ID = 'keten-console';

  /**
   * Which claims of the provider's tokens name the user, agency, role and region: a claim name or a
   * dotted path into the token (Keycloak's `realm_access.roles`). A claim may hold a list.
   */
  @Matches(CLAIM_PATH, { message: 'JWT_CLAIM_USER must be a claim name or dotted path, e.g. sub' })
  JWT_CLAIM_USER = 'sub';

  @Matches(CLAIM_PATH, { message: 'JWT_CLAIM_AGENCY must be a claim name or dotted path, e.g. agency' })
  JWT_CLAIM_AGENCY = 'agency';

  @Matches(CLAIM_PATH, { message: 'JWT_CLAIM_ROLE must be a claim name or dotted path, e.g. groups' })
  JWT_CLAIM_ROLE = 'role';

  @Matches(CLAIM_PATH, { message: 'JWT_CLAIM_REGION must be a claim name or dotted path, e.g. region' })
  JWT_CLAIM_REGION = 'region';

  /**
   * The provider's values of the role claim that stand for keten's roles, e.g.
   * `keten-inspecteurs=INSPECTOR,keten-coordinatoren=COORDINATOR`; values not named are taken as they are.
   */
  @IsRoleMap()
  JWT_ROLE_MAP = '';

  @IsString()
  @Length(1, 200, { message: 'JWT_AUDIENCE must name the audience tokens are issued for' })
  JWT_AUDIENCE = 'keten';

  /**
   * The CloudEvents `source` of feed messages, in the URN form of the NL GOV profile for CloudEvents:
   * namespace `nld`, then the organisation (its OIN) and the system. Required in production; outside it
   * a placeholder OIN of zeros names the development system.
   */
  @ValidateIf((env: EnvironmentVariables) => env.FEED_EVENT_SOURCE !== '' || env.NODE_ENV === 'production')
  @Matches(FEED_SOURCE_URN, {
    message:
      'FEED_EVENT_SOURCE must be set (in production) to a URN of the NL GOV profile for CloudEvents, ' +
      'urn:nld:oin:<OIN of 20 digits>:systeem:<system>, e.g. urn:nld:oin:00000001003214345000:systeem:keten',
  })
  FEED_EVENT_SOURCE = '';

  /** Each agency's feed topic is this prefix followed by the agency code. */
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, {
    message: 'FEED_TOPIC_PREFIX must be 1-200 letters, digits, dots, dashes or underscores, e.g. keten.feed.',
  })
  FEED_TOPIC_PREFIX = 'keten.feed.';

  /** Partitions and replicas of a feed topic the relay creates; the defaults fit one broker. */
  @WholeNumber(1, 1000)
  FEED_TOPIC_PARTITIONS = 3;

  @WholeNumber(1, 10)
  FEED_TOPIC_REPLICAS = 1;

  /**
   * How long the broker keeps a feed topic's messages (its retention.ms): a default period and agencies'
   * own, `P30D,NLA=P90D`, no longer than the agreement with the agency allows. The relay sets it when it
   * creates a topic and alters a topic whose retention differs.
   */
  @Parses(parseFeedTopicRetention, 'P30D,NLA=P90D')
  FEED_TOPIC_RETENTION = 'P7D';

  /**
   * The processing activity (register id) each agency's Kafka feed serves, as its consumer declares it:
   * `NLA=supervision,BD=case-coordination`. The relay publishes what agreements serving that activity
   * allow; agencies not named serve case-coordination.
   */
  @Parses(parseFeedActivities, 'NLA=supervision,BD=case-coordination')
  FEED_ACTIVITIES = '';

  /** Feed entries the relay publishes in one batch before it moves its checkpoint. */
  @WholeNumber(1, 10_000)
  FEED_RELAY_BATCH_SIZE = 500;

  /** The longest wait between the relay's attempts while Kafka does not answer (it doubles up to this). */
  @WholeNumber(100, 600_000, ' of milliseconds')
  FEED_RELAY_MAX_RETRY_MS = 30_000;

  /**
   * How often the worker's retention job applies the archive decisions (it runs once at start, then at
   * this interval): daily by default; the Archiefwet counts in days, so more often only costs a scan.
   */
  @WholeNumber(60_000, 604_800_000, ' of milliseconds')
  RETENTION_INTERVAL_MS = 86_400_000;

  /** Activations the retention job reads in one page (it logs its progress after each). */
  @WholeNumber(1, 10_000)
  RETENTION_BATCH_SIZE = 200;

  /**
   * Events the sealing of legacy events (the worker at start, `npm run db:seal`) looks at in one batch, one
   * transaction each: it logs its progress after each.
   */
  @WholeNumber(1, 10_000)
  LEGACY_SEALING_BATCH_SIZE = 500;

  /**
   * The GraphQL abuse limits (OWASP GraphQL cheat sheet). Every query of the demo, the tests and the
   * benchmarks fits well within them: the deepest nests 5 levels, none uses an alias, the costliest (a
   * feed page of 500 entries with every field) costs about 19 000, the longest has about 60 tokens.
   */
  @WholeNumber(2, 100)
  GRAPHQL_MAX_DEPTH = 10;

  @WholeNumber(0, 1000)
  GRAPHQL_MAX_ALIASES = 15;

  /** graphql-armor's cost: 1 per scalar, 2 per object, x1.5 per level, times a literal `first`. */
  @WholeNumber(100, 100_000_000)
  GRAPHQL_MAX_COST = 50_000;

  @WholeNumber(20, 1_000_000)
  GRAPHQL_MAX_TOKENS = 1000;

  /**
   * GraphQL operations one agency may start per minute on one api instance (all its users and systems
   * together); the next is refused with RATE_LIMITED until the minute is over.
   */
  @WholeNumber(1, 100_000_000)
  RATE_LIMIT_PER_AGENCY = 6000;

  /**
   * The least time, in ms, before a mutation answers NOT_FOUND: an activation hidden from the caller is
   * loaded before it is refused, one that does not exist is not, and the difference must not show.
   */
  @WholeNumber(0, 1000)
  NOT_FOUND_FLOOR_MS = 25;

  /** The largest request body the api reads; a larger one is refused with 413 PAYLOAD_TOO_LARGE. */
  @WholeNumber(1024, 100 * 1024 * 1024, ' of bytes')
  MAX_REQUEST_BODY_BYTES = 1024 * 1024;

  /** The largest document `POST /attachments` accepts (the file itself); a larger one is refused with 413. */
  @WholeNumber(1024, 1024 * 1024 * 1024, ' of bytes')
  ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

  /** Uploads never attached to an activation are removed after this many minutes (0: never). */
  @WholeNumber(0, 7 * 24 * 60, ' of minutes')
  ATTACHMENT_UNATTACHED_TTL_MINUTES = 24 * 60;
}

export interface GraphqlLimitSettings {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  /** Hide "Did you mean …?" field suggestions, which let a client map a schema without introspection. */
  blockFieldSuggestions: boolean;
}

/** How every Kafka client of keten connects: TLS with the broker's CA, then SASL/SCRAM-SHA-512. */
export interface KafkaSecuritySettings {
  ssl: { ca: string[] };
  sasl: { mechanism: 'scram-sha-512'; username: string; password: string };
}

export interface RetentionSettings {
  readonly intervalMs: number;
  readonly batchSize: number;
}

export interface FeedRelaySettings {
  source: string;
  topicPrefix: string;
  partitions: number;
  replicationFactor: number;
  batchSize: number;
  maxRetryMs: number;
  pollIntervalMs: number;
  /** How long the broker keeps each agency's topic (validated at load). */
  retention: FeedTopicRetention;
  /** The activity each agency's feed serves, as configured (validated at load). */
  activities: ReadonlyMap<string, string>;
  /** The activity an agency's feed serves: as configured, case coordination for the others. */
  activityOf: (agency: string) => string;
}

/** Which claims of a token name who acts, and how the provider's role values map to keten's roles. */
export interface ClaimMapping {
  readonly user: string;
  readonly agency: string;
  readonly role: string;
  readonly region: string;
  readonly roleMap: ReadonlyMap<string, Role>;
}

export interface JwtSettings {
  readonly jwksFile: string;
  readonly jwksUrl?: string;
  readonly issuer: string;
  readonly audience: string;
  /** Set when the api is the resource server of an OpenID Connect provider (OIDC_ISSUER_URL). */
  readonly oidc?: {
    readonly issuerUrl: string;
    readonly jwksCooldownMs: number;
    readonly jwksMaxAgeMs: number;
  };
  /** The clients whose back-channel logout tokens end sessions here (their `aud`). */
  readonly logoutClients: readonly string[];
  readonly claims: ClaimMapping;
}

/** Typed, validated configuration shared by the api, the worker and the command-line tools. */
export class AppConfig {
  constructor(private readonly env: EnvironmentVariables) {}

  get environment(): 'development' | 'test' | 'production' {
    return this.env.NODE_ENV as 'development' | 'test' | 'production';
  }
  get databaseUrl(): string {
    return this.env.DATABASE_URL;
  }
  get readDatabaseUrl(): string {
    if (this.env.READ_DATABASE_URL) return this.env.READ_DATABASE_URL;
    const url = new URL(this.env.DATABASE_URL);
    url.username = 'keten_api';
    url.password = '';
    return url.toString();
  }
  get databaseName(): string {
    return decodeURIComponent(new URL(this.env.DATABASE_URL).pathname.slice(1));
  }
  get kafkaBrokers(): string[] {
    return this.env.KAFKA_BROKERS.split(',');
  }
  get kafkaClientId(): string {
    return this.env.KAFKA_CLIENT_ID;
  }
  /**
   * Read when a client is made, so that a missing file stops the process at start-up with a sentence
   * naming the variable rather than at the first publish.
   */
  get kafkaSecurity(): KafkaSecuritySettings {
    const ca = readSecretFile('KAFKA_SSL_CA_FILE', this.env.KAFKA_SSL_CA_FILE);
    const password =
      this.env.KAFKA_SASL_PASSWORD ||
      readSecretFile('KAFKA_SASL_PASSWORD_FILE', this.env.KAFKA_SASL_PASSWORD_FILE).trim();
    return {
      ssl: { ca: [ca] },
      sasl: { mechanism: 'scram-sha-512', username: this.env.KAFKA_SASL_USERNAME, password },
    };
  }
  get apiPort(): number {
    return this.env.API_PORT;
  }
  get workerPort(): number {
    return this.env.WORKER_PORT;
  }
  get logLevel(): string {
    return this.env.LOG_LEVEL;
  }
  get subscriptions(): { batchSize: number; pollIntervalMs: number } {
    return { batchSize: this.env.PROJECTOR_BATCH_SIZE, pollIntervalMs: this.env.SUBSCRIPTION_POLL_MS };
  }
  /** The access log's pseudonym key; a fixed development key outside production. */
  get accessLogPseudonymKey(): string {
    return this.env.ACCESS_LOG_PSEUDONYM_KEY || DEV_PSEUDONYM_KEY;
  }
  /** The key of opaque version tokens; a fixed development key outside production. */
  get versionTokenKey(): string {
    return this.env.VERSION_TOKEN_KEY || DEV_VERSION_TOKEN_KEY;
  }
  /** The master keys, first the one that wraps new keys; a fixed development key outside production. */
  get masterKeys(): Buffer[] {
    const keys = this.env.MASTER_KEYS || DEV_MASTER_KEY;
    return keys.split(',').map((key) => Buffer.from(key, 'base64'));
  }
  /** Who coordinates which safety region (the domain's rule, with what configuration names). */
  get regionalCoordination(): RegionalCoordination {
    const parsed = parseRegionalCoordination(this.env.REGIONAL_COORDINATORS);
    // Validated when the configuration was loaded.
    if (!parsed.ok) throw new ConfigError([`REGIONAL_COORDINATORS: ${parsed.error.message}`]);
    return parsed.value;
  }
  get feedRelay(): FeedRelaySettings {
    // Validated when the configuration was loaded.
    const activities = (parseFeedActivities(this.env.FEED_ACTIVITIES) as { value: Map<string, string> })
      .value;
    return {
      source: this.env.FEED_EVENT_SOURCE || DEV_FEED_SOURCE(this.env.NODE_ENV),
      topicPrefix: this.env.FEED_TOPIC_PREFIX,
      partitions: this.env.FEED_TOPIC_PARTITIONS,
      replicationFactor: this.env.FEED_TOPIC_REPLICAS,
      retention: (parseFeedTopicRetention(this.env.FEED_TOPIC_RETENTION) as { value: FeedTopicRetention })
        .value,
      batchSize: this.env.FEED_RELAY_BATCH_SIZE,
      maxRetryMs: this.env.FEED_RELAY_MAX_RETRY_MS,
      pollIntervalMs: this.env.SUBSCRIPTION_POLL_MS,
      activities,
      activityOf: (agency) => activities.get(agency) ?? DEFAULT_PROCESSING_ACTIVITY,
    };
  }

  /** The sealing of legacy events (issue 19): how many events one batch looks at. */
  get legacySealing(): { batchSize: number } {
    return { batchSize: this.env.LEGACY_SEALING_BATCH_SIZE };
  }

  get retention(): RetentionSettings {
    return { intervalMs: this.env.RETENTION_INTERVAL_MS, batchSize: this.env.RETENTION_BATCH_SIZE };
  }
  get graphqlLimits(): GraphqlLimitSettings {
    return {
      maxDepth: this.env.GRAPHQL_MAX_DEPTH,
      maxAliases: this.env.GRAPHQL_MAX_ALIASES,
      maxCost: this.env.GRAPHQL_MAX_COST,
      maxTokens: this.env.GRAPHQL_MAX_TOKENS,
      blockFieldSuggestions: this.env.NODE_ENV === 'production',
    };
  }
  get rateLimitPerAgencyPerMinute(): number {
    return this.env.RATE_LIMIT_PER_AGENCY;
  }
  get notFoundFloorMs(): number {
    return this.env.NOT_FOUND_FLOOR_MS;
  }
  get maxRequestBodyBytes(): number {
    return this.env.MAX_REQUEST_BODY_BYTES;
  }
  get attachments(): { maxBytes: number; unattachedTtlMinutes: number } {
    return {
      maxBytes: this.env.ATTACHMENT_MAX_BYTES,
      unattachedTtlMinutes: this.env.ATTACHMENT_UNATTACHED_TTL_MINUTES,
    };
  }
  get console(): { directory: string; clientId: string } {
    return { directory: this.env.CONSOLE_DIR, clientId: this.env.CONSOLE_CLIENT_ID };
  }

  get jwt(): JwtSettings {
    const roleMap = parseRoleMap(this.env.JWT_ROLE_MAP);
    // Validated when the configuration was loaded.
    if (!roleMap.ok) throw new ConfigError([`JWT_ROLE_MAP: ${roleMap.message}`]);
    return {
      jwksFile: this.env.JWT_JWKS_FILE,
      jwksUrl: this.env.JWT_JWKS_URL || undefined,
      issuer: this.env.JWT_ISSUER,
      audience: this.env.JWT_AUDIENCE,
      oidc: this.env.OIDC_ISSUER_URL
        ? {
            issuerUrl: this.env.OIDC_ISSUER_URL.replace(/\/$/, ''),
            jwksCooldownMs: this.env.OIDC_JWKS_COOLDOWN_MS,
            jwksMaxAgeMs: this.env.OIDC_JWKS_MAX_AGE_MS,
          }
        : undefined,
      logoutClients: this.env.OIDC_LOGOUT_CLIENTS.split(','),
      claims: {
        user: this.env.JWT_CLAIM_USER,
        agency: this.env.JWT_CLAIM_AGENCY,
        role: this.env.JWT_CLAIM_ROLE,
        region: this.env.JWT_CLAIM_REGION,
        roleMap: roleMap.value,
      },
    };
  }
}

function readSecretFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `${variable} names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); ` +
        'for a development broker run `npm run kafka -- start`, which makes it, or point it at your own file',
    ]);
  }
}

/**
 * Reads and validates the environment. Unset or empty variables take their defaults;
 * anything malformed stops the process with a sentence naming the variable.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const given = Object.fromEntries(
    known.filter((key) => source[key] !== undefined && source[key] !== '').map((key) => [key, source[key]]),
  );
  const env = plainToInstance(EnvironmentVariables, given);
  const errors = validateSync(env, { forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new ConfigError(errors.map((error) => Object.values(error.constraints ?? {})[0] ?? error.property));
  }
  return new AppConfig(env);
}
