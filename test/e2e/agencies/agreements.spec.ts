import { INestApplication } from '@nestjs/common';
import {
  APPROVE_AGREEMENT,
  policyAdminToken,
  PROPOSE_AGREEMENT,
  REJECT_AGREEMENT,
} from '../../support/agreements.js';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { startApi } from '../../support/api-app.js';
import { startWorker } from '../../support/worker-app.js';
import { tokenFor } from '../../support/test-tokens.js';

/*
 * Agreements through the api as the people who make them: a policy admin of one party proposes, a
 * policy admin of the other approves or rejects, either revokes; no one else learns they exist.
 */

const ME = `query { me { agreementsInForce { agreementId categories activities } agreementWarnings { agreementId daysLeft message } } }`;
const AGREEMENT = `query ($id: ID!) {
  agreement(id: $id) {
    agreementId agency approverAgency status categories activities grantedBy approvedBy version
    pending { kind categories proposedBy proposerAgency reason }
    history { streamVersion version type by agency reason categories }
  }
}`;
const PENDING = `query { pendingAgreements { agreementId status pending { kind proposerAgency } } }`;
const LIST = `query ($status: AgreementStatus) { agreements(status: $status) { agreementId agency status } }`;
const AMEND = `mutation ($input: AmendAgreementInput!) { amendAgreement(input: $input) { version eventIds } }`;
const REVOKE = `mutation ($input: RevokeAgreementInput!) { revokeAgreement(input: $input) { version eventIds } }`;

const terms = (agreementId: string, overrides: Record<string, unknown> = {}) => ({
  agreementId,
  agency: 'UWV',
  approverAgency: 'NLA',
  categories: ['CASE', 'EMPLOYER', 'BENEFITS'],
  purpose: 'Rechtmatigheid uitkeringen arbeidsmigranten',
  legalBasis: { text: 'Gegevensuitwisseling voor handhaving', reference: 'Wet SUWI art. 64' },
  validFrom: '2026-01-01T00:00:00+01:00',
  reason: 'Convenant LAT 2026',
  ...overrides,
});

type Me = {
  me: {
    agreementsInForce: { agreementId: string }[];
    agreementWarnings: { agreementId: string; daysLeft: number; message: string }[];
  };
};

