import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Kafka } from 'kafkajs';
import { LiveFeeds } from '../../../apps/api/src/feeds/shared/live-feeds.service.js';
import { deleteTopics, testKafka, uniqueTopicPrefix } from '../../integration/relay/feed-topics.fixture.js';
import { graphql } from '../../support/graphql-client.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import { tokenFor } from '../../support/test-tokens.js';
import { eventually, FEED_ENTRY_FIELDS, FeedsScenario, SocketClient } from '../feeds/feeds.fixture.js';
import {
  HOSTILE_STRINGS,
  INJECTIONS,
  rawGraphql,
  RawResponse,
  unclassified,
} from './hostile-input.fixture.js';
import { KAFKA_DELIVERY } from '../../../apps/worker/src/relay/relay-access-log.js';
import { parse as parseCsv } from 'csv-parse/sync';

/*
 * Property-based bad input for every read (issue #7, "Bad input"): each run takes valid arguments for the
 * query or subscription and, most of the time, spoils one to three of them, sent as GraphQL variables: ids
 * with NUL, control characters or lone surrogates, huge strings, SQL injections, forged cursors (garbage,
 * base64 of the wrong shape, a cursor of another list, one with a field of the wrong type or out of range),
 * page sizes that are negative, zero, huge or fractional, enum values that are none, dates that are no
 * dates, fields of the wrong type or unknown, and an x-purpose header naming no purpose. Whatever comes:
 *
 * - never HTTP 5xx, never an error without a known extensions.code, never a stack trace;
 * - a refusal is BAD_USER_INPUT (or NOT_FOUND for an id the agency does not see) with a sentence, and
 *   valid arguments are never refused as bad input;
 * - no data of an activation the agency does not take part in;
 * - a read writes no event, and an access log line only for what it disclosed, to the reader itself.
 *
 * FUZZ_SEED and FUZZ_RUNS reproduce or widen a run; a failure prints the seed and the shrunk input.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 7_2027);
const RUNS = Number(process.env.FUZZ_RUNS ?? 35);

type Variables = Record<string, unknown>;
type Data = Record<string, unknown>;

/** Removes the value at a path, where `spoil` would set one. */
const ABSENT = Symbol('absent');

/** Values of the wrong type or form for anything. */
const ODD_VALUES: unknown[] = [
  null,
  true,
  false,
  -1,
  0,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER,
  1e308,
  [],
  [null],
  ['VR17'],
  {},
  { nested: { deeper: [1, 2, 3] } },
];
const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS, ...ODD_VALUES),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);
/** Plain text with a character Postgres cannot hold (NUL), broken Unicode or a terminal escape inside. */
const poisoned: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ maxLength: 12 }),
    // NUL twice: Postgres text holds every other character.
    fc.constantFrom('\u0000', '\u0000', '\ud800', '\udfff', '\u0007', '\u001b[2J', '\u007f', '\r\n'),
    fc.string({ maxLength: 12 }),
  )
  .map(([before, poison, after]) => `${before}${poison}${after}`);
/** The values meant for the argument, the hostile strings and poisoned text more often than anything at all. */
const hostile = (...specific: unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...specific, ...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: poisoned },
    { weight: 2, arbitrary: anything },
  );

const pageSizes = (max: number) =>
  hostile(0, -1, max + 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 1.5, 0.5, 1e308, '10', true, ABSENT, null);
const enumValues = hostile('SPANKING', 'preventive', 'Preventive', ' PREVENTIVE', '', 1, true, [
  'PREVENTIVE',
]);
/** Not a time (ISO 8601 with an offset, or a Dutch local time), not a real date, or a moment Postgres cannot hold. */
const instants = hostile(
  '2020-02-30T00:00:00+01:00',
  '2021-02-29T12:00:00Z',
  '2020-13-01T00:00:00Z',
  '2020-01-01T24:00:00Z',
  '2020-01-01T23:60:00Z',
  '2020-01-01 24:00',
  '31-02-2020',
  '2020-01-01T00:00:00+20:00',
  '2020-01-01T00:00:00-23:59',
  '2020-01-01T00:00:00+16:00',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  ' 2020-01-01T00:00:00Z',
  'now',
  'infinity',
  '-infinity',
  'epoch',
  1_700_000_000,
);
/** Ids: none a client could have been given (control characters, broken Unicode, too long, not text). */
const ids = hostile('x'.repeat(129), 'a b', 'id\n', 42, '../../etc/passwd');

const base64 = (value: unknown, encoding: BufferEncoding = 'base64url') =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString(encoding);

