import { Kafka } from 'kafkajs';
import { DataCategory, Role } from '#domain';
import { parseFeedEventType } from '#events';
import { READ_MODELS } from '#read-models';
import { LiveFeeds } from '../../../apps/api/src/feeds/shared/live-feeds.service.js';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { TEST_KAFKA_BROKERS } from '../../support/test-env.js';
import { tokenFor } from '../../support/test-tokens.js';
import {
  deleteTopics,
  readTopic,
  relayCaughtUp,
  testKafka,
  topicExists,
  uniqueTopicPrefix,
} from '../../integration/relay/feed-topics.fixture.js';
import { waitUntil } from '../../support/processes.js';
import { ActivationMutation, send } from '../activations/activation-mutations.fixture.js';
import {
  DEMO_GRANTS,
  eventually,
  FEED_ENTRY_FIELDS,
  FeedEntry,
  FeedsScenario,
  LiveSubscription,
  SocketClient,
} from '../feeds/feeds.fixture.js';
import { INJECTIONS } from './hostile-input.fixture.js';
import { LeakOracle, leaked, Markers, missing } from './leak-oracle.fixture.js';

const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, BENEFITS, TAX, CRIMINAL, INTERVENTION, REPORT } =
  DataCategory;
const FINDING_CATEGORIES = [LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, BENEFITS, TAX, CRIMINAL];
/** Every agency of the demo agreements (DESIGN §4), and the roles that read case data (DESIGN §2, §6). */
const AGENCIES = [...new Set(DEMO_GRANTS.map((grant) => grant.agency))];
const READERS = [Role.INSPECTOR, Role.COORDINATOR, Role.AGENCY_SYSTEM] as const;
const NON_READERS = [Role.POLICY_ADMIN, Role.PRIVACY_OFFICER] as const;
const A1 = 'leak-rotterdam';
const A2 = 'leak-utrecht';
const A3 = 'leak-municipal';
const ACTIVATIONS = [A1, A2, A3];
/** Every free-text field holds SQL and escaping, to be stored and read back as plain text. */
const A4 = 'leak-injection';

const MATRIX_QUERY = `
  query Matrix($id: ID!) {
    one: activation(id: $id) { ...ActivationParts }
    list: activations(first: 20) { edges { node { ...ActivationParts } } pageInfo { hasNextPage } }
    head: timeline(activationId: $id, first: 1) { edges { node { ...Entry } } }
    whole: timeline(activationId: $id, first: 60) { edges { node { ...Entry } } pageInfo { hasNextPage } }
    statistics { total byOutcome { key count } byKind { key count } byRegion { key count } }
    feedHead: feed(first: 1) { edges { node { eventId } } }
    feed(first: 150) {
      edges { node { ... on FeedEntry { eventId activationId type payload withheld categories } } }
      pageInfo { hasNextPage }
    }
  }
  fragment ActivationParts on Activation {
    id region participants outcome strongestMeasure withheld
    location { address postcode city }
    ... on Activation { employer { name kvkNumber staffingAgency { name kvkNumber } } }
  }
  fragment Entry on TimelineEntry { eventId type payload withheld }`;

interface Entry {
  eventId: string;
  activationId?: string;
  type: string;
  payload: Record<string, unknown>;
  withheld: string[];
}
interface MatrixData {
  one: {
    id: string;
    location: unknown;
    employer: unknown;
    outcome: string | null;
    strongestMeasure: string;
    withheld: string[];
  };
  list: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } };
  head: { edges: { node: Entry }[] };
  whole: { edges: { node: Entry }[]; pageInfo: { hasNextPage: boolean } };
  statistics: { total: number; byOutcome: { key: string; count: number }[] };
  feedHead: { edges: { node: { eventId: string } }[] };
  feed: { edges: { node: Entry }[]; pageInfo: { hasNextPage: boolean } };
}

const TIMELINE_SUBSCRIPTION = `subscription ($id: ID!) {
  timeline(activationId: $id) { eventId type payload withheld }
}`;
const FEED_SUBSCRIPTION = `subscription { feed { ${FEED_ENTRY_FIELDS} } }`;

/** Something the api or the broker answered, as searchable text. */
const text = (value: unknown) => JSON.stringify(value);
const ids = (entries: readonly { eventId: string }[]) => new Set(entries.map((e) => e.eventId));
const sorted = (set: Iterable<string>) => [...set].sort();

/**
 * The leak matrix of issue #7: activations whose events carry a unique marker in every field of every data
 * category, then every demo agency in every role that reads case data, over every read path (the queries
 * activation, activations, timeline, statistics and feed, with aliases and fragments; the feed and
 * timeline subscriptions over graphql-ws; the agency's Kafka topic). Each path must show no marker of a
 * category the agency lacks and no event of a primary category it lacks, and must show every marker it
 * may see. The expectation comes from the agreements and the catalogue (leak-oracle.fixture.ts), not from
 * the redaction function under test.
 */
