import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { startApi } from '../../support/api-app.js';
import { agreeInForce } from '../../support/agreements.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { tokenFor } from '../../support/test-tokens.js';
import { openPreventiveInput, scenarioTokens, send } from '../activations/activation-mutations.fixture.js';
import {
  HOSTILE_STRINGS,
  INJECTIONS,
  rawGraphql,
  RawResponse,
  unclassified,
} from './hostile-input.fixture.js';

/*
 * Property-based bad input for every mutation (issue #7, "Bad input"): each run takes a valid input for the
 * mutation and, most of the time, spoils it: a field of the wrong type, a huge or blank or control-character
 * string, a number out of range, an enum value that is none, an id that is no id, a BSN or KvK number that
 * fails, a field too many or too few, or the whole input of the wrong type, sent as GraphQL variables.
 * Whatever comes, the api answers with a typed error or does exactly what the command says:
 *
 * - never HTTP 500, never an error without a known extensions.code, never a stack trace;
 * - on an error nothing is written (the events table is unchanged);
 * - on success exactly the events the command appends, in its stream.
 *
 * FUZZ_SEED and FUZZ_RUNS reproduce or widen a run; a failure prints the seed and the shrunk input.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 7_2026);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

type Input = Record<string, unknown>;
/** The free texts of valid inputs: plain, and SQL and escaping that must be stored as text. */
const TEXTS = ['Workers share beds.', 'Boete onderbetaling', ...INJECTIONS];
/** Commands that are done already when repeated (or proposing the terms already proposed): they succeed and append nothing. */
const IDEMPOTENT = ['inviteAgency', 'joinActivation', 'amendAgreement'];

/** Hostile values for any field: wrong types, sizes, characters, numbers, enums, ids and formats. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    ...HOSTILE_STRINGS,
    -1,
    0,
    1.5,
    -2_147_483_649,
    2_147_483_648,
    Number.MAX_SAFE_INTEGER,
    1e308,
    true,
    false,
    [],
    [null],
    ['x'.repeat(300)],
    {},
    { nested: { deeper: [1, 2, 3] } },
    'SPANKING',
    'fine',
    'CASE',
    'not-a-uuid',
    '00000000-0000-0000-0000-00000000000g',
    '123456789',
    '111222334',
    '12345',
    '1234567',
    '123456789012',
    'GM05999',
    'VR26',
    'VR00',
    'XX',
    '2020-06-02T09:30:00',
    '2020-13-45T25:61:00+02:00',
    '0000-00-00',
    '1990-02-30',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every place a value sits in the input, as a path of keys and indexes. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => pathsOf(v, [...path, i]))];
  if (value !== null && typeof value === 'object') {
    return [path, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...path, k]))];
  }
  return [path];
}

const isObject = (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value);

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], input);
}

function setAt(input: unknown, path: readonly (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(input) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && !Array.isArray(parent)) delete parent[last];
  // An own property even for "__proto__", so it is sent, as a hostile client would send it.
  else Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Free text as a hostile client writes it: NUL, other control characters, broken Unicode, any Unicode. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '\u0007\u001b[2J',
    'line\r\nbreak\ttab',
    ...INJECTIONS,
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
);

/** The valid input with its free texts (those the valid arbitrary took from TEXTS) replaced. */
function withHostileTexts(input: unknown, texts: readonly string[]): unknown {
  if (typeof input === 'string') return TEXTS.includes(input) ? texts[input.length % texts.length] : input;
  if (Array.isArray(input)) return input.map((v) => withHostileTexts(v, texts));
  if (input !== null && typeof input === 'object') {
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, withHostileTexts(v, texts)]));
  }
  return input;
}

/**
 * A valid input, one whose free texts are hostile, or one spoilt in one to three places (replaced,
 * removed, or a field added).
 */
function spoilt(valid: fc.Arbitrary<Input>): fc.Arbitrary<{ input: unknown; spoilt: boolean }> {
  const change = fc.tuple(fc.nat(), fc.constantFrom('replace', 'remove', 'add'), hostile, fc.string());
  return fc.oneof(
    { weight: 1, arbitrary: valid.map((input) => ({ input: input as unknown, spoilt: false })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.array(hostileText, { minLength: 1, maxLength: 4 }))
        .map(([input, texts]) => ({ input: withHostileTexts(input, texts), spoilt: true })),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, fc.array(change, { minLength: 1, maxLength: 3 })).map(([input, changes]) => {
        let current: unknown = input;
        for (const [pick, how, value, name] of changes) {
          const paths = pathsOf(current);
          if (how === 'add') {
            // A field no input type has, in the input or any object within it.
            const objects = paths.filter((p) => isObject(valueAt(current, p)));
            if (objects.length === 0) continue;
            current = setAt(current, [...objects[pick % objects.length], name || 'extra'], value);
          } else {
            const path = paths[pick % paths.length];
            current = setAt(current, path, value, how === 'remove' && path.length > 0);
          }
        }
        return { input: current, spoilt: true };
      }),
    },
  );
}

