import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { APPROVE_AGREEMENT, policyAdminToken, PROPOSE_AGREEMENT } from '../../support/agreements.js';
import { graphql } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { startApi } from '../../support/api-app.js';
import { tokenFor } from '../../support/test-tokens.js';

/*
 * agreementPreview: what the recipient of an agreement would see of keten's fictitious sample activation
 * under its categories, for a policy admin of a party only; no one else learns the agreement exists.
 */

const PREVIEW = `query ($id: ID!) {
  agreementPreview(id: $id) {
    agreementId agency proposal categories withheld
    entries { eventId type actingAgency payload withheld }
  }
}`;

type Preview = {
  agreementPreview: {
    agreementId: string;
    agency: string;
    proposal: boolean;
    categories: string[];
    withheld: string[];
    entries: { eventId: string; type: string; payload: Record<string, unknown>; withheld: string[] }[];
  };
};

const terms = (agreementId: string, categories: string[]) => ({
  agreementId,
  agency: 'UWV',
  approverAgency: 'NLA',
  categories,
  purpose: 'Rechtmatigheid uitkeringen arbeidsmigranten',
  legalBasis: { text: 'Gegevensuitwisseling voor handhaving', reference: 'Wet SUWI art. 64' },
  validFrom: '2026-01-01T00:00:00+01:00',
  reason: 'Convenant LAT 2026',
});

describe('the preview of an agreement', () => {
  const database = new IsolatedDatabase();
  let api: INestApplication;
  let url: string;
  const admin: Record<string, string> = {};
  const agreementId = `agr-${randomUUID()}`;

  beforeAll(async () => {
    await database.create();
    ({ app: api, url } = await startApi(database.env));
    for (const agency of ['NLA', 'UWV', 'BD']) admin[agency] = await policyAdminToken(agency);
    const proposed = await graphql(
      url,
      PROPOSE_AGREEMENT,
      { input: terms(agreementId, ['CASE', 'EMPLOYER', 'PERSONAL', 'INCOME']) },
      admin.UWV,
    );
    expect(proposed.errors).toBeUndefined();
  });
  afterAll(async () => {
    await api?.close();
    await database.drop();
  });

  const preview = (id: string, token: string) => graphql<Preview>(url, PREVIEW, { id }, token);

  it("shows both parties' policy admins the proposal's view of the sample, withheld categories named", async () => {
    for (const token of [admin.UWV, admin.NLA]) {
      const { data, errors } = await preview(agreementId, token);
      expect(errors).toBeUndefined();
      const answer = data!.agreementPreview;
      expect(answer).toMatchObject({
        agreementId,
        agency: 'UWV',
        proposal: true,
        categories: ['CASE', 'EMPLOYER', 'INCOME', 'PERSONAL'],
        withheld: ['LOCATION', 'HEALTH', 'INTERVENTION', 'REPORT'],
      });
      expect(answer.entries.map((entry) => entry.type)).toEqual([
        'activation.opened',
        'signal.recorded',
        'finding.recorded',
      ]);
      expect(answer.entries[0]).toMatchObject({ withheld: ['LOCATION'], payload: { location: null } });
      expect(JSON.stringify(answer.entries)).not.toContain('Voorbeeldstraat');
      expect(JSON.stringify(answer.entries)).toContain('Voorbeeld Bouw B.V.');
    }
  });

  it('previews the terms in force once the other party approved them', async () => {
    const approved = await graphql(
      url,
      APPROVE_AGREEMENT,
      { input: { agreementId, reason: 'Akkoord' } },
      admin.NLA,
    );
    expect(approved.errors).toBeUndefined();
    const inForce = (await preview(agreementId, admin.UWV)).data!.agreementPreview;
    expect(inForce).toMatchObject({
      proposal: false,
      categories: ['CASE', 'EMPLOYER', 'INCOME', 'PERSONAL'],
    });
  });

  it('refuses every other role with FORBIDDEN, before anything is read', async () => {
    for (const role of ['INSPECTOR', 'COORDINATOR', 'AGENCY_SYSTEM', 'PRIVACY_OFFICER']) {
      const token = await tokenFor({ userId: `someone@uwv-${role}`, agency: 'UWV', role });
      const { data, errors } = await preview(agreementId, token);
      expect({ role, data, code: errors?.[0]?.extensions?.code }).toEqual({
        role,
        data: null,
        code: 'FORBIDDEN',
      });
    }
  });

  it('answers a policy admin of an agency that is not a party exactly what a missing id answers', async () => {
    const foreign = await preview(agreementId, admin.BD);
    const missing = await preview(`agr-${randomUUID()}`, admin.BD);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const shape = (answer: typeof foreign) =>
      JSON.stringify(answer)
        .replaceAll(agreementId, 'ID')
        .replace(/agr-[0-9a-f-]{36}/g, 'ID');
    expect(shape(foreign)).toBe(shape(missing));
  });
});