describe('agreements: four eyes, two organisations', () => {
  const database = new IsolatedDatabase();
  let api: INestApplication;
  let worker: INestApplication;
  let url: string;
  const admin: Record<string, string> = {};
  let uwvInspector: string;

  beforeAll(async () => {
    await database.create();
    worker = await startWorker(database.env);
    ({ app: api, url } = await startApi(database.env));
    for (const agency of ['NLA', 'UWV', 'BD']) admin[agency] = await policyAdminToken(agency);
    admin.UWV2 = await tokenFor({ userId: 'beleid2@uwv', agency: 'UWV', role: 'POLICY_ADMIN' });
    uwvInspector = await tokenFor({ userId: 'insp@uwv', agency: 'UWV', role: 'INSPECTOR' });
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await database.drop();
  });

  const within5s = async <T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const value = await probe();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`not within 5 s: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const inForceFor = async (token: string) =>
    (await graphql<Me>(url, ME, {}, token)).data!.me.agreementsInForce.map((a) => a.agreementId);
  const agreement = (id: string, token: string) =>
    graphql<{ agreement: Record<string, unknown> & { version: string; history: Record<string, unknown>[] } }>(
      url,
      AGREEMENT,
      { id },
      token,
    );

  it('keeps a proposal out of force until a policy admin of the other party approves it, within 5 s', async () => {
    const proposed = await graphql<{ proposeAgreement: { version: string } }>(
      url,
      PROPOSE_AGREEMENT,
      { input: terms('agr-uwv') },
      admin.UWV,
    );
    expect(proposed.errors).toBeUndefined();
    const pending = await agreement('agr-uwv', admin.UWV);
    expect(pending.data?.agreement).toMatchObject({
      status: 'PROPOSED',
      agency: 'UWV',
      approverAgency: 'NLA',
      activities: ['case-coordination'],
      pending: { kind: 'AGREEMENT', proposedBy: 'beleid@uwv', proposerAgency: 'UWV' },
      version: proposed.data!.proposeAgreement.version,
    });

    // The proposer's agency cannot approve it, whoever of it tries; the other party sees it waiting.
    for (const token of [admin.UWV, admin.UWV2]) {
      const self = await graphql(
        url,
        APPROVE_AGREEMENT,
        { input: { agreementId: 'agr-uwv', reason: 'Akkoord' } },
        token,
      );
      expect(self.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_PROPOSAL' });
      expect(self.errors?.[0].message).toMatch(/NLA/);
    }
    const waiting = await within5s(
      () => graphql<{ pendingAgreements: { agreementId: string }[] }>(url, PENDING, {}, admin.NLA),
      (r) => (r.data?.pendingAgreements.length ?? 0) > 0,
    );
    expect(waiting.data?.pendingAgreements).toEqual([
      { agreementId: 'agr-uwv', status: 'PROPOSED', pending: { kind: 'AGREEMENT', proposerAgency: 'UWV' } },
    ]);
    expect(
      (await graphql<{ pendingAgreements: unknown[] }>(url, PENDING, {}, admin.UWV)).data?.pendingAgreements,
    ).toEqual([]);
    expect(await inForceFor(uwvInspector)).toEqual([]);

    const missingReason = await graphql(
      url,
      APPROVE_AGREEMENT,
      { input: { agreementId: 'agr-uwv', reason: ' ' } },
      admin.NLA,
    );
    expect(missingReason.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'reason' })],
    });
    const approved = await graphql(
      url,
      APPROVE_AGREEMENT,
      { input: { agreementId: 'agr-uwv', reason: 'Convenant getekend' } },
      admin.NLA,
    );
    expect(approved.errors).toBeUndefined();
    await within5s(
      () => inForceFor(uwvInspector),
      (ids) => ids.includes('agr-uwv'),
    );
  });

  it('answers the full history and a version that works as expectedVersion', async () => {
    const { data } = await agreement('agr-uwv', admin.NLA);
    expect(data?.agreement).toMatchObject({ status: 'GRANTED', approvedBy: 'beleid@nla', pending: null });
    expect(data?.agreement.history).toEqual([
      expect.objectContaining({
        streamVersion: 1,
        type: 'agreement.proposed',
        by: 'beleid@uwv',
        agency: 'UWV',
        reason: 'Convenant LAT 2026',
      }),
      expect.objectContaining({
        streamVersion: 2,
        type: 'agreement.approved',
        by: 'beleid@nla',
        agency: 'NLA',
        reason: 'Convenant getekend',
      }),
    ]);
    const [first, second] = data!.agreement.history;
    expect(second.version).toBe(data!.agreement.version);
    expect(first.version).not.toBe(second.version);

    const stale = await graphql(
      url,
      AMEND,
      {
        input: {
          agreementId: 'agr-uwv',
          categories: ['CASE', 'EMPLOYER', 'BENEFITS', 'INCOME'],
          reason: 'Ook loon',
          expectedVersion: first.version,
        },
      },
      admin.UWV,
    );
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: second.version });
    const amended = await graphql<{ amendAgreement: { version: string } }>(
      url,
      AMEND,
      {
        input: {
          agreementId: 'agr-uwv',
          categories: ['CASE', 'EMPLOYER', 'BENEFITS', 'INCOME'],
          reason: 'Ook loon',
          expectedVersion: second.version,
        },
      },
      admin.UWV,
    );
    expect(amended.errors).toBeUndefined();
    const withChange = await agreement('agr-uwv', admin.UWV);
    expect(withChange.data?.agreement).toMatchObject({
      status: 'GRANTED',
      categories: ['BENEFITS', 'CASE', 'EMPLOYER'],
      pending: {
        kind: 'AMENDMENT',
        categories: ['BENEFITS', 'CASE', 'EMPLOYER', 'INCOME'],
        reason: 'Ook loon',
      },
      version: amended.data!.amendAgreement.version,
    });
  });

  it('rejects: a rejected change leaves the terms in force, a rejected proposal never takes effect', async () => {
    const rejected = await graphql(
      url,
      REJECT_AGREEMENT,
      { input: { agreementId: 'agr-uwv', reason: 'Geen grondslag voor loon' } },
      admin.NLA,
    );
    expect(rejected.errors).toBeUndefined();
    expect((await agreement('agr-uwv', admin.UWV)).data?.agreement).toMatchObject({
      status: 'GRANTED',
      categories: ['BENEFITS', 'CASE', 'EMPLOYER'],
      pending: null,
    });

    await graphql(
      url,
      PROPOSE_AGREEMENT,
      { input: terms('agr-uwv-2', { categories: ['CASE', 'TAX'] }) },
      admin.UWV,
    );
    const no = await graphql(
      url,
      REJECT_AGREEMENT,
      { input: { agreementId: 'agr-uwv-2', reason: 'Geen grondslag' } },
      admin.NLA,
    );
    expect(no.errors).toBeUndefined();
    expect((await agreement('agr-uwv-2', admin.UWV)).data?.agreement).toMatchObject({ status: 'REJECTED' });
    const late = await graphql(
      url,
      APPROVE_AGREEMENT,
      { input: { agreementId: 'agr-uwv-2', reason: 'Toch wel' } },
      admin.NLA,
    );
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'DOMAIN_RULE', reason: 'NOTHING_PENDING' });
    expect(await inForceFor(uwvInspector)).toEqual(['agr-uwv']);
  });

  it('refuses an agency that is not a party exactly as a missing agreement, and changes nothing', async () => {
    const before = await agreement('agr-uwv', admin.NLA);
    const probes: [string, Record<string, unknown>][] = [
      [APPROVE_AGREEMENT, { reason: 'Akkoord' }],
      [REJECT_AGREEMENT, { reason: 'Nee' }],
      [REVOKE, { reason: 'Weg ermee' }],
      [AMEND, { categories: ['CASE'], reason: 'Minder' }],
    ];
    const strip = (response: GraphqlResponse, id: string) => JSON.stringify(response).replaceAll(id, 'ID');
    for (const [document, input] of probes) {
      const hidden = await graphql(url, document, { input: { agreementId: 'agr-uwv', ...input } }, admin.BD);
      const absent = await graphql(url, document, { input: { agreementId: 'agr-zzz', ...input } }, admin.BD);
      expect(hidden.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
      expect(strip(hidden, 'agr-uwv')).toBe(strip(absent, 'agr-zzz'));
    }
    const read = await agreement('agr-uwv', admin.BD);
    expect(strip(read, 'agr-uwv')).toBe(strip(await agreement('agr-zzz', admin.BD), 'agr-zzz'));
    expect(read.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    const listed = await graphql<{ agreements: { agreementId: string }[] }>(url, LIST, {}, admin.BD);
    expect(listed.data?.agreements.map((a) => a.agreementId)).not.toContain('agr-uwv');
    const proposeForOthers = await graphql(url, PROPOSE_AGREEMENT, { input: terms('agr-bd-x') }, admin.BD);
    expect(proposeForOthers.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_A_PARTY',
    });
    expect((await agreement('agr-uwv', admin.NLA)).data).toEqual(before.data);
  });

  it('warns a policy admin of agreements ending within 30 days', async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000 + 3_600_000).toISOString();
    await graphql(url, PROPOSE_AGREEMENT, { input: terms('agr-uwv-soon', { validUntil: soon }) }, admin.NLA);
    await graphql(
      url,
      APPROVE_AGREEMENT,
      { input: { agreementId: 'agr-uwv-soon', reason: 'Akkoord' } },
      admin.UWV,
    );
    const warned = await within5s(
      () => graphql<Me>(url, ME, {}, admin.NLA),
      (r) => r.data?.me.agreementWarnings.some((w) => w.agreementId === 'agr-uwv-soon') ?? false,
    );
    expect(warned.data?.me.agreementWarnings).toEqual([
      { agreementId: 'agr-uwv-soon', daysLeft: 10, message: expect.stringMatching(/in 10 days; propose/) },
    ]);
    expect((await graphql<Me>(url, ME, {}, uwvInspector)).data?.me.agreementWarnings).toEqual([]);
  });

  it('revokes at once, by either party, and lists statuses as an enum', async () => {
    const revoked = await graphql(
      url,
      REVOKE,
      { input: { agreementId: 'agr-uwv', reason: 'Convenant beëindigd' } },
      admin.NLA,
    );
    expect(revoked.errors).toBeUndefined();
    const byRecipient = await graphql(
      url,
      REVOKE,
      { input: { agreementId: 'agr-uwv-soon', reason: 'Niet meer nodig' } },
      admin.UWV,
    );
    expect(byRecipient.errors).toBeUndefined();
    await within5s(
      () => inForceFor(uwvInspector),
      (ids) => ids.length === 0,
    );
    const list = await within5s(
      () =>
        graphql<{ agreements: { agreementId: string; status: string }[] }>(
          url,
          LIST,
          { status: 'REVOKED' },
          admin.NLA,
        ),
      (r) => r.data?.agreements.length === 2,
    );
    expect(list.data?.agreements.map((a) => a.agreementId)).toEqual(['agr-uwv', 'agr-uwv-soon']);
    const bad = await graphql(url, LIST, { status: 'GONE' }, admin.NLA);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only a policy admin act on agreements', async () => {
    const refused = await graphql(url, PROPOSE_AGREEMENT, { input: terms('agr-x') }, uwvInspector);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    const bad = await graphql(
      url,
      PROPOSE_AGREEMENT,
      { input: terms('agr-y', { categories: ['EMPLOYER'] }) },
      admin.UWV,
    );
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.errors?.[0].message).toMatch(/CASE/);
  });
});