interface MutationCase {
  /** The input the mutation takes, valid for the activation (or agreement) prepared for it. */
  valid: fc.Arbitrary<Input>;
  token: string;
  /** The event types a success appends (inviting twice appends none: idempotent). */
  appends: (input: Input) => string[];
  result: string;
}

describe('every mutation, fuzzed with hostile input, answers typed errors and writes all or nothing', () => {
  const database = new IsolatedDatabase();
  let db: DataSource;
  let app: INestApplication;
  let url: string;
  let tokens: Awaited<ReturnType<typeof scenarioTokens>>;
  const cases: Record<string, MutationCase> = {};

  const ok = async (name: Parameters<typeof send>[1], input: Input, token: string) => {
    const { errors } = await send(url, name, input, token);
    expect({ name, errors }).toEqual({ name, errors: undefined });
  };
  const text = fc.constantFrom(...TEXTS);
  const id = fc.uuid();

  /** A fresh activation led by NLA in VR17, the municipality and UWV invited, and what `steps` add. */
  async function activation(steps: [Parameters<typeof send>[1], Input, string][] = []): Promise<string> {
    const activationId = randomUUID();
    await ok('openActivation', openPreventiveInput({ activationId }), tokens.nla);
    for (const [name, input, token] of steps) await ok(name, { activationId, ...input }, token);
    return activationId;
  }

  /** An agreement in force (proposed by NLA, approved by SVB), for the amendment and revocation cases. */
  async function agreement(): Promise<string> {
    return agreeInForce(url, { ...agreementTerms(), agreementId: randomUUID() });
  }
  const agreementTerms = () => ({
    agency: 'SVB',
    categories: ['CASE', 'EMPLOYER'],
    purpose: 'Rechtmatigheid volksverzekeringen',
    legalBasis: { text: 'Wet SUWI art. 54', reference: 'Wet SUWI art. 54' },
    validFrom: '2026-01-01T00:00:00+01:00',
  });

  beforeAll(async () => {
    db = await database.create(4);
    ({ app, url } = await startApi(database.env));
    tokens = await scenarioTokens();
    const coordinator = tokens.coordinator;
    const subject = {
      subjectId: 'w-1',
      name: 'Jan Kowalski',
      bsn: '111222333',
      birthDate: '1990-04-23',
      nationality: 'PL',
    };
    const invited = await activation([['inviteAgency', { agency: 'UWV' }, tokens.nla]]);
    const joined = await activation([
      ['inviteAgency', { agency: 'UWV' }, tokens.nla],
      ['joinActivation', {}, tokens.uwv],
    ]);
    const infected = await activation([
      [
        'recordFinding',
        { findingId: 'f-1', category: 'HEALTH', description: 'Positive test.', confirmedInfection: true },
        tokens.nla,
      ],
    ]);
    const inspections = await activation(
      Array.from({ length: 4 }, (_, i) => [
        'scheduleInspection',
        {
          inspectionId: `i-${i}`,
          plannedAt: '2026-06-02T09:30:00+02:00',
          location: { address: 'Kasweg 12', city: 'Rotterdam' },
        },
        tokens.nla,
      ]),
    );
    const working = await activation();
    const reported = await activation([
      ['fileReport', { summary: 'Visited.', outcome: 'Warned.' }, tokens.nla],
    ]);
    const closed = await activation([
      ['fileReport', { summary: 'Visited.', outcome: 'Warned.' }, tokens.nla],
      ['closeActivation', { outcome: 'Done.' }, tokens.nla],
    ]);
    const privacyOfficer = await tokenFor({ userId: 'fg@nla', agency: 'NLA', role: 'PRIVACY_OFFICER' });
    const amendable = await agreement();
    const revocable = await agreement();

    const on = (activationId: string, fields: Record<string, fc.Arbitrary<unknown>>) =>
      fc.record({ activationId: fc.constant(activationId), ...fields }) as fc.Arbitrary<Input>;
    const options = { commandId: fc.option(id, { nil: undefined }) };

    Object.assign(cases, {
      openActivation: {
        valid: fc.record({
          activationId: id,
          kind: fc.constant('PREVENTIVE'),
          title: fc.constant('Fuzz activation'),
          trigger: fc.constantFrom('OWN_OBSERVATION', 'EXTERNAL_REPORT'),
          themes: fc.subarray(['HOUSING', 'WORK', 'TRANSPORT', 'HEALTH'], { minLength: 1 }),
          region: fc.constant('VR17'),
          municipality: fc.constant('GM0599'),
          leadAgency: fc.constant('NLA'),
          location: fc.record({ address: text, postcode: fc.constant('3011 AB'), city: text }),
          employer: fc.record({
            name: text,
            kvkNumber: fc.constant('12345678'),
            staffingAgency: fc.record({ name: text }),
          }),
        }),
        token: tokens.nla,
        appends: () => ['activation.opened'],
      },
      recordSignal: {
        valid: on(working, {
          ...options,
          source: fc.record({ kind: fc.constant('EXTERNAL'), name: text }),
          description: text,
          subjects: fc.constant([subject]),
          confirmedInfection: fc.constant(false),
          healthDetail: text,
        }),
        token: tokens.nla,
        appends: () => ['signal.recorded'],
      },
      inviteAgency: {
        valid: on(working, { ...options, agency: fc.constantFrom('UWV', 'SVB', 'BD', 'GGD17') }),
        token: tokens.nla,
        appends: () => ['agency.invited'],
      },
      joinActivation: { valid: on(invited, options), token: tokens.uwv, appends: () => ['agency.joined'] },
      leaveActivation: {
        valid: on(joined, { ...options, reason: text }),
        token: tokens.uwv,
        appends: () => ['agency.left'],
      },
      escalateActivation: {
        valid: on(infected, { ...options, triggeredBy: fc.constant({ kind: 'FINDING', id: 'f-1' }) }),
        token: tokens.nla,
        appends: () => ['activation.escalated'],
      },
      scheduleInspection: {
        valid: on(working, {
          ...options,
          inspectionId: id,
          plannedAt: fc.constantFrom('2026-06-02T09:30:00+02:00', '2026-06-02T07:30:00Z'),
          location: fc.record({ address: text, city: text }),
          agencies: fc.constant(['NLA']),
        }),
        token: tokens.nla,
        appends: () => ['inspection.scheduled'],
      },
      completeInspection: {
        valid: on(inspections, {
          ...options,
          inspectionId: fc.constantFrom('i-0', 'i-1'),
          outcomeSummary: text,
        }),
        token: tokens.nla,
        appends: () => ['inspection.completed'],
      },
      cancelInspection: {
        valid: on(inspections, { ...options, inspectionId: fc.constantFrom('i-2', 'i-3'), reason: text }),
        token: tokens.nla,
        appends: () => ['inspection.cancelled'],
      },
      recordFinding: {
        valid: on(working, {
          ...options,
          findingId: id,
          category: fc.constantFrom('LOCATION', 'EMPLOYER', 'PERSONAL', 'CRIMINAL'),
          description: text,
          subjects: fc.constant([subject]),
        }),
        token: tokens.nla,
        appends: () => ['finding.recorded'],
      },
      imposeIntervention: {
        valid: on(working, {
          ...options,
          interventionType: fc.constantFrom('WARNING', 'ORDER'),
          description: text,
          legalBasis: text,
          addressee: fc.record({ name: text, kvkNumber: fc.constant('87654321') }),
        }),
        token: tokens.nla,
        appends: () => ['intervention.imposed'],
      },
      makeReferral: {
        valid: on(working, { ...options, toAgency: fc.constantFrom('BD', 'UWV'), reason: text }),
        token: tokens.nla,
        appends: () => ['referral.made'],
      },
      decideIntegratedDeployment: {
        valid: on(working, {
          ...options,
          integrated: fc.constant(false),
          agencies: fc.constant([]),
          rationale: text,
        }),
        token: coordinator,
        appends: () => ['integrated-deployment.decided'],
      },
      fileReport: {
        valid: on(working, { ...options, reportId: id, summary: text, outcome: text }),
        token: tokens.nla,
        appends: () => ['report.filed'],
      },
      closeActivation: {
        valid: on(reported, { ...options, outcome: text }),
        token: tokens.nla,
        appends: () => ['activation.closed'],
      },
      reopenActivation: {
        valid: on(closed, { ...options, reason: text }),
        token: coordinator,
        appends: () => ['activation.reopened'],
      },
      requestErasure: {
        valid: fc.oneof(
          fc.record({
            ...options,
            erasureId: id,
            bsn: fc.constantFrom('111222333', '1112.22.333', '123456782'),
            ground: fc.constantFrom('NO_LONGER_NEEDED', 'OBJECTION', 'UNLAWFULLY_PROCESSED'),
            reason: text,
          }),
          fc.record({
            ...options,
            erasureId: id,
            activationId: fc.constant(working),
            subjectId: fc.constant('w-1'),
            ground: fc.constantFrom('CONSENT_WITHDRAWN', 'LEGAL_OBLIGATION'),
            reason: text,
          }),
        ) as fc.Arbitrary<Input>,
        token: privacyOfficer,
        appends: () => ['erasure.requested'],
        result: 'erasureId status eventIds duplicate',
      },
      grantAgreement: {
        valid: fc.record({
          ...options,
          agreementId: id,
          agency: fc.constantFrom('UWV', 'GM0599', 'VR17'),
          categories: fc
            .subarray(['LOCATION', 'EMPLOYER', 'HEALTH'], { minLength: 0 })
            .map((c) => ['CASE', ...c]),
          purpose: text,
          legalBasis: fc.record({ text, reference: fc.constant('Wet SUWI art. 64') }),
          validFrom: fc.constant('2026-01-01T00:00:00+01:00'),
          validUntil: fc.constant('2027-01-01T00:00:00+01:00'),
          regionScope: fc.constantFrom('VR17', 'VR09'),
          approverAgency: fc.constant('NLA'),
        }),
        token: tokens.policyAdmin,
        appends: () => ['agreement.proposed'],
        result: 'agreementId streamVersion eventIds duplicate',
      },
      amendAgreement: {
        valid: fc.record({ ...options, agreementId: fc.constant(amendable), purpose: text, reason: text }),
        token: tokens.policyAdmin,
        appends: () => ['agreement.amendment-proposed'],
        result: 'agreementId streamVersion eventIds duplicate',
      },
      revokeAgreement: {
        valid: fc.record({ ...options, agreementId: fc.constant(revocable), reason: text }),
        token: tokens.policyAdmin,
        appends: () => ['agreement.revoked'],
        result: 'agreementId streamVersion eventIds duplicate',
      },
    } satisfies Record<string, Omit<MutationCase, 'result'> & { result?: string }>);
    for (const entry of Object.values(cases)) entry.result ??= 'activationId version eventIds duplicate';
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  const eventCount = async (): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS count FROM events`))[0].count as number;

  const MUTATIONS = [
    'openActivation',
    'recordSignal',
    'inviteAgency',
    'joinActivation',
    'leaveActivation',
    'escalateActivation',
    'scheduleInspection',
    'completeInspection',
    'cancelInspection',
    'recordFinding',
    'imposeIntervention',
    'makeReferral',
    'decideIntegratedDeployment',
    'fileReport',
    'closeActivation',
    'reopenActivation',
    'grantAgreement',
    'amendAgreement',
    'revokeAgreement',
    'requestErasure',
  ];

  it.each(MUTATIONS)('%s', async (name) => {
    const mutation = cases[name];
    const document = `mutation Fuzz($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) {
      ${name}(input: $input) { ${mutation.result} }
    }`;
    let successes = 0;
    let refusals = 0;
    const validRefused: unknown[] = [];
    await fc.assert(
      fc.asyncProperty(spoilt(mutation.valid), async ({ input, spoilt }) => {
        const before = await eventCount();
        const response: RawResponse = await rawGraphql(url, document, { input }, mutation.token);
        expect(response.status).not.toBe(500);
        expect(unclassified(response)).toEqual([]);
        const result = (
          response.body?.data as Record<string, { eventIds: string[]; duplicate: boolean }> | null
        )?.[name];
        const after = await eventCount();
        if (response.body?.errors?.length || !result) {
          refusals++;
          if (!spoilt)
            validRefused.push(
              response.body?.errors?.map((e) => `${String(e.extensions?.code)} ${e.message}`),
            );
          expect({ written: after - before }).toEqual({ written: 0 });
          return;
        }
        successes++;
        expect({ written: after - before }).toEqual({ written: result.eventIds.length });
        if (result.eventIds.length === 0) {
          // Only a repeated command id, or a command that is done already, is answered with nothing appended.
          expect(result.duplicate || IDEMPOTENT.includes(name)).toBe(true);
          return;
        }
        const written: { type: string; stream_id: string }[] = await db.query(
          `SELECT type, stream_id FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY position`,
          [result.eventIds],
        );
        expect(written.map((e) => e.type)).toEqual(mutation.appends(input as Input));
        expect(new Set(written.map((e) => e.stream_id)).size).toBe(1);
      }),
      { seed: SEED + MUTATIONS.indexOf(name), numRuns: RUNS, endOnFailure: true },
    );
    // The property is only worth something if both sides of it happened.
    expect({ name, refused: refusals > 0 }).toEqual({ name, refused: true });
    expect({ name, succeeded: successes > 0, validRefused }).toEqual({ name, succeeded: true, validRefused });
  });

  it('refuses an input of the wrong type altogether, and a document asking for an unknown field, with typed errors', async () => {
    for (const input of [null, 'open', 42, [], [{}], true]) {
      const response = await rawGraphql(
        url,
        `mutation ($input: OpenActivationInput!) { openActivation(input: $input) { activationId } }`,
        { input },
        tokens.nla,
      );
      expect(response.status).not.toBe(500);
      expect(response.body?.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(unclassified(response)).toEqual([]);
    }
  });
});
