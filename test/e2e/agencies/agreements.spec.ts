import { INestApplication } from '@nestjs/common';
import { graphql } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { startApi } from '../../support/api-app.js';
import { startWorker } from '../../support/worker-app.js';
import { tokenFor } from '../../support/test-tokens.js';

const GRANT = `mutation($input: GrantAgreementInput!) { grantAgreement(input: $input) { agreementId streamVersion } }`;
const LIST = `query($status: String) { agreements(status: $status) { agreementId agency categories status grantedBy } }`;
const grantInput = (agency: string, overrides: Record<string, unknown> = {}) => ({
  agreementId: `agr-${agency.toLowerCase()}`,
  agency,
  categories: ['CASE', 'EMPLOYER'],
  purpose: 'Toezicht',
  legalBasis: { text: 'Wet SUWI art. 64', reference: 'Wet SUWI art. 64' },
  validFrom: '2026-01-01T00:00:00+01:00',
  ...overrides,
});

describe('agreements: recorded by policy admins, each agency sees its own', () => {
  const database = new IsolatedDatabase();
  let api: INestApplication;
  let worker: INestApplication;
  let url: string;
  let admin: string;
  let inspector: string;

  beforeAll(async () => {
    await database.create();
    worker = await startWorker(database.env);
    ({ app: api, url } = await startApi(database.env));
    admin = await tokenFor({ userId: 'beleid@nla', agency: 'NLA', role: 'POLICY_ADMIN' });
    inspector = await tokenFor({ userId: 'insp@uwv', agency: 'UWV', role: 'INSPECTOR' });
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await database.drop();
  });

  const eventually = async <T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const value = await probe();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('lets only a policy admin grant, amend and revoke', async () => {
    const refused = await graphql(url, GRANT, { input: grantInput('UWV') }, inspector);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });

    for (const agency of ['UWV', 'SVB']) {
      const granted = await graphql(url, GRANT, { input: grantInput(agency) }, admin);
      expect(granted.errors).toBeUndefined();
    }
    const amended = await graphql(
      url,
      `
        mutation ($input: AmendAgreementInput!) {
          amendAgreement(input: $input) {
            streamVersion
          }
        }
      `,
      {
        input: {
          agreementId: 'agr-uwv',
          categories: ['CASE', 'EMPLOYER', 'INCOME'],
          reason: 'Nieuwe grondslag',
        },
      },
      admin,
    );
    expect(amended.data).toEqual({ amendAgreement: { streamVersion: 2 } });
    const revoked = await graphql(
      url,
      `
        mutation ($input: RevokeAgreementInput!) {
          revokeAgreement(input: $input) {
            streamVersion
          }
        }
      `,
      { input: { agreementId: 'agr-svb', reason: 'Beëindigd' } },
      admin,
    );
    expect(revoked.data).toEqual({ revokeAgreement: { streamVersion: 2 } });
  });

  it("shows a policy admin every agency's agreements and an agency only its own", async () => {
    const all = await eventually(
      () =>
        graphql<{ agreements: { agreementId: string; status: string; categories: string[] }[] }>(
          url,
          LIST,
          {},
          admin,
        ),
      (r) => r.data?.agreements.length === 2 && r.data.agreements.some((a) => a.status === 'REVOKED'),
    );
    expect(all.data?.agreements).toEqual([
      {
        agreementId: 'agr-svb',
        agency: 'SVB',
        categories: ['CASE', 'EMPLOYER'],
        status: 'REVOKED',
        grantedBy: 'beleid@nla',
      },
      {
        agreementId: 'agr-uwv',
        agency: 'UWV',
        categories: ['CASE', 'EMPLOYER', 'INCOME'],
        status: 'GRANTED',
        grantedBy: 'beleid@nla',
      },
    ]);
    const own = await graphql<{ agreements: { agency: string }[] }>(url, LIST, {}, inspector);
    expect(own.data?.agreements.map((a) => a.agency)).toEqual(['UWV']);
    const granted = await graphql<{ agreements: unknown[] }>(url, LIST, { status: 'REVOKED' }, admin);
    expect(granted.data?.agreements).toHaveLength(1);
  });

  it('refuses malformed agreements with the field at fault, and writes nothing', async () => {
    const bad = await graphql(
      url,
      GRANT,
      { input: grantInput('UWV', { agreementId: 'agr-x', categories: ['EMPLOYER'] }) },
      admin,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.errors?.[0].message).toMatch(/CASE/);
    const again = await graphql(url, GRANT, { input: grantInput('UWV', { agreementId: 'agr-x' }) }, admin);
    expect(again.data).toEqual({ grantAgreement: { agreementId: 'agr-x', streamVersion: 1 } });
  });
});
