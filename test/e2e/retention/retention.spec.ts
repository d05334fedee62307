import { INestApplication } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import type { ArchiveDecision } from '#domain';
import { catalogueUpcasting, EventStore } from '#events';
import { ArchiveRegister } from '#read-models';
import { ActivationShredder, RetentionJob } from '../../../apps/worker/src/retention/index.js';
import { loadDemo, signedWith } from '../../../deploy/demo/demo-loader.js';
import { policyAdminToken } from '../../support/agreements.js';
import { startApi } from '../../support/api-app.js';
import { graphql } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { testEnvironment } from '../../support/test-env.js';
import { testTokenIssuer, tokenFor } from '../../support/test-tokens.js';
import { startWorker } from '../../support/worker-app.js';
import { send } from '../activations/activation-mutations.fixture.js';
import { eventually } from '../feeds/feeds.fixture.js';

/*
 * Retention and archiving through the api: the register names the selection-list category, every
 * activation shows the archive decision it got when it closed (null while open, cleared by reopening),
 * and once the retention job ran the destruction report lists what was destroyed when, to privacy officers
 * and policy admins of the agencies entitled to it only, with the statistics unchanged.
 */

const PROPOSE = `mutation ($input: ProposeProcessingActivityInput!) { proposeProcessingActivity(input: $input) { version } }`;
const APPROVE = `mutation ($input: ApproveProcessingActivityInput!) { approveProcessingActivity(input: $input) { version } }`;
const REGISTER = `query { processingActivity(id: "case-coordination") { registerVersion selectionListCategory { id nomination term } } }`;
const LIST = `{ activations(first: 100) { edges { node { id caseNumber region status closedAt participants
  archiveDecision { category nomination actionDate } } } } }`;
const REPORT = `query ($first: Int, $after: String) { destroyedActivations(first: $first, after: $after) {
  edges { node { activationId caseNumber region category actionDate executedAt } } pageInfo { hasNextPage endCursor } } }`;
const EXPORT = `{ destroyedActivationsExport { fileName base64 } }`;
const STATISTICS = `{ statistics { total figures { measures { key count } daysToClose { closed median p90 }
  byParticipatingAgency { key count } } } }`;

interface Listed {
  id: string;
  caseNumber: string;
  region: string;
  status: string;
  closedAt: string | null;
  participants: string[];
  archiveDecision: { category: string; nomination: string; actionDate: string | null } | null;
}

const dutchDay = (at: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(at));
const fiveYearsAfter = (day: string) => `${Number(day.slice(0, 4)) + 5}${day.slice(4)}`;

class RecordingShredder implements ActivationShredder {
  readonly calls: string[] = [];
  async shredActivation(activationId: string, _decision: ArchiveDecision): Promise<void> {
    this.calls.push(activationId);
  }
}

