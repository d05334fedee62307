import { DataSource } from 'typeorm';
import { tokenFor } from '../../support/test-tokens.js';
import {
  codeOf,
  query,
  run,
  seedActivations,
  seedAgreements,
  ReadsHarness,
  startReadsHarness,
} from './reads.fixture.js';
import { versionOf } from '../activations/activation-mutations.fixture.js';

const A = 'GM9101';
const B = 'GM9102';

const ACTIVATION = `query One($id: ID!) {
  activation(id: $id) {
    id kind trigger themes region municipality status leadAgency participants integratedDeployment outcome
    location { address postcode city } employer { name kvkNumber staffingAgency { name kvkNumber } }
    withheld version openedAt closedAt updatedAt
  }
}`;

const LIST = `query List($filter: ActivationsFilter, $first: Int, $after: String) {
  activations(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface ListData {
  activations: {
    edges: { cursor: string; node: { id: string } }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
}

describe('activation, activations and me: the list as one agency sees it', () => {
  let harness: ReadsHarness;
  let url: string;
  let db: DataSource;
  let inspectorA: string;
  let inspectorB: string;
  const id = (n: number) => `act-${runId}-${n}`;
  const runId = run();

  const employer = {
    name: 'Kas BV',
    kvkNumber: '12345678',
    staffingAgency: { name: 'Flex BV', kvkNumber: null },
  };
  const location = { address: 'Havenweg 12', postcode: '3011 AB', city: 'Rotterdam' };

  beforeAll(async () => {
    harness = await startReadsHarness([A, B]);
    ({ url, db } = harness);
    await seedActivations(db, [
      {
        agency: A,
        activationId: id(1),
        openedAt: '2020-05-28T09:00:00Z',
        themes: ['HOUSING', 'WORK'],
        participants: ['NLA', A],
        integrated: true,
        outcome: 'FINE',
        location,
        employer,
        streamVersion: 7,
      },
      {
        agency: A,
        activationId: id(2),
        openedAt: '2020-06-02T09:00:00Z',
        kind: 'REPRESSIVE',
        trigger: 'EXTERNAL_REPORT',
        themes: ['HEALTH'],
        status: 'IN_PROGRESS',
      },
      {
        agency: A,
        activationId: id(3),
        openedAt: '2020-06-03T09:00:00Z',
        trigger: 'EXTERNAL_REPORT',
        themes: ['TRANSPORT'],
        region: 'VR16',
        municipality: 'GM0546',
        status: 'CLOSED',
        closedAt: '2020-06-20T15:00:00Z',
      },
      {
        agency: A,
        activationId: id(4),
        openedAt: '2020-06-04T09:00:00Z',
        themes: ['WORK'],
        municipality: 'GM0606',
      },
      {
        agency: A,
        activationId: id(5),
        openedAt: '2020-06-04T09:00:00Z', // the same moment as 4: the id breaks the tie
        kind: 'REPRESSIVE',
        themes: ['WORK', 'HOUSING'],
        status: 'CLOSED',
      },
      // B sees activation 1 too, without EMPLOYER, and one of its own that A does not see.
      {
        agency: B,
        activationId: id(1),
        openedAt: '2020-05-28T09:00:00Z',
        themes: ['HOUSING', 'WORK'],
        location,
        withheld: ['EMPLOYER'],
      },
      { agency: B, activationId: id(6), openedAt: '2020-06-05T09:00:00Z' },
    ]);
    inspectorA = await tokenFor({ userId: 'insp-a', agency: A, role: 'INSPECTOR' });
    inspectorB = await tokenFor({ userId: 'insp-b', agency: B, role: 'INSPECTOR' });
  });

  afterAll(() => harness?.close());

  const list = async (variables: Record<string, unknown>, token = inspectorA) => {
    const response = await query<ListData>(url, token, LIST, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.activations;
  };
  const ids = async (filter: Record<string, unknown>) =>
    (await list({ filter })).edges.map((edge) => edge.node.id);

  describe('me', () => {
    it('answers the actor and only the agreements in force now', async () => {
      await seedAgreements(db, [
        {
          agreementId: `ag-${runId}-now`,
          agency: A,
          // INTERVENTION: the rows seeded above show outcomes, as the projector writes them only with it.
          categories: ['CASE', 'PERSONAL', 'INTERVENTION'],
          validFrom: '2020-01-01T00:00:00Z',
        },
        {
          agreementId: `ag-${runId}-vr17`,
          agency: A,
          categories: ['CASE', 'HEALTH'],
          validFrom: '2020-03-01T00:00:00Z',
          validUntil: '2999-01-01T00:00:00Z',
          regionScope: 'VR17',
        },
        {
          agreementId: `ag-${runId}-ended`,
          agency: A,
          categories: ['TAX'],
          validFrom: '2020-01-01T00:00:00Z',
          validUntil: '2021-01-01T00:00:00Z',
        },
        {
          agreementId: `ag-${runId}-later`,
          agency: A,
          categories: ['INCOME'],
          validFrom: '2999-01-01T00:00:00Z',
        },
        {
          agreementId: `ag-${runId}-revoked`,
          agency: A,
          categories: ['CRIMINAL'],
          validFrom: '2020-01-01T00:00:00Z',
          status: 'REVOKED',
        },
        {
          agreementId: `ag-${runId}-b`,
          agency: B,
          categories: ['CASE', 'INTERVENTION'],
          validFrom: '2020-01-01T00:00:00Z',
        },
      ]);
      const coordinator = await tokenFor({
        userId: 'coord-a',
        agency: A,
        role: 'COORDINATOR',
        region: 'VR17',
      });
      const response = await query(
        url,
        coordinator,
        `{ me { userId agency role region agreementsInForce { agreementId categories purpose legalBasis legalReference validFrom validUntil regionScope } } }`,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.me).toEqual({
        userId: 'coord-a',
        agency: A,
        role: 'COORDINATOR',
        region: 'VR17',
        agreementsInForce: [
          {
            agreementId: `ag-${runId}-now`,
            categories: ['CASE', 'PERSONAL', 'INTERVENTION'],
            purpose: 'Joint supervision of labour migrant housing',
            legalBasis: 'Convenant LOT-C',
            legalReference: 'Stcrt. 2020, 123',
            validFrom: '2020-01-01T00:00:00.000Z',
            validUntil: null,
            regionScope: null,
          },
          expect.objectContaining({
            agreementId: `ag-${runId}-vr17`,
            regionScope: 'VR17',
            validUntil: '2999-01-01T00:00:00.000Z',
          }),
        ],
      });
    });

    it('answers a policy admin too: it reads agreements, not cases', async () => {
      const admin = await tokenFor({ userId: 'pa-1', agency: A, role: 'POLICY_ADMIN' });
      const response = await query(url, admin, `{ me { role agreementsInForce { agreementId } } }`);
      expect(response.errors).toBeUndefined();
      expect(response.data?.me).toMatchObject({ role: 'POLICY_ADMIN' });
    });
  });

  describe('activation', () => {
    it('shows the row as the viewing agency sees it', async () => {
      const response = await query(url, inspectorA, ACTIVATION, { id: id(1) });
      expect(response.errors).toBeUndefined();
      expect(response.data?.activation).toEqual({
        id: id(1),
        kind: 'PREVENTIVE',
        trigger: 'OWN_OBSERVATION',
        themes: ['HOUSING', 'WORK'],
        region: 'VR17',
        municipality: 'GM0599',
        status: 'OPEN',
        leadAgency: 'NLA',
        participants: ['NLA', A],
        integratedDeployment: true,
        outcome: 'FINE',
        location,
        employer,
        withheld: [],
        version: versionOf(id(1), 7),
        openedAt: '2020-05-28T09:00:00.000Z',
        closedAt: null,
        updatedAt: '2020-05-28T09:00:00.000Z',
      });
    });

    it('shows another agency its own row: employer null and listed as withheld', async () => {
      const response = await query(url, inspectorB, ACTIVATION, { id: id(1) });
      expect(response.data?.activation).toMatchObject({
        id: id(1),
        employer: null,
        location,
        withheld: ['EMPLOYER'],
      });
    });

    it("answers NOT_FOUND for another agency's activation, exactly as for one that does not exist", async () => {
      const hidden = await query(url, inspectorA, ACTIVATION, { id: id(6) });
      const missing = await query(url, inspectorA, ACTIVATION, { id: id(99) });
      expect(hidden.data).toBeNull();
      expect(codeOf(hidden)).toBe('NOT_FOUND');
      expect(codeOf(missing)).toBe('NOT_FOUND');
      expect(hidden.errors?.[0].message.replace(id(6), '<id>')).toBe(
        missing.errors?.[0].message.replace(id(99), '<id>'),
      );
      expect(hidden.errors?.[0].message).toMatch(/invite/);
    });
  });

  describe('activations', () => {
    it('pages newest first in stable pages of the size asked for', async () => {
      const first = await list({ first: 2 });
      expect(first.edges.map((e) => e.node.id)).toEqual([id(5), id(4)]);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(first.pageInfo.endCursor).toBe(first.edges[1].cursor);

      // A newer activation arriving between pages does not move the next page.
      await seedActivations(db, [{ agency: A, activationId: id(7), openedAt: '2020-06-30T09:00:00Z' }]);
      try {
        const second = await list({ first: 2, after: first.pageInfo.endCursor });
        expect(second.edges.map((e) => e.node.id)).toEqual([id(3), id(2)]);
        expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
        const again = await list({ first: 2, after: first.pageInfo.endCursor });
        expect(again).toEqual(second);

        const third = await list({ first: 2, after: second.pageInfo.endCursor });
        expect(third.edges.map((e) => e.node.id)).toEqual([id(1)]);
        expect(third.pageInfo.hasNextPage).toBe(false);
      } finally {
        await db.query(`DELETE FROM rm_activations WHERE agency = $1 AND activation_id = $2`, [A, id(7)]);
      }
    });

    it('answers 20 by default and shows only the agency its own rows', async () => {
      expect((await list({})).edges.map((e) => e.node.id)).toEqual([5, 4, 3, 2, 1].map(id));
      expect((await list({}, inspectorB)).edges.map((e) => e.node.id)).toEqual([id(6), id(1)]);
    });

    it('refuses pages larger than 100, and smaller than 1, with a sentence', async () => {
      for (const first of [101, 0]) {
        const response = await query(url, inspectorA, LIST, { first });
        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0].message).toMatch(/first must be a whole number from 1 to 100/);
      }
    });

    it('refuses a cursor it did not give out for this list', async () => {
      const timelineCursor = Buffer.from(JSON.stringify(['timeline', 3])).toString('base64url');
      for (const after of ['not-a-cursor', timelineCursor]) {
        const response = await query(url, inspectorA, LIST, { after });
        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0].message).toMatch(/endCursor of the previous page/);
      }
    });

    it('filters on each field, and on several at once', async () => {
      expect(await ids({ region: 'VR16' })).toEqual([id(3)]);
      expect(await ids({ municipality: 'GM0599' })).toEqual([id(5), id(2), id(1)]);
      expect(await ids({ status: 'CLOSED' })).toEqual([id(5), id(3)]);
      expect(await ids({ kind: 'REPRESSIVE' })).toEqual([id(5), id(2)]);
      expect(await ids({ theme: 'WORK' })).toEqual([id(5), id(4), id(1)]);
      expect(await ids({ trigger: 'EXTERNAL_REPORT' })).toEqual([id(3), id(2)]);
      expect(await ids({ from: '2020-06-02T00:00:00+02:00', to: '2020-06-04T11:00:00+02:00' })).toEqual([
        id(3),
        id(2),
      ]);
      expect(await ids({ theme: 'WORK', status: 'OPEN' })).toEqual([id(4), id(1)]);
      expect(await ids({ region: 'VR01' })).toEqual([]);
    });

    it('refuses malformed filters with a sentence per field', async () => {
      const response = await query(url, inspectorA, LIST, {
        filter: { region: 'VR99', from: '2020-06-31', municipality: 'Rotterdam' },
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      const fields = (response.errors?.[0].extensions?.fields as { field: string }[]).map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['filter.region', 'filter.from', 'filter.municipality']));

      const backwards = await query(url, inspectorA, LIST, {
        filter: { from: '2020-07-01T00:00:00+02:00', to: '2020-06-01T00:00:00+02:00' },
      });
      expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
      expect(backwards.errors?.[0].message).toMatch(/to must be later than from/);
    });
  });

  describe('who may read cases', () => {
    const caseReads: [string, string, Record<string, unknown>][] = [
      ['activation', ACTIVATION, {}],
      ['activations', LIST, {}],
      ['timeline', `query { timeline(activationId: "x") { edges { cursor } } }`, {}],
      ['statistics', `query { statistics { total } }`, {}],
    ];

    it.each(['POLICY_ADMIN', 'PRIVACY_OFFICER'])(
      'refuses every case read to a %s with FORBIDDEN',
      async (role) => {
        const token = await tokenFor({ userId: `u-${role}`, agency: A, role });
        for (const [name, document] of caseReads) {
          const response = await query(url, token, document, { id: id(1) });
          expect({ name, code: codeOf(response) }).toEqual({ name, code: 'FORBIDDEN' });
          expect(response.errors?.[0].message).toMatch(
            role === 'POLICY_ADMIN' ? /reads no case data/ : /accessLog/,
          );
        }
      },
    );

    it('lets an agency system read', async () => {
      const system = await tokenFor({ userId: 'sys-a', agency: A, role: 'AGENCY_SYSTEM' });
      const response = await query(url, system, ACTIVATION, { id: id(1) });
      expect(response.errors).toBeUndefined();
    });
  });
});