/** Cursors forged by hand: any list name with any key, of the wrong type, out of range or not a date. */
const forgedCursors: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom<unknown>(
      'activations',
      'timeline',
      'feed',
      'accessLog',
      'agreements',
      '',
      'FEED',
      null,
      1,
    ),
    fc.array(
      fc.oneof(
        fc.constantFrom<unknown>(
          '2026-06-01T09:30:00.000000Z',
          '2020-13-45T25:61:00Z',
          '2020-02-30T00:00:00Z',
          '0000-01-01T00:00:00Z',
          '9999-12-31T23:59:59.999999Z',
          '2020-01-01T00:00:00+02:00',
          'a\u0000b',
          '\u0000',
          '\ud800',
          '',
          2 ** 31 - 1,
          2 ** 31,
          -(2 ** 31) - 1,
          -1,
          0,
          2 ** 53,
          1e21,
          1.5,
          '7',
          null,
          true,
          [],
          {},
          ...INJECTIONS,
        ),
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.integer(),
        fc.double(),
      ),
      { maxLength: 3 },
    ),
    fc.constantFrom<BufferEncoding>('base64url', 'base64', 'hex'),
  )
  .map(([list, key, encoding]) => base64([list, ...key], encoding));

/** What a read is about, and what makes its answer right. */
interface ReadCase {
  document: string;
  token: () => string;
  /** Valid variables: a read with them answers data, or NOT_FOUND where `notFound` allows it. */
  valid: () => fc.Arbitrary<Variables>;
  /** Hostile values by path ("first", "filter.kind"); a path to an object may take a field no type has. */
  hostile: () => Record<string, fc.Arbitrary<unknown>>;
  /** Whether NOT_FOUND is a right answer to these (valid) variables. */
  notFound?: (variables: Variables) => boolean;
  /** The activations the answer discloses data of (the access log may name these and no others). */
  disclosed: (data: Data, variables: Variables) => string[];
}

/** Sets (or with ABSENT removes) the value at a dotted path, making objects on the way; skips non-objects. */
function spoil(variables: Variables, path: string, value: unknown): Variables {
  const copy = structuredClone(variables);
  const keys = path.split('.');
  let parent: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    const next = parent[key];
    if (next === undefined || next === null) parent[key] = {};
    else if (typeof next !== 'object' || Array.isArray(next)) return copy;
    parent = parent[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === ABSENT) delete parent[last];
  // An own property even for "__proto__", so it is sent, as a hostile client would send it.
  else Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** The valid variables, or (three times as often) spoilt in one to three places, maybe with an x-purpose header. */
function fuzzed(read: ReadCase): fc.Arbitrary<{ variables: Variables; purpose?: string; spoilt: boolean }> {
  const hostilePaths = read.hostile();
  // Mostly the arguments themselves; now and then one no operation declares, at the top or in the filter.
  const change = fc
    .oneof(
      { weight: 4, arbitrary: fc.constantFrom(...Object.keys(hostilePaths)) },
      { weight: 1, arbitrary: fc.constantFrom('extra', 'filter.extra') },
    )
    .chain((path) => (hostilePaths[path] ?? anything).map((value) => [path, value] as const));
  const purpose = fc.constantFrom(
    'SPANKING',
    '',
    'case_coordination',
    'CASE_COORDINATION, SUPERVISION',
    "'; DROP TABLE access_log; --",
    'x'.repeat(5_000),
  );
  return fc.oneof(
    { weight: 1, arbitrary: read.valid().map((variables) => ({ variables, spoilt: false })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          read.valid(),
          fc.array(change, { minLength: 1, maxLength: 3 }),
          fc.option(purpose, { freq: 5, nil: undefined }),
        )
        .map(([valid, changes, purpose]) => ({
          variables: changes.reduce((v, [path, value]) => spoil(v, path, value), valid),
          purpose,
          spoilt: true,
        })),
    },
  );
}

/** What a refusal must never say: it is about the request, not about keten's insides. */
const INTERNALS =
  /QueryFailedError|TypeError|Cannot read prop|is not a function|invalid input syntax|out of range for type|invalid byte sequence|\[object Object\]|ECONN|node_modules/;

/** Every value under any of the keys, anywhere in the data. */
function valuesOf(value: unknown, keys: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, keys));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(keys.includes(k) ? [v] : []), ...valuesOf(v, keys)]);
}