describe('leak matrix: every demo agency × role × read path sees exactly what its agreements allow', () => {
  const prefix = uniqueTopicPrefix();
  const scenario = new FeedsScenario({ FEED_TOPIC_PREFIX: prefix });
  const markers = new Markers();
  const clients: SocketClient[] = [];
  const tokens = new Map<string, string>();
  const feedSubscriptions = new Map<string, LiveSubscription<FeedEntry>>();
  const timelineSubscriptions = new Map<string, LiveSubscription<Entry>>();
  /** Stream versions before the timeline subscriptions started. */
  const subscribedAt = new Map<string, number>();
  let oracle: LeakOracle;
  let kafka: Kafka;

  const key = (agency: string, role: string) => `${agency}/${role}`;
  const tokenOf = (agency: string, role: string) => tokens.get(key(agency, role))!;
  const actors: Record<string, string> = {};
  const versions = new Map<string, number>();
  const injected: { type: string; path: string; value: string; reader: string }[] = [];

  /** Acts as the agency's inspector (a safety region's coordinator); counts the activation's events. */
  async function act(agency: string, name: ActivationMutation, input: Record<string, unknown>) {
    const response = await send(scenario.url, name, input, actors[agency]);
    expect({ name, errors: response.errors }).toEqual({ name, errors: undefined });
    const id = input.activationId as string;
    versions.set(id, (versions.get(id) ?? 0) + response.result!.eventIds.length);
  }

  const location = () => ({
    address: markers.text(LOCATION),
    postcode: '3011 AB',
    city: markers.text(LOCATION),
  });
  const employer = () => ({
    name: markers.text(EMPLOYER),
    kvkNumber: markers.kvk(),
    staffingAgency: { name: markers.text(EMPLOYER), kvkNumber: markers.kvk() },
  });
  /** The subject id of the person each finding names, for correcting them. */
  const findingSubjects = new Map<string, string>();
  const finding = (activationId: string, category: DataCategory, extra: Record<string, unknown> = {}) => ({
    activationId,
    findingId: `${activationId}-f-${category.toLowerCase()}`,
    category,
    description: `Finding ${markers.text(category)} on site`,
    subjects: [
      (() => {
        const subject = markers.subject();
        findingSubjects.set(`${activationId}-f-${category.toLowerCase()}`, subject.subjectId);
        return subject;
      })(),
    ],
    ...([INCOME, BENEFITS, TAX].includes(category)
      ? { amounts: [{ label: markers.text(category), euroCents: markers.cents() }] }
      : {}),
    ...extra,
  });

  async function workerCaughtUp(): Promise<void> {
    const db = scenario.database.dataSource;
    await waitUntil(
      async () => {
        const [{ done }] = await db.query(
          `SELECT NOT EXISTS (SELECT 1 FROM events e, subscription_checkpoints c
                               WHERE c.subscription = $1 AND (e.transaction_id, e.position) > (c.transaction_id, c.position))
                  AND EXISTS (SELECT 1 FROM subscription_checkpoints WHERE subscription = $1) AS done`,
          [READ_MODELS.name],
        );
        return done && (await relayCaughtUp(db));
      },
      60_000,
      'the projector, the feed projector and the relay handled every event',
    );
  }

  beforeAll(async () => {
    await scenario.start();
    kafka = testKafka(TEST_KAFKA_BROKERS);

    for (const agency of AGENCIES) {
      const region = agency.startsWith('VR') ? { region: agency } : {};
      for (const role of [...READERS, ...NON_READERS]) {
        tokens.set(
          key(agency, role),
          await tokenFor({
            userId: `${role.toLowerCase()}@${agency.toLowerCase()}`,
            agency,
            role,
            ...region,
          }),
        );
      }
      actors[agency] = tokenOf(agency, agency.startsWith('VR') ? Role.COORDINATOR : Role.INSPECTOR);
    }

    // Live feeds first, so they see every event from the first on.
    const live = scenario.apis[0].app.get(LiveFeeds);
    for (const agency of AGENCIES) {
      for (const role of READERS) {
        const client = SocketClient.forToken(scenario.url, tokenOf(agency, role));
        clients.push(client);
        feedSubscriptions.set(key(agency, role), client.subscribe<FeedEntry>(FEED_SUBSCRIPTION));
      }
      await eventually(() => live.deliveringTo(agency) >= READERS.length, 10_000);
    }

    // Phase 1: the activations and who takes part, including an agency that joins, learns and leaves.
    await act('NLA', 'openActivation', {
      activationId: A1,
      kind: 'PREVENTIVE',
      title: `Title ${markers.text(CASE)}`,
      trigger: 'EXTERNAL_REPORT',
      themes: ['HOUSING', 'WORK'],
      region: 'VR17',
      municipality: 'GM0599',
      leadAgency: 'NLA',
      location: location(),
      employer: employer(),
    });
    for (const agency of ['GM0599', 'UWV', 'SVB', 'BD'])
      await act('NLA', 'inviteAgency', { activationId: A1, agency });
    for (const agency of ['GM0599', 'UWV', 'SVB', 'BD'])
      await act(agency, 'joinActivation', { activationId: A1 });

    await act('NLA', 'openActivation', {
      activationId: A2,
      kind: 'REPRESSIVE',
      title: `Title ${markers.text(CASE)}`,
      trigger: 'EXTERNAL_REPORT',
      themes: ['HEALTH', 'HOUSING'],
      region: 'VR09',
      municipality: 'GM0344',
      leadAgency: 'NLA',
      location: location(),
      employer: employer(),
      initialSignal: {
        signalId: 'leak-utrecht-s-1',
        source: { kind: 'EXTERNAL', name: markers.text(PERSONAL) },
        description: `Signal ${markers.text(CASE)}`,
        subjects: [markers.subject(), markers.subject()],
        confirmedInfection: true,
        healthDetail: `Tests ${markers.text(HEALTH)}`,
      },
    });
    for (const agency of ['GM0344', 'UWV', 'SVB'])
      await act('NLA', 'inviteAgency', { activationId: A2, agency });
    for (const agency of ['GM0344', 'UWV', 'SVB']) await act(agency, 'joinActivation', { activationId: A2 });
    await act('NLA', 'recordFinding', finding(A2, BENEFITS));
    await act('SVB', 'leaveActivation', { activationId: A2, reason: `Left ${markers.text(CASE)}` });

    await act('GM0599', 'openActivation', {
      activationId: A3,
      kind: 'PREVENTIVE',
      title: `Title ${markers.text(CASE)}`,
      trigger: 'OWN_OBSERVATION',
      themes: ['HOUSING'],
      region: 'VR17',
      municipality: 'GM0599',
      leadAgency: 'GM0599',
      location: location(),
      employer: employer(),
    });
    await workerCaughtUp();

    // Timeline subscriptions on every activation, visible or not, from now on.
    for (const agency of AGENCIES) {
      for (const role of READERS) {
        const client = SocketClient.forToken(scenario.url, tokenOf(agency, role));
        clients.push(client);
        for (const activationId of ACTIVATIONS) {
          timelineSubscriptions.set(
            `${key(agency, role)}/${activationId}`,
            client.subscribe<Entry>(TIMELINE_SUBSCRIPTION, { id: activationId }),
          );
        }
      }
    }
    for (const activationId of ACTIVATIONS) subscribedAt.set(activationId, versions.get(activationId)!);
    // Each subscription is live (counted by LiveFeeds) or refused (NOT_FOUND) before anything else happens.
    await eventually(
      () =>
        AGENCIES.every((agency) => {
          const refused = [...timelineSubscriptions].filter(
            ([k, s]) => k.startsWith(`${agency}/`) && s.errors.length > 0,
          ).length;
          return live.deliveringTo(agency) + refused === READERS.length * (1 + ACTIVATIONS.length);
        }),
      15_000,
    );

    // Phase 3: everything sensitive, in every category, while the subscriptions listen.
    await act('NLA', 'recordSignal', {
      activationId: A1,
      signalId: 'leak-rotterdam-s-1',
      source: { kind: 'PARTNER_AGENCY', agency: 'GGD17', name: markers.text(PERSONAL) },
      description: `Signal ${markers.text(CASE)}`,
      subjects: [markers.subject()],
    });
    const healthSignalPerson = markers.subject();
    await act('NLA', 'recordSignal', {
      activationId: A1,
      signalId: 'leak-rotterdam-s-2',
      source: { kind: 'ANONYMOUS' },
      description: `Signal ${markers.text(CASE)}`,
      subjects: [healthSignalPerson],
      confirmedInfection: true,
      healthDetail: `Tests ${markers.text(HEALTH)}`,
    });
    await act('NLA', 'scheduleInspection', {
      activationId: A1,
      inspectionId: 'leak-i-1',
      plannedAt: '2026-06-02T09:30:00+02:00',
      location: location(),
      agencies: ['NLA', 'UWV'],
    });
    await act('NLA', 'completeInspection', {
      activationId: A1,
      inspectionId: 'leak-i-1',
      outcomeSummary: `Visited ${markers.text(CASE)}`,
    });
    await act('NLA', 'scheduleInspection', {
      activationId: A1,
      inspectionId: 'leak-i-2',
      plannedAt: '2026-06-03T09:30:00+02:00',
      location: location(),
    });
    await act('NLA', 'cancelInspection', {
      activationId: A1,
      inspectionId: 'leak-i-2',
      reason: `Cancelled ${markers.text(CASE)}`,
    });
    for (const category of FINDING_CATEGORIES) {
      await act(
        'NLA',
        'recordFinding',
        finding(A1, category, {
          inspectionId: 'leak-i-1',
          ...(category === HEALTH ? { confirmedInfection: true } : {}),
        }),
      );
    }
    await act('NLA', 'escalateActivation', {
      activationId: A1,
      triggeredBy: { kind: 'FINDING', id: `${A1}-f-health` },
    });
    await act('NLA', 'imposeIntervention', {
      activationId: A1,
      interventionId: 'leak-fine',
      interventionType: 'FINE',
      description: `Fine ${markers.text(INTERVENTION)}`,
      amountEuroCents: markers.cents(),
      legalBasis: markers.text(INTERVENTION),
      addressee: employer(),
      location: location(),
      inspectionId: 'leak-i-1',
      findingIds: [`${A1}-f-income`],
    });
    await act('NLA', 'makeReferral', {
      activationId: A1,
      referralId: 'leak-referral',
      toAgency: 'BD',
      reason: `Referred ${markers.text(INTERVENTION)}`,
      findingIds: [`${A1}-f-tax`],
    });
    await act('VR17', 'decideIntegratedDeployment', {
      activationId: A1,
      integrated: true,
      agencies: ['NLA', 'GM0599'],
      rationale: `Together ${markers.text(CASE)}`,
    });
    await act('NLA', 'fileReport', {
      activationId: A1,
      reportId: 'leak-report',
      summary: `Report ${markers.text(REPORT)}`,
      outcome: markers.text(REPORT),
    });
    await act('VR17', 'closeActivation', { activationId: A1, outcome: `Closed ${markers.text(CASE)}` });
    await act('VR17', 'reopenActivation', { activationId: A1, reason: `Reopened ${markers.text(CASE)}` });
    // Corrections (AVG art. 16), each classified like what it corrects: the corrected values reach exactly
    // the agencies that could see the originals, and replace them in their read models.
    const corrected = (subjectId: string) => ({
      subjectId,
      name: markers.text(PERSONAL),
      bsn: markers.bsn(),
      birthDate: markers.birthDate(),
      nationality: 'RO',
    });
    await act('NLA', 'correctSubject', {
      activationId: A1,
      entryKind: 'SIGNAL',
      entryId: 'leak-rotterdam-s-2',
      subject: corrected(healthSignalPerson.subjectId),
      reason: `Corrected ${markers.text(HEALTH)}`,
    });
    for (const category of [HEALTH, CRIMINAL, PERSONAL]) {
      await act('NLA', 'correctSubject', {
        activationId: A1,
        entryKind: 'FINDING',
        entryId: `${A1}-f-${category.toLowerCase()}`,
        subject: corrected(findingSubjects.get(`${A1}-f-${category.toLowerCase()}`)!),
        reason: `Corrected ${markers.text(category)}`,
      });
    }
    await act('NLA', 'correctFinding', {
      activationId: A1,
      findingId: `${A1}-f-criminal`,
      description: `Corrected ${markers.text(CRIMINAL)}`,
      reason: `Why ${markers.text(CRIMINAL)}`,
    });
    await act('NLA', 'correctFinding', {
      activationId: A1,
      findingId: `${A1}-f-income`,
      amounts: [{ label: markers.text(INCOME), euroCents: markers.cents() }],
      reason: `Why ${markers.text(INCOME)}`,
    });
    await act('NLA', 'withdrawEntry', {
      activationId: A1,
      entryKind: 'FINDING',
      entryId: `${A1}-f-benefits`,
      reason: `Misfiled ${markers.text(BENEFITS)}`,
    });
    await act('NLA', 'correctLocation', {
      activationId: A1,
      location: location(),
      reason: `Where ${markers.text(LOCATION)}`,
    });
    await act('NLA', 'correctEmployer', {
      activationId: A1,
      employer: employer(),
      reason: `Who ${markers.text(EMPLOYER)}`,
    });

    await act('NLA', 'recordFinding', finding(A2, TAX));
    await act('NLA', 'recordFinding', finding(A2, CRIMINAL));
    await act('GM0344', 'recordFinding', finding(A2, PERSONAL));
    await act('GM0344', 'imposeIntervention', {
      activationId: A2,
      interventionId: 'leak-warning',
      interventionType: 'WARNING',
      description: `Warning ${markers.text(INTERVENTION)}`,
    });

    await act('GM0599', 'recordFinding', finding(A3, CRIMINAL));
    await act('GM0599', 'recordFinding', finding(A3, HEALTH));
    await act('GM0599', 'fileReport', { activationId: A3, summary: markers.text(REPORT), outcome: 'Done.' });

    // SQL, LIKE patterns, dollar quoting, backslashes and Unicode in every free-text field of A4 (a
    // narrative's text is at <field>.text).
    const inject = (type: string, path: string, reader = 'NLA') => {
      const value = INJECTIONS[injected.length % INJECTIONS.length];
      injected.push({ type, path, value, reader });
      return value;
    };
    const place = (type: string) => ({
      address: inject(type, 'location.address'),
      city: inject(type, 'location.city'),
    });
    await act('NLA', 'openActivation', {
      activationId: A4,
      kind: 'PREVENTIVE',
      title: `Title ${markers.text(CASE)}`,
      trigger: 'EXTERNAL_REPORT',
      themes: ['WORK'],
      region: 'VR17',
      municipality: 'GM0599',
      leadAgency: 'NLA',
      location: place('activation.opened'),
      employer: {
        name: inject('activation.opened', 'employer.name'),
        staffingAgency: { name: inject('activation.opened', 'employer.staffingAgency.name') },
      },
    });
    await act('NLA', 'recordSignal', {
      activationId: A4,
      source: { kind: 'EXTERNAL', name: inject('signal.recorded', 'source.name') },
      description: inject('signal.recorded', 'description.text'),
      subjects: [{ subjectId: 'p-1', name: inject('signal.recorded', 'subjects.0.name') }],
    });
    await act('NLA', 'scheduleInspection', {
      activationId: A4,
      inspectionId: 'i-1',
      plannedAt: '2026-06-02T09:30:00+02:00',
      location: place('inspection.scheduled'),
    });
    await act('NLA', 'completeInspection', {
      activationId: A4,
      inspectionId: 'i-1',
      outcomeSummary: inject('inspection.completed', 'outcomeSummary.text'),
    });
    await act('NLA', 'scheduleInspection', {
      activationId: A4,
      inspectionId: 'i-2',
      plannedAt: '2026-06-02T09:30:00+02:00',
      location: { address: 'Kasweg 1', city: 'Rotterdam' },
    });
    await act('NLA', 'cancelInspection', {
      activationId: A4,
      inspectionId: 'i-2',
      reason: inject('inspection.cancelled', 'reason.text'),
    });
    await act('NLA', 'recordFinding', {
      activationId: A4,
      findingId: 'f-income',
      category: 'INCOME',
      description: inject('finding.recorded', 'description.text'),
      amounts: [{ label: inject('finding.recorded', 'amounts.0.label'), euroCents: 100 }],
    });
    await act('NLA', 'recordFinding', {
      activationId: A4,
      findingId: 'f-health',
      category: 'HEALTH',
      description: inject('finding.recorded', 'description.text', 'VR17'),
    });
    await act('NLA', 'imposeIntervention', {
      activationId: A4,
      interventionType: 'ORDER',
      description: inject('intervention.imposed', 'description.text'),
      legalBasis: inject('intervention.imposed', 'legalBasis'),
      addressee: { name: inject('intervention.imposed', 'addressee.name') },
      location: place('intervention.imposed'),
    });
    await act('NLA', 'makeReferral', {
      activationId: A4,
      toAgency: 'UWV',
      reason: inject('referral.made', 'reason.text'),
    });
    await act('VR17', 'decideIntegratedDeployment', {
      activationId: A4,
      integrated: false,
      agencies: [],
      rationale: inject('integrated-deployment.decided', 'rationale.text'),
    });
    await act('NLA', 'fileReport', {
      activationId: A4,
      summary: inject('report.filed', 'summary.text'),
      outcome: inject('report.filed', 'outcome.text'),
    });
    await act('NLA', 'closeActivation', {
      activationId: A4,
      outcome: inject('activation.closed', 'outcome.text'),
    });
    await act('NLA', 'reopenActivation', {
      activationId: A4,
      reason: inject('activation.reopened', 'reason.text'),
    });

    await workerCaughtUp();
    oracle = await LeakOracle.load(scenario.database.dataSource, markers, DEMO_GRANTS);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await scenario.stop();
    if (kafka) await deleteTopics(kafka, prefix);
  });

  it('placed every marker in an event, and the matrix tells agencies apart', () => {
    // The corrections replaced values in the read models: the matrix checks them there too.
    expect(oracle.superseded.size).toBeGreaterThan(10);
    // A marker the domain dropped would make every "not leaked" check below pass vacuously.
    expect(sorted(markers.tokens).filter((token) => !oracle.allTokens().has(token))).toEqual([]);
    const categories = new Set(
      [...oracle.streams.values()].flat().flatMap((e) => [...e.markers.values()].flat()),
    );
    expect(sorted(categories)).toEqual(sorted(Object.values(DataCategory)));
    // Every agency is denied something and shown something, or the matrix proves little.
    for (const agency of AGENCIES) {
      const allowed = oracle.allowed(agency);
      expect({ agency, sees: allowed.size > 0, denied: allowed.size < markers.tokens.size }).toEqual({
        agency,
        sees: true,
        denied: true,
      });
    }
  });

  describe.each(AGENCIES)('%s', (agency) => {
    it.each(READERS)(
      'as %s: activation, activations, timeline, statistics and feed (aliases, fragments)',
      async (role) => {
        const token = tokenOf(agency, role);
        const visible = oracle.visibleActivations(agency);
        const feed = oracle.feed(agency);
        const readModels = oracle.readModels(agency);
        for (const activationId of ACTIVATIONS) {
          const response = await graphql<MatrixData>(scenario.url, MATRIX_QUERY, { id: activationId }, token);
          const where = { agency, role, activationId };
          if (!visible.includes(activationId)) {
            // Not yours to see: the same answer as an activation that does not exist, and nothing else.
            expect({ ...where, data: response.data ?? null }).toEqual({ ...where, data: null });
            expect(response.errors?.map((e) => e.extensions?.code)).toEqual(
              expect.arrayContaining(['NOT_FOUND']),
            );
            expect({ ...where, leaked: markers.foundIn(text(response)).size }).toEqual({
              ...where,
              leaked: 0,
            });
            // An agency that left keeps what it contributed itself, on its timeline, and nothing else.
            const own = oracle.timeline(agency, activationId);
            const alone = await graphql<{ whole: MatrixData['whole'] }>(
              scenario.url,
              `
                query ($id: ID!) {
                  whole: timeline(activationId: $id, first: 60) {
                    edges {
                      node {
                        ...Entry
                      }
                    }
                  }
                }
                fragment Entry on TimelineEntry {
                  eventId
                  type
                  payload
                  withheld
                }
              `,
              { id: activationId },
              token,
            );
            if (oracle.ownAfterLeaving(agency, activationId).length === 0) {
              expect({ ...where, codes: alone.errors?.map((e) => e.extensions?.code) }).toEqual({
                ...where,
                codes: ['NOT_FOUND'],
              });
            } else {
              const mine = alone.data!.whole.edges.map((e) => e.node);
              expect({ ...where, own: sorted(ids(mine)) }).toEqual({ ...where, own: sorted(own.eventIds) });
              expect(leaked(text(alone), markers, own.tokens)).toEqual([]);
            }
            continue;
          }
          expect({ ...where, errors: response.errors }).toEqual({ ...where, errors: undefined });
          const data = response.data!;
          const timeline = oracle.timeline(agency, activationId);

          // activation and activations: the row, with only the parts of the granted categories.
          expect(data.one.id).toBe(activationId);
          expect(sorted(data.list.edges.map((e) => e.node.id))).toEqual(sorted(visible));
          expect(leaked(text(data.one), markers, timeline.tokens)).toEqual([]);
          expect(leaked(text(data.list), markers, readModels.tokens)).toEqual([]);
          const granted = oracle.granted(agency, oracle.regionOf(activationId));
          expect(data.one.location === null).toBe(!granted.has(LOCATION));
          expect(data.one.employer === null).toBe(!granted.has(EMPLOYER));
          // The outcome is the strongest measure imposed, an INTERVENTION fact: without it, not even that.
          // It is told that measures are not visible to it, never that there are none (issue 15).
          if (!granted.has(INTERVENTION)) {
            expect({ ...where, outcome: data.one.outcome }).toEqual({ ...where, outcome: null });
            expect({ ...where, measure: data.one.strongestMeasure }).toEqual({
              ...where,
              measure: 'NOT_VISIBLE',
            });
            expect(data.one.withheld).toContain(INTERVENTION);
          }

          // timeline: exactly the events of granted primary categories, every granted marker, no other.
          const entries = data.whole.edges.map((e) => e.node);
          expect(data.whole.pageInfo.hasNextPage).toBe(false);
          expect(sorted(ids(entries))).toEqual(sorted(timeline.eventIds));
          expect(leaked(text(data.whole), markers, timeline.tokens)).toEqual([]);
          expect(missing(text(data.whole), timeline.tokens)).toEqual([]);
          expect(data.head.edges.map((e) => e.node)).toEqual(entries.slice(0, 1));
          for (const entry of entries) {
            // What the agency recorded itself it sees whole (issue 15: authors keep sight of what they wrote).
            if (oracle.event(entry.eventId).actingAgency === agency) continue;
            expect(granted.has(oracle.event(entry.eventId).primary)).toBe(true);
            for (const category of entry.withheld) expect(granted.has(category as DataCategory)).toBe(false);
          }

          // statistics: counts of the visible activations only, and no marker; no outcome it may not know.
          expect(data.statistics.total).toBe(visible.length);
          if (visible.every((id) => !oracle.granted(agency, oracle.regionOf(id)).has(INTERVENTION))) {
            const outcomes = data.statistics.byOutcome.filter((b) => b.count > 0).map((b) => b.key);
            expect({ ...where, outcomes }).toEqual({ ...where, outcomes: ['NOT_VISIBLE'] });
          }
          expect(markers.foundIn(text(data.statistics)).size).toBe(0);

          // feed: exactly what was fed to the agency, every marker it may see there and no other.
          const fed = data.feed.edges.map((e) => e.node);
          expect(data.feed.pageInfo.hasNextPage).toBe(false);
          expect(sorted(ids(fed))).toEqual(sorted(feed.eventIds));
          expect(leaked(text(data.feed), markers, feed.tokens)).toEqual([]);
          expect(missing(text(data.feed), feed.tokens)).toEqual([]);
          expect(data.feedHead.edges.map((e) => e.node.eventId)).toEqual(
            fed.slice(0, 1).map((e) => e.eventId),
          );

          // Nothing anywhere in the answer that the agency may not see on any path.
          expect(leaked(text(response), markers, oracle.allowed(agency))).toEqual([]);
        }
      },
    );

    it.each(READERS)(
      'as %s: searchActivations finds an activation by a marker only where the agency may see it',
      async (role) => {
        const token = tokenOf(agency, role);
        const visible = oracle.visibleActivations(agency);
        const all = sorted(markers.tokens);
        const found = new Map<string, string[]>();
        // Many searches per request (aliases), so every marker is searched for by every agency and role.
        for (let start = 0; start < all.length; start += 10) {
          const batch = all.slice(start, start + 10);
          const document = `query (${batch.map((_, i) => `$q${i}: String!`).join(', ')}) {
            ${batch.map((_, i) => `s${i}: searchActivations(query: $q${i}, first: 100) { edges { node { activation { id } } } }`).join('\n')}
          }`;
          const response = await graphql<
            Record<string, { edges: { node: { activation: { id: string } } }[] }>
          >(scenario.url, document, Object.fromEntries(batch.map((marker, i) => [`q${i}`, marker])), token);
          expect({ agency, role, errors: response.errors }).toEqual({ agency, role, errors: undefined });
          batch.forEach((marker, i) =>
            found.set(
              marker,
              response.data![`s${i}`].edges.map((e) => e.node.activation.id),
            ),
          );
        }
        for (const [marker, ids] of found) {
          const mayFind = visible.filter((id) => oracle.timeline(agency, id).tokens.has(marker));
          const beyond = ids.filter((id) => !mayFind.includes(id));
          expect({ agency, role, marker, beyond }).toEqual({ agency, role, marker, beyond: [] });
        }
        // Not vacuous: an agency that sees a case finds it by some of what it may see there.
        if (visible.length > 0) expect([...found.values()].some((ids) => ids.length > 0)).toBe(true);
      },
    );

    it.each(READERS)('as %s: the feed and timeline subscriptions over graphql-ws', async (role) => {
      const expected = oracle.feed(agency);
      const feed = feedSubscriptions.get(key(agency, role))!;
      await eventually(() => feed.received.length >= expected.eventIds.size, 20_000).catch(() => undefined);
      expect(feed.errors).toEqual([]);
      expect(sorted(ids(feed.received))).toEqual(sorted(expected.eventIds));
      expect(leaked(text(feed.received), markers, expected.tokens)).toEqual([]);
      expect(missing(text(feed.received), expected.tokens)).toEqual([]);

      const visible = oracle.visibleActivations(agency);
      for (const activationId of ACTIVATIONS) {
        const subscription = timelineSubscriptions.get(`${key(agency, role)}/${activationId}`)!;
        const where = { agency, role, activationId };
        // No one joins or leaves after the subscriptions started, so what is visible now was visible then.
        if (!visible.includes(activationId)) {
          // What an agency that left contributed stays readable; nothing new reaches it live.
          const left = oracle.ownAfterLeaving(agency, activationId).length > 0;
          expect({ ...where, codes: subscription.errors.map((e) => e.extensions?.code) }).toEqual({
            ...where,
            codes: left ? [] : ['NOT_FOUND'],
          });
          expect({ ...where, received: subscription.received }).toEqual({ ...where, received: [] });
          continue;
        }
        const since = new Map([[activationId, subscribedAt.get(activationId)!]]);
        const live = oracle.feed(agency, since);
        const wanted = new Set([...live.eventIds].filter((id) => oracle.eventIdsOf(activationId).has(id)));
        const tokens = new Set(
          [...live.tokens].filter((token) =>
            // Live entries are the events as delivered: what a correction later replaced was delivered too.
            oracle.timeline(agency, activationId, { asDelivered: true }).tokens.has(token),
          ),
        );
        await eventually(() => subscription.received.length >= wanted.size, 20_000).catch(() => undefined);
        expect({ ...where, errors: subscription.errors }).toEqual({ ...where, errors: [] });
        expect({ ...where, ids: sorted(ids(subscription.received)) }).toEqual({
          ...where,
          ids: sorted(wanted),
        });
        expect(leaked(text(subscription.received), markers, tokens)).toEqual([]);
        expect(missing(text(subscription.received), tokens)).toEqual([]);
      }
    });

    it('its Kafka topic carries exactly its feed, and nothing it may not see', async () => {
      const expected = oracle.feed(agency);
      expect(expected.eventIds.size).toBeGreaterThan(0);
      expect(await topicExists(kafka, prefix + agency)).toBe(true);
      const messages = await readTopic(kafka, prefix + agency);
      const events = messages.map((m) => m.event);
      expect(sorted(new Set(events.map((e) => e.id)))).toEqual(sorted(expected.eventIds));
      for (const event of events) {
        const { primary, region } = oracle.event(event.id);
        const granted = oracle.granted(agency, region);
        expect(event.ketencategories.split(',')).toContain(primary);
        for (const category of event.ketencategories.split(','))
          expect(granted.has(category as DataCategory)).toBe(true);
        for (const category of event.ketenwithheld?.split(',') ?? [])
          expect(granted.has(category as DataCategory)).toBe(false);
      }
      expect(leaked(text(messages), markers, expected.tokens)).toEqual([]);
      expect(missing(text(messages), expected.tokens)).toEqual([]);
    });
  });

  describe.each(AGENCIES)('%s inbox', (agency) => {
    it.each(READERS)('as %s: only what is addressed to it, the case at CASE level', async (role) => {
      const expected = oracle.inbox(agency);
      const response = await graphql<{ inbox: { activation: { id: string } }[] }>(
        scenario.url,
        `
          {
            inbox(first: 100) {
              kind
              state
              fromAgency
              reason
              answer
              withheld
              activation {
                id
                caseNumber
                title
                kind
                themes
                region
                municipality
                leadAgency
                status
              }
            }
          }
        `,
        {},
        tokenOf(agency, role),
      );
      const where = { agency, role };
      expect({ ...where, errors: response.errors }).toEqual({ ...where, errors: undefined });
      const items = response.data!.inbox;
      expect({ ...where, ids: sorted(new Set(items.map((i) => i.activation.id))) }).toEqual({
        ...where,
        ids: sorted(expected.activationIds),
      });
      expect({ ...where, leaked: leaked(text(items), markers, expected.tokens) }).toEqual({
        ...where,
        leaked: [],
      });
    });
  });

  describe.each(NON_READERS)('a %s reads no case data', (role) => {
    it.each(['NLA', 'VR17'])('of %s, on no path', async (agency) => {
      const token = tokenOf(agency, role);
      const queries: [string, Record<string, unknown>][] = [
        [`query ($id: ID!) { activation(id: $id) { id location { address } } }`, { id: A1 }],
        [`{ activations(first: 10) { edges { node { id employer { name } } } } }`, {}],
        [`query ($id: ID!) { timeline(activationId: $id) { edges { node { payload } } } }`, { id: A1 }],
        [`{ statistics { total } }`, {}],
        [`{ feed(first: 500) { edges { node { payload } } } }`, {}],
        [`{ inbox { reason activation { id title } } }`, {}],
      ];
      for (const [query, variables] of queries) {
        const response: GraphqlResponse = await graphql(scenario.url, query, variables, token);
        expect({ query, data: response.data ?? null }).toEqual({ query, data: null });
        expect(response.errors?.[0].extensions).toMatchObject({
          code: 'FORBIDDEN',
          reason: 'ROLE_MAY_NOT_READ',
        });
        expect(markers.foundIn(text(response)).size).toBe(0);
      }
      const client = SocketClient.forToken(scenario.url, token);
      clients.push(client);
      const feed = client.subscribe<FeedEntry>(FEED_SUBSCRIPTION);
      const timeline = client.subscribe<Entry>(TIMELINE_SUBSCRIPTION, { id: A1 });
      await eventually(() => feed.errors.length > 0 && timeline.errors.length > 0, 5000);
      for (const subscription of [feed, timeline]) {
        expect(subscription.errors[0].extensions).toMatchObject({
          code: 'FORBIDDEN',
          reason: 'ROLE_MAY_NOT_READ',
        });
        expect(subscription.received).toEqual([]);
      }
    });
  });

  it('stores and returns SQL-injection text in every free-text field as plain text, and the tables stand', async () => {
    const valueAt = (data: unknown, path: string) =>
      path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], data);
    const readers = [...new Set(injected.map((i) => i.reader))];
    for (const reader of readers) {
      const token = tokenOf(reader, reader.startsWith('VR') ? Role.COORDINATOR : Role.INSPECTOR);
      const response = await graphql<MatrixData>(scenario.url, MATRIX_QUERY, { id: A4 }, token);
      expect(response.errors).toBeUndefined();
      const timeline = response.data!.whole.edges.map((e) => e.node);
      const feed = response.data!.feed.edges.map((e) => e.node).filter((e) => e.activationId === A4);
      const messages = (await readTopic(kafka, prefix + reader)).map((m) => ({
        type: parseFeedEventType(m.event.type)?.wireName,
        payload: m.event.data,
      }));
      for (const { type, path, value } of injected.filter((i) => i.reader === reader)) {
        for (const [where, entries] of [
          ['timeline', timeline],
          ['feed', feed],
          ['kafka', messages],
        ] as const) {
          const found = entries.some((e) => e.type === type && valueAt(e.payload, path) === value);
          expect({ reader, where, type, path, value, found }).toEqual({
            reader,
            where,
            type,
            path,
            value,
            found: true,
          });
        }
      }
      if (reader === 'NLA') {
        const { location, employer } = response.data!.one as { location: unknown; employer: unknown };
        for (const { path, value } of injected.filter((i) => i.type === 'activation.opened')) {
          expect(valueAt({ location, employer }, path)).toBe(value);
        }
      }
    }
    const [tables] = await scenario.database.dataSource.query(
      `SELECT to_regclass('events') AS events, to_regclass('rm_activations') AS activations,
              to_regclass('rm_timeline') AS timeline, to_regclass('rm_feed') AS feed,
              (SELECT count(*)::int FROM events WHERE stream_id = $1) AS a4`,
      [`activation-${A4}`],
    );
    expect(tables).toEqual({
      events: 'events',
      activations: 'rm_activations',
      timeline: 'rm_timeline',
      feed: 'rm_feed',
      a4: versions.get(A4),
    });
  });

  it('refuses batched operations (Apollo Server 5 has HTTP batching off), answering no data', async () => {
    const response = await fetch(`${scenario.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokenOf('UWV', Role.INSPECTOR)}`,
      },
      body: JSON.stringify([
        {
          query: `query ($id: ID!) { activation(id: $id) { id location { address } } }`,
          variables: { id: A1 },
        },
        { query: `{ feed(first: 500) { edges { node { payload } } } }` },
        {
          query: `query ($id: ID!) { timeline(activationId: $id) { edges { node { payload } } } }`,
          variables: { id: A2 },
        },
      ]),
    });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(body)).toEqual({
      errors: [expect.objectContaining({ message: expect.stringMatching(/batch/i) })],
    });
    expect(markers.foundIn(body).size).toBe(0);
    expect(body).not.toMatch(/\bat .+\.(js|ts):\d+/);
  });
});