describe('retention and archiving through the api', () => {
  const database = new IsolatedDatabase();
  let worker: INestApplication;
  let api: { app: INestApplication; url: string };
  let db: DataSource;
  let nlaInspector: string;
  let vr17Coordinator: string;

  const listAs = async (token: string): Promise<Listed[]> => {
    const { data, errors } = await graphql<{ activations: { edges: { node: Listed }[] } }>(
      api.url,
      LIST,
      {},
      token,
    );
    expect(errors).toBeUndefined();
    return data!.activations.edges.map((edge) => edge.node);
  };

  beforeAll(async () => {
    db = await database.create();
    worker = await startWorker(database.env);
    api = await startApi(database.env);
    [nlaInspector, vr17Coordinator] = await Promise.all([
      tokenFor({ userId: 'insp-nla', agency: 'NLA', role: 'INSPECTOR' }),
      tokenFor({ userId: 'coord-vr17', agency: 'VR17', role: 'COORDINATOR', region: 'VR17' }),
    ]);
    // The register first: the category in force when the demo's activations close decides them.
    const [nla, vr17] = await Promise.all(['NLA', 'VR17'].map(policyAdminToken));
    const proposed = await graphql(
      api.url,
      PROPOSE,
      {
        input: {
          activityId: 'case-coordination',
          name: 'Casusregie arbeidsmigranten',
          purpose: 'Samen optreden tegen misstanden rond wonen, werk en vervoer van arbeidsmigranten.',
          legalBasis: { text: 'Samenwerkingsverband', reference: 'Wgs art. 2' },
          controllers: ['NLA', 'VR17'],
          retention: 'P5Y',
          selectionListCategory: { id: '1.1.3', nomination: 'DESTROY' },
        },
      },
      nla,
    );
    expect(proposed.errors).toBeUndefined();
    const approved = await graphql(
      api.url,
      APPROVE,
      { input: { activityId: 'case-coordination', reason: 'Getoetst door de FG' } },
      vr17,
    );
    expect(approved.errors).toBeUndefined();
    const env = testEnvironment(database.env);
    const issuer = await testTokenIssuer();
    await loadDemo(api.url, signedWith(issuer, { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE }));
    await eventually(async () => (await listAs(vr17Coordinator)).some((a) => a.status === 'CLOSED'), 30_000);
  }, 180_000);
  afterAll(async () => {
    await api?.app.close();
    await worker?.close();
    await database.drop();
  });

  it('registers the selection-list category, a DESTROY without a term taking the retention', async () => {
    const { data, errors } = await graphql(api.url, REGISTER, {}, nlaInspector);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      processingActivity: {
        registerVersion: 1,
        selectionListCategory: { id: '1.1.3', nomination: 'DESTROY', term: 'P5Y' },
      },
    });
  });

  it('shows each closed activation its archive decision from the day it closed, none while open', async () => {
    const listed = await listAs(vr17Coordinator);
    const closed = listed.filter((a) => a.status === 'CLOSED');
    expect(closed.length).toBeGreaterThan(0);
    for (const activation of listed) {
      expect(activation.archiveDecision).toEqual(
        activation.status === 'CLOSED'
          ? {
              category: '1.1.3',
              nomination: 'DESTROY',
              actionDate: fiveYearsAfter(dutchDay(activation.closedAt!)),
            }
          : null,
      );
    }
  });

  it('clears the decision when an activation is reopened', async () => {
    const [target] = (await listAs(vr17Coordinator)).filter(
      (a) => a.status === 'CLOSED' && a.region === 'VR17',
    );
    expect(target).toBeDefined();
    const reopened = await send(
      api.url,
      'reopenActivation',
      { activationId: target.id, reason: 'Nieuwe melding over hetzelfde pand.' },
      vr17Coordinator,
    );
    expect(reopened.errors).toBeUndefined();
    await eventually(
      async () => (await listAs(vr17Coordinator)).find((a) => a.id === target.id)?.status !== 'CLOSED',
      30_000,
    );
    expect((await listAs(vr17Coordinator)).find((a) => a.id === target.id)?.archiveDecision).toBeNull();
  });

  it('lists what the retention job destroyed to privacy officers and policy admins of entitled agencies only, with the statistics unchanged', async () => {
    const statisticsBefore = await graphql(api.url, STATISTICS, {}, nlaInspector);
    expect(statisticsBefore.errors).toBeUndefined();
    const listed = await listAs(vr17Coordinator);
    const closed = listed.filter((a) => a.status === 'CLOSED');

    const shredder = new RecordingShredder();
    const executedAt = new Date(`${fiveYearsAfter(dutchDay(new Date().toISOString()))}T12:00:00Z`);
    executedAt.setUTCDate(executedAt.getUTCDate() + 2);
    const job = new RetentionJob(
      db,
      new ArchiveRegister(new EventStore(db, catalogueUpcasting)),
      shredder,
      { now: () => executedAt },
      { batchSize: 2, logger: { log: () => undefined, error: () => undefined } },
    );
    const summary = await job.run();
    expect(shredder.calls.sort()).toEqual(closed.map((a) => a.id).sort());
    expect(summary.destroyed).toBe(closed.length);

    const reportAs = async (token: string) => {
      const rows: Record<string, unknown>[] = [];
      let after: string | undefined;
      for (;;) {
        const { data, errors } = await graphql<{
          destroyedActivations: {
            edges: { node: Record<string, unknown> }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        }>(api.url, REPORT, { first: 1, after }, token);
        expect(errors).toBeUndefined();
        rows.push(...data!.destroyedActivations.edges.map((edge) => edge.node));
        if (!data!.destroyedActivations.pageInfo.hasNextPage) return rows;
        after = data!.destroyedActivations.pageInfo.endCursor;
      }
    };
    const vr17Officer = await tokenFor({ userId: 'fg@vr17', agency: 'VR17', role: 'PRIVACY_OFFICER' });
    const vr17Rows = await reportAs(vr17Officer);
    const vr17Closed = closed.filter((a) => a.region === 'VR17');
    expect(vr17Rows.map((r) => r.activationId).sort()).toEqual(vr17Closed.map((a) => a.id).sort());
    for (const row of vr17Rows) {
      const activation = closed.find((a) => a.id === row.activationId)!;
      expect(row).toEqual({
        activationId: activation.id,
        caseNumber: activation.caseNumber,
        region: activation.region,
        category: '1.1.3',
        actionDate: fiveYearsAfter(dutchDay(activation.closedAt!)),
        executedAt: executedAt.toISOString(),
      });
    }
    // The policy admin of the same agency reads the same report; an agency in none of them reads nothing.
    expect(await reportAs(await policyAdminToken('VR17'))).toEqual(vr17Rows);
    const vr09Officer = await tokenFor({ userId: 'fg@vr09', agency: 'VR09', role: 'PRIVACY_OFFICER' });
    const vr09Rows = await reportAs(vr09Officer);
    const entitled: { activation_id: string }[] = await db.query(
      `SELECT activation_id FROM retention_actions WHERE 'VR09' = ANY (agencies) ORDER BY activation_id`,
    );
    expect(vr09Rows.map((r) => r.activationId).sort()).toEqual(entitled.map((r) => r.activation_id));
    expect(vr09Rows.some((r) => r.region === 'VR17')).toBe(false);
    // Those who work cases do not read the report.
    const refused = await graphql(api.url, REPORT, { first: 5 }, nlaInspector);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_MAY_NOT_READ' });

    const exported = await graphql<{ destroyedActivationsExport: { fileName: string; base64: string } }>(
      api.url,
      EXPORT,
      {},
      vr17Officer,
    );
    expect(exported.errors).toBeUndefined();
    const csv: Record<string, string>[] = parse(
      Buffer.from(exported.data!.destroyedActivationsExport.base64, 'base64').toString('utf8'),
      { columns: true, bom: true },
    );
    expect(csv.map((r) => r.zaaknummer).sort()).toEqual(vr17Closed.map((a) => a.caseNumber).sort());

    // Nothing of the read models was touched: the figures are as they were.
    expect(await graphql(api.url, STATISTICS, {}, nlaInspector)).toEqual(statisticsBefore);
  });
});