describe('every read, fuzzed with hostile arguments, answers data or a typed refusal and writes nothing', () => {
  const prefix = uniqueTopicPrefix();
  const scenario = new FeedsScenario({ FEED_TOPIC_PREFIX: prefix });
  const run = randomUUID().slice(0, 8);
  /** GM0599 takes part in SHARED; SECRET is NLA's alone, in another region. */
  const SHARED = `qf-shared-${run}`;
  const SECRET = `qf-secret-${run}`;
  /** Texts only SECRET holds: no answer to GM0599 may contain them. */
  const SECRET_TEXTS = [`Secret finding ${run}`, `Secretus ${run}`, `qf-secret-subject-${run}`];
  const VISIBLE = new Set([SHARED]);
  let kafka: Kafka;
  let inspector: string;
  let privacyOfficer: string;
  /** A real cursor of each list, to send to the others. */
  const cursors: Record<'activations' | 'timeline' | 'feed' | 'accessLog', string> = {
    activations: '',
    timeline: '',
    feed: '',
    accessLog: '',
  };

  const db = () => scenario.database.dataSource;
  const eventCount = async (): Promise<number> =>
    (await db().query(`SELECT count(*)::int AS count FROM events`))[0].count as number;
  const lastLogLine = async (): Promise<number> =>
    Number((await db().query(`SELECT coalesce(max(id), 0) AS id FROM access_log`))[0].id);
  const logLinesAfter = (id: number): Promise<{ agency: string; user_id: string; activation_id: string }[]> =>
    // The reads' lines: the relay logs its Kafka deliveries of the seeded events meanwhile, on its own.
    db().query(
      `SELECT agency, user_id, activation_id FROM access_log WHERE id > $1 AND operation <> $2 ORDER BY id`,
      [id, KAFKA_DELIVERY],
    );

  async function endCursor(document: string, variables: Variables, token: string): Promise<string> {
    const { data, errors } = await graphql<Record<string, { pageInfo: { endCursor: string | null } }>>(
      scenario.url,
      document,
      variables,
      token,
    );
    expect(errors).toBeUndefined();
    const cursor = Object.values(data!)[0].pageInfo.endCursor;
    expect(cursor).toEqual(expect.any(String));
    return cursor!;
  }

  beforeAll(async () => {
    await scenario.start();
    kafka = testKafka(TEST_KAFKA_BROKERS);
    inspector = scenario.tokens.GM0599;
    privacyOfficer = await tokenFor({ userId: 'fg@gm0599', agency: 'GM0599', role: 'PRIVACY_OFFICER' });

    await scenario.openActivation(SHARED, { region: 'VR17', municipality: 'GM0599', joining: ['GM0599'] });
    const [shared] = await scenario.act('NLA', 'recordFinding', {
      activationId: SHARED,
      findingId: 'f-1',
      category: 'PERSONAL',
      description: 'Workers share beds.',
      subjects: [{ subjectId: 'w-1', name: 'Jan Kowalski' }],
    });
    await scenario.openActivation(SECRET, { region: 'VR09', municipality: 'GM0344' });
    const [secret] = await scenario.act('NLA', 'recordFinding', {
      activationId: SECRET,
      findingId: 'f-1',
      category: 'PERSONAL',
      description: SECRET_TEXTS[0],
      subjects: [{ subjectId: SECRET_TEXTS[2], name: SECRET_TEXTS[1] }],
    });
    await scenario.fedTo('GM0599', shared);
    await scenario.fedTo('NLA', secret);
    // The read models too: both timelines hold their finding (NLA's read of SECRET is in the access log).
    for (const [activationId, token] of [
      [SHARED, inspector],
      [SECRET, scenario.tokens.NLA],
    ]) {
      await eventually(async () => {
        const { data } = await graphql<{ timeline: { edges: { node: { type: string } }[] } }>(
          scenario.url,
          `
            query ($id: ID!) {
              timeline(activationId: $id, first: 100) {
                edges {
                  node {
                    type
                  }
                }
              }
            }
          `,
          { id: activationId },
          token,
        );
        return data?.timeline.edges.some((edge) => edge.node.type === 'finding.recorded') ?? false;
      }, 20_000);
    }

    cursors.activations = await endCursor(
      `query { activations(first: 1) { pageInfo { endCursor } } }`,
      {},
      inspector,
    );
    cursors.timeline = await endCursor(
      `query ($id: ID!) { timeline(activationId: $id, first: 1) { pageInfo { endCursor } } }`,
      { id: SHARED },
      inspector,
    );
    cursors.feed = await endCursor(`query { feed(first: 1) { pageInfo { endCursor } } }`, {}, inspector);
    cursors.accessLog = await endCursor(
      `query { accessLog(first: 1) { pageInfo { endCursor } } }`,
      {},
      privacyOfficer,
    );
  }, 180_000);

  afterAll(async () => {
    await scenario.stop();
    if (kafka) await deleteTopics(kafka, prefix);
  });

  /** Any cursor but a right one: forged, garbage, another list's, or of the wrong type altogether. */
  const cursorsBut = (own: keyof typeof cursors) =>
    fc.oneof(
      forgedCursors,
      fc.constantFrom(
        ...Object.entries(cursors)
          .filter(([list]) => list !== own)
          .map(([, cursor]) => cursor),
        `${cursors[own]}x`,
        cursors[own].slice(0, -2),
        base64(Buffer.from(cursors[own], 'base64url').toString('utf8'), 'base64'),
        base64('not json'),
        base64('[]'),
        base64('{"list":"feed","key":[1]}'),
        'x'.repeat(513),
        '=',
        '%%%',
      ),
      anything,
    );

  const filterHostility = (fields: Record<string, fc.Arbitrary<unknown>>) => ({
    filter: hostile('', 'VR17', 1, ['x'], true),
    ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [`filter.${k}`, v])),
  });
  const scopeFilterHostility = {
    region: hostile('VR00', 'VR26', 'vr17', 'VR17 ', 'GM0599'),
    kind: enumValues,
    theme: enumValues,
    trigger: enumValues,
    from: instants,
    to: instants,
  };
  /** Filters on the activation scope, each part given or not, `from` always before `to`. */
  const scopeFilter = {
    region: fc.constantFrom('VR17', 'VR09', null),
    kind: fc.constantFrom('PREVENTIVE', 'REPRESSIVE', null),
    theme: fc.constantFrom('HOUSING', 'WORK', 'TRANSPORT', 'HEALTH', null),
    trigger: fc.constantFrom('OWN_OBSERVATION', 'EXTERNAL_REPORT', null),
    from: fc.constantFrom(
      '2020-01-01T00:00:00+01:00',
      '2026-01-01T00:00Z',
      '2020-06-01T09:30:00.123456789-12:00',
      null,
    ),
    to: fc.constantFrom('2099-12-31T23:59:59.999999+14:00', '2040-01-01T00:00:00-03:30', null),
  };
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
  const nodeIds = (data: Data, key: string) => valuesOf(data, [key]).map(String);

  const CONNECTION = (fields: string) =>
    `edges { cursor node { ${fields} } } pageInfo { hasNextPage endCursor }`;
  const ACTIVATION_FIELDS = `id kind trigger themes region municipality status leadAgency participants outcome
    location { address postcode city } employer { name kvkNumber } withheld version openedAt`;

  const READS: Record<string, ReadCase> = {
    activation: {
      document: `query Fuzz($id: ID!) { activation(id: $id) { ${ACTIVATION_FIELDS} } }`,
      token: () => inspector,
      valid: () =>
        fc.record({ id: fc.constantFrom(SHARED, SECRET, 'no-such-activation', 'a', 'x'.repeat(128)) }),
      hostile: () => ({
        id: fc.oneof({ weight: 5, arbitrary: ids }, { weight: 1, arbitrary: fc.constant(ABSENT) }),
      }),
      notFound: (v) => v.id !== SHARED,
      disclosed: (data) => nodeIds(data, 'id'),
    },
    processReport: {
      document: `query Fuzz($activationId: ID!, $format: DocumentFormat) {
        processReport(activationId: $activationId, format: $format) { fileName contentType byteLength sha256 }
      }`,
      token: () => inspector,
      valid: () =>
        fc.record(
          {
            activationId: fc.constantFrom(SHARED, SECRET, 'no-such-activation', 'a'),
            format: optional(fc.constantFrom('PDF', 'HTML')),
          },
          { requiredKeys: ['activationId'] },
        ),
      hostile: () => ({
        activationId: fc.oneof({ weight: 5, arbitrary: ids }, { weight: 1, arbitrary: fc.constant(ABSENT) }),
        format: enumValues,
      }),
      notFound: (v) => v.activationId !== SHARED,
      // data is the processReport answer: the activation it was made of.
      disclosed: (_data, v) => [String(v.activationId)],
    },
    activationsExport: {
      document: `query Fuzz($format: ExportFormat, $filter: ActivationsFilter) {
        activationsExport(format: $format, filter: $filter) { fileName contentType base64 }
      }`,
      token: () => inspector,
      valid: () =>
        fc.record(
          {
            format: optional(fc.constantFrom('CSV')),
            filter: optional(fc.record({ ...scopeFilter }, { requiredKeys: [] })),
          },
          { requiredKeys: [] },
        ),
      hostile: () => ({ format: enumValues, ...filterHostility({ ...scopeFilterHostility }) }),
      // The activations the CSV names (its first column).
      disclosed: (data) =>
        parseCsv(Buffer.from(String(data.base64), 'base64'), { bom: true, from_line: 2 }).map(
          (row: string[]) => row[0],
        ),
    },
    statisticsExport: {
      document: `query Fuzz($format: ExportFormat, $filter: StatisticsFilter) {
        statisticsExport(format: $format, filter: $filter) { fileName contentType byteLength }
      }`,
      token: () => inspector,
      valid: () =>
        fc.record(
          {
            format: optional(fc.constantFrom('CSV', 'XLSX')),
            filter: optional(fc.record({ ...scopeFilter }, { requiredKeys: [] })),
          },
          { requiredKeys: [] },
        ),
      hostile: () => ({ format: enumValues, ...filterHostility({ ...scopeFilterHostility }) }),
      disclosed: () => [],
    },
    activations: {
      document: `query Fuzz($first: Int, $after: String, $filter: ActivationsFilter) {
        activations(first: $first, after: $after, filter: $filter) { ${CONNECTION(ACTIVATION_FIELDS)} }
      }`,
      token: () => inspector,
      valid: () =>
        fc.record(
          {
            first: optional(fc.integer({ min: 1, max: 100 })),
            after: optional(fc.constant(cursors.activations)),
            filter: optional(
              fc.record(
                {
                  ...scopeFilter,
                  municipality: fc.constantFrom('GM0599', 'GM0344', null),
                  status: fc.constantFrom('OPEN', 'IN_PROGRESS', 'CLOSED', null),
                },
                { requiredKeys: [] },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
      hostile: () => ({
        first: pageSizes(100),
        after: cursorsBut('activations'),
        ...filterHostility({
          ...scopeFilterHostility,
          municipality: hostile('GM599', 'GM05999', 'gm0599', 'VR17'),
          status: enumValues,
        }),
      }),
      disclosed: (data) => nodeIds(data, 'id'),
    },
    timeline: {
      document: `query Fuzz($activationId: ID!, $first: Int, $after: String) {
        timeline(activationId: $activationId, first: $first, after: $after) {
          ${CONNECTION('eventId occurredAt actingAgency type payload withheld')}
        }
      }`,
      token: () => inspector,
      valid: () =>
        fc.record(
          {
            activationId: fc.constantFrom(SHARED, SHARED, SECRET, 'no-such-activation'),
            first: optional(fc.integer({ min: 1, max: 100 })),
            after: optional(fc.constant(cursors.timeline)),
          },
          { requiredKeys: ['activationId'] },
        ),
      hostile: () => ({
        activationId: fc.oneof({ weight: 5, arbitrary: ids }, { weight: 1, arbitrary: fc.constant(ABSENT) }),
        first: pageSizes(100),
        after: cursorsBut('timeline'),
      }),
      notFound: (v) => v.activationId !== SHARED,
      disclosed: (data, v) =>
        valuesOf(data, ['edges']).some((edges) => (edges as unknown[]).length > 0)
          ? [String(v.activationId)]
          : [],
    },
    statistics: {
      document: `query Fuzz($filter: StatisticsFilter) {
        statistics(filter: $filter) {
          total byKind { key count } byTheme { key count } byTrigger { key count }
          byIntegratedDeployment { key count } byOutcome { key count } byRegion { key count } byMonth { key count }
        }
      }`,
      token: () => inspector,
      valid: () =>
        fc.record({ filter: optional(fc.record(scopeFilter, { requiredKeys: [] })) }, { requiredKeys: [] }),
      hostile: () => filterHostility(scopeFilterHostility),
      disclosed: () => [],
    },
    feed: {
      document: `query Fuzz($first: Int, $after: String) {
        feed(first: $first, after: $after) { ${CONNECTION(FEED_ENTRY_FIELDS)} }
      }`,
      token: () => inspector,
      valid: () =>
        fc.record(
          {
            first: optional(fc.integer({ min: 1, max: 500 })),
            after: optional(fc.constant(cursors.feed)),
          },
          { requiredKeys: [] },
        ),
      hostile: () => ({ first: pageSizes(500), after: cursorsBut('feed') }),
      disclosed: (data) => nodeIds(data, 'activationId'),
    },
    accessLog: {
      document: `query Fuzz($first: Int, $after: String, $filter: AccessLogFilter) {
        accessLog(first: $first, after: $after, filter: $filter) {
          ${CONNECTION('id recordedAt traceId requestId userId agency role purpose operation activationId categories subjectRef')}
        }
      }`,
      token: () => privacyOfficer,
      valid: () =>
        fc.record(
          {
            first: optional(fc.integer({ min: 1, max: 100 })),
            after: optional(fc.constant(cursors.accessLog)),
            filter: optional(
              fc
                .record(
                  {
                    // subjectId (within a case: with an activationId), subjectRef or bsn.
                    subject: fc.oneof(
                      fc.record({
                        subjectId: fc.constantFrom('w-1', SECRET_TEXTS[2], 'nobody'),
                        activationId: fc.constantFrom(SHARED, SECRET, 'no-such-activation'),
                      }),
                      fc.record({ subjectRef: fc.constantFrom('unnamed', 'ab'.repeat(32)) }),
                      fc.record({ bsn: fc.constantFrom('111222333', '123456782') }),
                      fc.constant({}),
                    ),
                    traceId: fc.constantFrom('0af7651916cd43dd8448eb211c80319c', null),
                    activity: fc.constantFrom(
                      'case-coordination',
                      'urn:keten:processing-activity:case-coordination:1',
                      null,
                    ),
                    activationId: fc.constantFrom(SHARED, SECRET, 'no-such-activation', null),
                    userId: fc.constantFrom('insp@gm0599', 'insp@nla', 'someone else', null),
                    agency: fc.constantFrom('GM0599', 'NLA', 'VR17', null),
                    from: scopeFilter.from,
                    to: scopeFilter.to,
                  },
                  { requiredKeys: ['subject'] },
                )
                .map(({ subject, ...rest }) => ({ ...rest, ...subject })),
            ),
          },
          { requiredKeys: [] },
        ),
      hostile: () => ({
        first: pageSizes(100),
        after: cursorsBut('accessLog'),
        ...filterHostility({
          subjectId: hostile(null, 'x'.repeat(129)),
          subjectRef: hostile(null, 'AB'.repeat(32), 'ab'.repeat(31)),
          bsn: hostile(null, '12345678', '1234567890', '11122233x'),
          traceId: hostile(null, '0AF7651916CD43DD8448EB211C80319C', '0af7651916cd43dd'),
          activity: hostile(null, 'Case Coordination', 'urn:keten:processing-activity:x:0'),
          activationId: ids,
          userId: hostile('u'.repeat(201)),
          agency: hostile('nla', 'NLA ', 'GM99999', 'XX'),
          from: instants,
          to: instants,
        }),
      }),
      // The privacy officer's reads of the log disclose no case data: they are not logged themselves.
      disclosed: () => [],
    },
    agreements: {
      document: `query Fuzz($agency: String, $status: AgreementStatus) {
        agreements(agency: $agency, status: $status) { agreementId agency status categories purpose validFrom validUntil }
      }`,
      token: () => inspector,
      valid: () =>
        fc.record(
          {
            agency: fc.constantFrom('GM0599', 'NLA', 'VR17', null),
            status: fc.constantFrom('PROPOSED', 'GRANTED', 'REJECTED', 'REVOKED', 'EXPIRED', null),
          },
          { requiredKeys: [] },
        ),
      hostile: () => ({
        agency: hostile('nla', 'XX', 'GM99999'),
        status: enumValues,
      }),
      disclosed: () => [],
    },
    me: {
      document: `query Fuzz { me { userId agency role region agreementsInForce { agreementId categories } } }`,
      token: () => inspector,
      // `me` takes no arguments: whatever variables come are not declared, and change nothing.
      valid: () => fc.constant({}),
      hostile: () => ({ id: anything, first: anything, filter: anything }),
      disclosed: () => [],
    },
  };

  /**
   * Sends the read and holds the answer to the properties; says whether it answered data, and, for valid
   * variables, what refused them when nothing should have.
   */
  async function judge(
    name: string,
    { variables, purpose, spoilt }: { variables: Variables; purpose?: string; spoilt: boolean },
  ): Promise<{ answered: boolean; validRefused?: string[] }> {
    const read = READS[name];
    const [events, logLine] = [await eventCount(), await lastLogLine()];
    const response: RawResponse = await rawGraphql(
      scenario.url,
      read.document,
      variables,
      read.token(),
      purpose === undefined ? {} : { 'x-purpose': purpose },
    );
    expect(response.status).toBeLessThan(500);
    expect(unclassified(response)).toEqual([]);
    const errors = response.body?.errors ?? [];
    for (const error of errors) {
      expect({ code: error.extensions?.code }).toEqual({
        code: expect.stringMatching(/^(BAD_USER_INPUT|NOT_FOUND)$/),
      });
      // A sentence a person can act on, about the request and not about keten's insides.
      expect(error.message).toMatch(/^\S.{9,}/s);
      expect(error.message).not.toMatch(INTERNALS);
    }
    const data = response.body?.data?.[name] as Data | null | undefined;
    const answered = errors.length === 0 && !!data;
    let validRefused: string[] | undefined;
    if (!answered) {
      expect(data ?? null).toBeNull();
      const notFound = errors.every((e) => e.extensions?.code === 'NOT_FOUND') && read.notFound?.(variables);
      if (!spoilt && !notFound)
        validRefused = errors.map((e) => `${String(e.extensions?.code)} ${e.message}`);
    } else {
      // No data of an activation the agency does not take part in.
      const serialised = JSON.stringify(data);
      expect(SECRET_TEXTS.filter((text) => serialised.includes(text))).toEqual([]);
      if (name !== 'accessLog') expect(serialised.includes(SECRET)).toBe(false);
      expect(read.disclosed(data, variables).filter((id) => !VISIBLE.has(id))).toEqual([]);
    }
    expect({ written: (await eventCount()) - events }).toEqual({ written: 0 });
    // Access log lines only for what the answer disclosed, and for the reader itself.
    const disclosed = answered ? read.disclosed(data!, variables) : [];
    const lines = await logLinesAfter(logLine);
    expect(
      lines.filter((line) => line.agency !== 'GM0599' || !disclosed.includes(line.activation_id)),
    ).toEqual([]);
    return { answered, validRefused };
  }

  it.each(Object.keys(READS))('%s', async (name) => {
    let answered = 0;
    let refused = 0;
    const validRefused: unknown[] = [];
    await fc.assert(
      fc.asyncProperty(fuzzed(READS[name]), async (request) => {
        const result = await judge(name, request).catch((error: Error) => {
          // fast-check cannot print the variables ("__proto__" keys): say what was sent.
          const sent = JSON.stringify({ ...request, variables: request.variables }).slice(0, 400);
          throw new Error(`${sent}: ${error.message}`);
        });
        if (result.answered) answered++;
        else refused++;
        if (result.validRefused)
          validRefused.push({ variables: request.variables, errors: result.validRefused });
      }),
      { seed: SEED + Object.keys(READS).indexOf(name), numRuns: RUNS, endOnFailure: true },
    );
    // The property is only worth something if both sides of it happened.
    expect({ name, refused: refused > 0 || name === 'me' }).toEqual({ name, refused: true });
    expect({ name, answered: answered > 0, validRefused }).toEqual({
      name,
      answered: true,
      validRefused: [],
    });
  });

  it('holds for every hostile string in every argument that takes text, one at a time', async () => {
    const texts: Record<string, string[]> = {
      activation: ['id'],
      activations: ['after', 'filter.region', 'filter.municipality', 'filter.from', 'filter.to'],
      timeline: ['activationId', 'after'],
      statistics: ['filter.region', 'filter.from', 'filter.to'],
      feed: ['after'],
      accessLog: [
        'after',
        'filter.subjectId',
        'filter.subjectRef',
        'filter.activationId',
        'filter.userId',
        'filter.agency',
        'filter.from',
        'filter.to',
      ],
      agreements: ['agency', 'status'],
    };
    const base: Record<string, Variables> = {
      activation: { id: SHARED },
      timeline: { activationId: SHARED },
    };
    for (const [name, paths] of Object.entries(texts)) {
      for (const path of paths) {
        for (const value of HOSTILE_STRINGS) {
          const variables = spoil(base[name] ?? {}, path, value);
          await judge(name, { variables, spoilt: true }).catch((error: Error) => {
            // Which one failed.
            throw new Error(`${name} with ${path} = ${JSON.stringify(value).slice(0, 60)}: ${error.message}`);
          });
        }
      }
    }
  });

  it('refuses a cursor of every other list, and one of its own forged with a key out of range, as BAD_USER_INPUT', async () => {
    const lists = {
      activations: `query ($after: String) { activations(after: $after) { edges { cursor } } }`,
      timeline: `query ($after: String) { timeline(activationId: "${SHARED}", after: $after) { edges { cursor } } }`,
      feed: `query ($after: String) { feed(after: $after) { edges { cursor } } }`,
      accessLog: `query ($after: String) { accessLog(after: $after) { edges { cursor } } }`,
    };
    const forged: Record<keyof typeof lists, unknown[][]> = {
      activations: [
        ['2020-13-45T25:61:00Z', SHARED],
        ['0000-01-01T00:00:00Z', SHARED],
        ['2026-01-01T00:00:00.000000Z', 'a\u0000b'],
        ['2026-01-01T00:00:00.000000Z', 7],
      ],
      timeline: [[2 ** 31], [-(2 ** 31) - 1], [1.5], ['1'], [2 ** 53]],
      feed: [[2 ** 53], [1e21], [-0.5], [null]],
      accessLog: [
        ['2020-02-30T00:00:00Z', 1],
        ['2026-01-01T00:00:00.000000Z', 2 ** 63],
        ['2026-01-01T00:00:00.000000Z', '1'],
      ],
    };
    for (const [list, document] of Object.entries(lists) as [keyof typeof lists, string][]) {
      const token = list === 'accessLog' ? privacyOfficer : inspector;
      const others = Object.entries(cursors).filter(([other]) => other !== list);
      const bad = [
        ...others.map(([, cursor]) => cursor),
        ...forged[list].map((key) => base64([list, ...key])),
      ];
      for (const after of bad) {
        const response = await rawGraphql(scenario.url, document, { after }, token);
        expect({ list, after, status: response.status, problems: unclassified(response) }).toEqual({
          list,
          after,
          status: 200,
          problems: [],
        });
        expect({ list, after, code: response.body?.errors?.[0]?.extensions?.code }).toEqual({
          list,
          after,
          code: 'BAD_USER_INPUT',
        });
      }
      // Its own cursor, and null (the endCursor of an empty page), are taken.
      for (const after of [cursors[list], null]) {
        const response = await rawGraphql(scenario.url, document, { after }, token);
        expect({ list, after, errors: response.body?.errors }).toEqual({ list, after, errors: undefined });
      }
    }
  });

  describe('subscriptions over graphql-ws', () => {
    const clients: SocketClient[] = [];
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((client) => client.dispose()));
      await scenario.noLiveFeeds();
    });

    /** Subscribes, and waits until the subscription is live or ended; then lets it go. */
    async function subscribe(document: string, variables: Variables) {
      const live = scenario.apis[0].app.get(LiveFeeds);
      const client = SocketClient.forToken(scenario.url, inspector);
      clients.push(client);
      const before = live.deliveringTo('GM0599');
      const [events, logLine] = [await eventCount(), await lastLogLine()];
      const subscription = client.subscribe<unknown>(document, variables);
      await eventually(
        () =>
          subscription.errors.length > 0 ||
          subscription.closeEvent !== undefined ||
          subscription.completed ||
          live.deliveringTo('GM0599') > before,
        10_000,
      );
      const opened = subscription.errors.length === 0 && live.deliveringTo('GM0599') > before;
      subscription.stop();
      await client.dispose();
      await eventually(() => live.deliveringTo('GM0599') <= before, 5_000);
      expect({ written: (await eventCount()) - events }).toEqual({ written: 0 });
      // Nothing new was fed while it was open, so nothing was disclosed and nothing logged.
      expect(await logLinesAfter(logLine)).toEqual([]);
      expect(subscription.closeEvent).toBeUndefined();
      expect(subscription.received).toEqual([]);
      const problems = unclassified({
        status: 200,
        body: { errors: subscription.errors },
        text: JSON.stringify(subscription.errors),
      });
      expect(problems).toEqual([]);
      for (const error of subscription.errors) {
        expect(String(error.extensions?.code)).toMatch(/^(BAD_USER_INPUT|NOT_FOUND)$/);
        expect(error.message).toMatch(/^\S.{9,}/s);
        expect(error.message).not.toMatch(INTERNALS);
      }
      return { opened, codes: subscription.errors.map((error) => String(error.extensions?.code)) };
    }

    it('timeline(activationId)', async () => {
      const timeline = `subscription Fuzz($activationId: ID!) { timeline(activationId: $activationId) { eventId type } }`;
      let opened = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            {
              weight: 1,
              arbitrary: fc
                .constantFrom(SHARED, SECRET, 'no-such-activation')
                .map((id) => ({ id, spoilt: false })),
            },
            {
              weight: 3,
              arbitrary: fc
                .oneof({ weight: 5, arbitrary: ids }, { weight: 1, arbitrary: fc.constant(ABSENT) })
                .map((id) => ({ id, spoilt: true })),
            },
          ),
          async ({ id, spoilt }) => {
            const result = await subscribe(timeline, id === ABSENT ? {} : { activationId: id });
            if (result.opened) opened++;
            else refused++;
            if (!spoilt)
              expect({ id, codes: result.codes }).toEqual({ id, codes: id === SHARED ? [] : ['NOT_FOUND'] });
            if (result.opened) expect(id).toBe(SHARED);
          },
        ),
        { seed: SEED + 100, numRuns: RUNS, endOnFailure: true },
      );
      expect({ opened: opened > 0, refused: refused > 0 }).toEqual({ opened: true, refused: true });
    });

    it('feed, which takes no arguments: undeclared variables of any kind change nothing', async () => {
      const feed = `subscription Fuzz { feed { eventId } }`;
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom('first', 'after', 'activationId', 'x'), anything),
          async (variables) => {
            const result = await subscribe(feed, variables);
            expect(result).toEqual({ opened: true, codes: [] });
          },
        ),
        { seed: SEED + 101, numRuns: Math.ceil(RUNS / 3), endOnFailure: true },
      );
    });
  });
});
