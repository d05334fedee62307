import { INestApplication } from '@nestjs/common';
import { activationStreamId, configuredEventStore } from '#events';
import { loadConfig } from '#platform';
import { startApi } from '../../support/api-app.js';
import { openTestDataSource } from '../../support/test-database.js';
import {
  ActivationMutation,
  openPreventiveInput,
  scenarioTokens,
  send,
  versionOf,
} from './activation-mutations.fixture.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/*
 * One activation from opening to reopening, every mutation once, as the partners would work it: the labour
 * inspectorate opens, the municipality and UWV join, they inspect, find, act, the region's coordinator
 * decides on integrated deployment, the lead files the report and closes. Every command states the version
 * it saw, as a careful client does, and must move the stream exactly one event on.
 */
describe('an activation walked through every mutation over HTTP', () => {
  let app: INestApplication;
  let url: string;
  let tokens: Awaited<ReturnType<typeof scenarioTokens>>;
  const opened = openPreventiveInput();
  const { activationId } = opened;
  let version = 0;
  const eventIds = new Set<string>();

  beforeAll(async () => {
    ({ app, url } = await startApi());
    tokens = await scenarioTokens();
  });
  afterAll(() => app?.close());

  async function step(name: ActivationMutation, token: string, input: Record<string, unknown>) {
    const expectedVersion = version === 0 ? undefined : versionOf(activationId, version);
    const response = await send(url, name, { activationId, expectedVersion, ...input }, token);
    expect(response.errors).toBeUndefined();
    expect(response.result).toEqual({
      activationId,
      version: versionOf(activationId, version + 1),
      eventIds: [expect.stringMatching(UUID)],
      duplicate: false,
    });
    const [eventId] = response.result!.eventIds;
    expect(eventIds.has(eventId)).toBe(false);
    eventIds.add(eventId);
    version += 1;
  }

  const worker = {
    subjectId: 'worker-1',
    name: 'Jan Kowalski',
    bsn: '111222333',
    birthDate: '1990-04-01',
    nationality: 'PL',
  };
  const site = { address: 'Kasweg 12', postcode: '3011 AB', city: 'Rotterdam' };

  it('NLA opens a preventive activation in VR17 / GM0599', () => step('openActivation', tokens.nla, opened));

  it('NLA invites the municipality and UWV', async () => {
    await step('inviteAgency', tokens.nla, { agency: 'GM0599' });
    await step('inviteAgency', tokens.nla, { agency: 'UWV' });
  });

  it('the municipality and UWV join', async () => {
    await step('joinActivation', tokens.gemeente, {});
    await step('joinActivation', tokens.uwv, {});
  });

  it('the municipality records a signal about two workers', () =>
    step('recordSignal', tokens.gemeente, {
      signalId: 'signal-fnv',
      source: { kind: 'EXTERNAL', name: 'FNV' },
      description: 'Twelve workers sleep in the greenhouse shed; several are ill.',
      subjects: [worker, { subjectId: 'worker-2', name: 'Anna Nowak', nationality: 'PL' }],
    }));

  it('NLA schedules two inspections, with partners', async () => {
    await step('scheduleInspection', tokens.nla, {
      inspectionId: 'inspection-1',
      plannedAt: '2020-06-02T09:30:00+02:00',
      location: site,
      agencies: ['NLA', 'GM0599', 'UWV'],
    });
    await step('scheduleInspection', tokens.gemeente, {
      inspectionId: 'inspection-2',
      plannedAt: '2020-06-03T07:00:00Z',
      location: { address: 'Havenstraat 3', city: 'Rotterdam' },
    });
  });

  it('the first inspection is completed, the second cancelled', async () => {
    await step('completeInspection', tokens.nla, {
      inspectionId: 'inspection-1',
      outcomeSummary: 'Housing overcrowded, wages below minimum, one confirmed COVID-19 infection.',
    });
    await step('cancelInspection', tokens.gemeente, {
      inspectionId: 'inspection-2',
      reason: 'The second address turned out to be empty.',
    });
  });

  it('findings are recorded in HEALTH, INCOME, PERSONAL, CRIMINAL, BENEFITS and TAX', async () => {
    const finding = (findingId: string, category: string, extra: Record<string, unknown> = {}) => ({
      findingId,
      category,
      inspectionId: 'inspection-1',
      description: `${category} finding at Kasweg 12.`,
      ...extra,
    });
    await step(
      'recordFinding',
      tokens.gemeente,
      finding('finding-health', 'HEALTH', { subjects: [worker], confirmedInfection: true }),
    );
    await step(
      'recordFinding',
      tokens.nla,
      finding('finding-income', 'INCOME', {
        subjects: [worker],
        amounts: [
          { label: 'hourly wage paid', euroCents: 850 },
          { label: 'weekly deduction for housing', euroCents: 12_500 },
        ],
      }),
    );
    await step(
      'recordFinding',
      tokens.gemeente,
      finding('finding-personal', 'PERSONAL', { subjects: [worker] }),
    );
    await step('recordFinding', tokens.nla, finding('finding-criminal', 'CRIMINAL'));
    await step(
      'recordFinding',
      tokens.uwv,
      finding('finding-benefits', 'BENEFITS', { amounts: [{ label: 'WW benefit', euroCents: 98_000 }] }),
    );
    await step(
      'recordFinding',
      tokens.nla,
      finding('finding-tax', 'TAX', { amounts: [{ label: 'unpaid wage tax', euroCents: 4_500_000 }] }),
    );
  });

  it('NLA escalates to repressive, naming the confirmed-infection finding', () =>
    step('escalateActivation', tokens.nla, { triggeredBy: { kind: 'FINDING', id: 'finding-health' } }));

  it('a warning and a fine are imposed on the employer', async () => {
    await step('imposeIntervention', tokens.gemeente, {
      interventionType: 'WARNING',
      description: 'Reduce occupancy of the shed to the permitted four persons within a week.',
      findingIds: ['finding-personal'],
    });
    await step('imposeIntervention', tokens.nla, {
      interventionId: 'fine-1',
      interventionType: 'FINE',
      description: 'Underpayment of the statutory minimum wage.',
      amountEuroCents: 1_200_000,
      legalBasis: 'art. 18b Wml',
      inspectionId: 'inspection-1',
      findingIds: ['finding-income', 'finding-criminal'],
    });
  });

  it('NLA refers the tax matter to the Belastingdienst', () =>
    step('makeReferral', tokens.nla, {
      toAgency: 'BD',
      reason: 'Wage tax appears not to have been paid.',
      findingIds: ['finding-tax'],
    }));

  it('the coordinator of VR17 decides on integrated deployment', () =>
    step('decideIntegratedDeployment', tokens.coordinator, {
      integrated: true,
      agencies: ['NLA', 'GM0599', 'UWV'],
      rationale: 'Housing, wages and benefits are entangled; the three act together.',
    }));

  it('NLA files the report, closes, and reopens with a reason', async () => {
    await step('fileReport', tokens.nla, {
      summary: 'Signal, joint inspection, six findings, escalation, warning, fine and referral.',
      outcome: 'Measures imposed; housing to be rechecked.',
    });
    await step('closeActivation', tokens.nla, { outcome: 'Measures imposed.' });
    await step('reopenActivation', tokens.nla, { reason: 'The recheck found the shed occupied again.' });
  });

  it('UWV, not the lead, leaves', () =>
    step('leaveActivation', tokens.uwv, { reason: 'No benefits questions remain.' }));

  it('walked every mutation, one event each', () => {
    expect(version).toBe(25);
    expect(eventIds.size).toBe(25);
  });

  it('stored what the inputs said, under the event ids it answered', async () => {
    const db = await openTestDataSource(1);
    const stream = activationStreamId(activationId);
    const [raw, read] = await Promise.all([
      db.query('SELECT data::text AS data FROM events WHERE stream_id = $1', [stream]),
      configuredEventStore(db, loadConfig()).readStream(stream),
    ]).finally(() => db.destroy());
    // At rest the person is sealed (issue 19); read through the store, the events say what was sent.
    expect((raw as { data: string }[]).map((row) => row.data).join()).not.toMatch(/111222333|Kowalski/);
    const rows = read.map(({ eventId, type, data }) => ({
      event_id: eventId,
      type,
      data: data as Record<string, unknown>,
    }));
    expect(rows.map((row) => row.event_id)).toEqual([...eventIds]);
    expect(rows.map((row) => row.type)).toEqual([
      'activation.opened',
      ...['agency.invited', 'agency.invited', 'agency.joined', 'agency.joined'],
      'signal.recorded',
      ...['inspection.scheduled', 'inspection.scheduled', 'inspection.completed', 'inspection.cancelled'],
      ...Array(6).fill('finding.recorded'),
      'activation.escalated',
      ...['intervention.imposed', 'intervention.imposed', 'referral.made'],
      'integrated-deployment.decided',
      ...['report.filed', 'activation.closed', 'activation.reopened', 'agency.left'],
    ]);
    const data = (type: string) => rows.filter((row) => row.type === type).map((row) => row.data);
    expect(data('signal.recorded')[0]).toMatchObject({
      signalId: 'signal-fnv',
      subjects: [worker, expect.anything()],
    });
    expect(data('inspection.scheduled')[1]).toMatchObject({ agencies: ['GM0599'] });
    expect(data('finding.recorded').map((finding) => finding.category)).toEqual([
      'HEALTH',
      'INCOME',
      'PERSONAL',
      'CRIMINAL',
      'BENEFITS',
      'TAX',
    ]);
    expect(data('finding.recorded')[1]).toMatchObject({
      amounts: [{ euroCents: 850 }, { euroCents: 12_500 }],
    });
    expect(data('activation.escalated')[0]).toEqual({
      kind: 'REPRESSIVE',
      triggeredBy: { kind: 'FINDING', id: 'finding-health' },
    });
    const [warning, fine] = data('intervention.imposed');
    // Left out, the addressee is the activation's employer and the id is chosen by the server.
    expect(warning).toMatchObject({
      addressee: opened.employer,
      interventionId: expect.stringMatching(UUID),
    });
    expect(fine).toMatchObject({
      interventionId: 'fine-1',
      amountEuroCents: 1_200_000,
      // The measure names the findings it rests on, and so is as sensitive as they are.
      findingCategories: ['CRIMINAL', 'INCOME'],
    });
    expect(data('report.filed')[0]).toMatchObject({ reportId: expect.stringMatching(UUID), filedBy: 'NLA' });
    // Free text its author did not classify: PERSONAL, as its event carries nothing beyond the case.
    expect(data('agency.left')[0]).toEqual({
      agency: 'UWV',
      reason: { text: 'No benefits questions remain.', categories: ['PERSONAL'] },
    });
  });
});
