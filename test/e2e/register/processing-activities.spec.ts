import { INestApplication } from '@nestjs/common';
import { policyAdminToken } from '../../support/agreements.js';
import { graphql } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { startApi } from '../../support/api-app.js';
import { tokenFor } from '../../support/test-tokens.js';

/* The register of processing activities through the api: four eyes between two controllers, versions, URIs. */

const PROPOSE = `mutation ($input: ProposeProcessingActivityInput!) { proposeProcessingActivity(input: $input) { activityId version } }`;
const CHANGE = `mutation ($input: ChangeProcessingActivityInput!) { changeProcessingActivity(input: $input) { version } }`;
const APPROVE = `mutation ($input: ApproveProcessingActivityInput!) { approveProcessingActivity(input: $input) { version } }`;
const READ = `query ($id: ID!) { processingActivity(id: $id) { status registerVersion uri controllers retention pending version history { type by agency reason } } }`;

const entry = {
  activityId: 'labour-supervision',
  name: 'Toezicht arbeidsomstandigheden',
  purpose: 'Toezicht op eerlijk en veilig werk voor arbeidsmigranten.',
  legalBasis: { text: 'Toezicht en handhaving', reference: 'Arbeidsomstandighedenwet art. 24' },
  controllers: ['NLA', 'VR17'],
  retention: 'P5Y',
};

describe('register of processing activities: kept by two controllers', () => {
  const database = new IsolatedDatabase();
  let api: INestApplication;
  let url: string;
  let nla: string;
  let vr17: string;
  let bd: string;

  beforeAll(async () => {
    await database.create();
    ({ app: api, url } = await startApi(database.env));
    [nla, vr17, bd] = await Promise.all(['NLA', 'VR17', 'BD'].map(policyAdminToken));
  });
  afterAll(async () => {
    await api?.close();
    await database.drop();
  });

  it('registers an entry only once another controller approves it, and versions each approved change', async () => {
    expect((await graphql(url, PROPOSE, { input: entry }, nla)).errors).toBeUndefined();
    const proposed = await graphql<{ processingActivity: Record<string, unknown> }>(
      url,
      READ,
      { id: entry.activityId },
      bd,
    );
    expect(proposed.data?.processingActivity).toMatchObject({
      status: 'PROPOSED',
      registerVersion: 0,
      uri: null,
      pending: true,
    });

    const self = await graphql(
      url,
      APPROVE,
      { input: { activityId: entry.activityId, reason: 'Akkoord' } },
      nla,
    );
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_PROPOSAL' });
    const outsider = await graphql(
      url,
      APPROVE,
      { input: { activityId: entry.activityId, reason: 'Akkoord' } },
      bd,
    );
    expect(outsider.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_CONTROLLER' });
    expect(
      (await graphql(url, APPROVE, { input: { activityId: entry.activityId, reason: 'Getoetst' } }, vr17))
        .errors,
    ).toBeUndefined();

    const v1 = await graphql<{ processingActivity: { version: string } }>(
      url,
      READ,
      { id: entry.activityId },
      nla,
    );
    expect(v1.data?.processingActivity).toMatchObject({
      status: 'REGISTERED',
      registerVersion: 1,
      uri: 'urn:keten:processing-activity:labour-supervision:1',
      controllers: ['NLA', 'VR17'],
    });

    const changed = await graphql(
      url,
      CHANGE,
      {
        input: {
          ...entry,
          retention: 'P7Y',
          reason: 'Archiefwet',
          expectedVersion: v1.data!.processingActivity.version,
        },
      },
      vr17,
    );
    expect(changed.errors).toBeUndefined();
    await graphql(url, APPROVE, { input: { activityId: entry.activityId, reason: 'Akkoord' } }, nla);
    const v2 = await graphql<{ processingActivity: { history: unknown[] } }>(
      url,
      READ,
      { id: entry.activityId },
      nla,
    );
    expect(v2.data?.processingActivity).toMatchObject({
      registerVersion: 2,
      retention: 'P7Y',
      uri: 'urn:keten:processing-activity:labour-supervision:2',
      pending: false,
    });
    expect(v2.data?.processingActivity.history).toEqual([
      { type: 'processing-activity.proposed', by: 'beleid@nla', agency: 'NLA', reason: null },
      { type: 'processing-activity.approved', by: 'beleid@vr17', agency: 'VR17', reason: 'Getoetst' },
      {
        type: 'processing-activity.change-proposed',
        by: 'beleid@vr17',
        agency: 'VR17',
        reason: 'Archiefwet',
      },
      { type: 'processing-activity.approved', by: 'beleid@nla', agency: 'NLA', reason: 'Akkoord' },
    ]);
  });

  it('lets only policy admins keep the register, and refuses malformed entries', async () => {
    const inspector = await tokenFor({ userId: 'insp@nla', agency: 'NLA', role: 'INSPECTOR' });
    const refused = await graphql(url, PROPOSE, { input: { ...entry, activityId: 'x-1' } }, inspector);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    const bad = await graphql(
      url,
      PROPOSE,
      { input: { ...entry, activityId: 'x-2', retention: 'vijf jaar' } },
      nla,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'retention' });
    const missing = await graphql(url, READ, { id: 'nothing-here' }, nla);
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});
