import { INestApplication } from '@nestjs/common';
import { loadConfig } from '#platform';
import { SubjectPseudonym } from '#events';
import { DEMO_GRANTS } from '../feeds/feeds.fixture.js';
import { agreeInForce } from '../../support/agreements.js';
import { graphql } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { startApi } from '../../support/api-app.js';
import { startWorker } from '../../support/worker-app.js';
import { tokenFor } from '../../support/test-tokens.js';
import { ActivationMutation, send } from '../activations/activation-mutations.fixture.js';

/*
 * Search through the real api and worker, per role, on the demo agreements: NLA sees all but HEALTH; UWV
 * and SVB have PERSONAL but no LOCATION; BD has EMPLOYER but neither LOCATION nor PERSONAL; the VR17
 * coordinator has LOCATION and EMPLOYER but no PERSONAL.
 */
const KAS = 'zoek-kas';
const BOUW = 'zoek-bouw';
const PAGED = ['zoek-p1', 'zoek-p2', 'zoek-p3'];
const AGENCIES = ['NLA', 'UWV', 'BD', 'SVB', 'VR17'];
const BSN = '628194821';
const ABSENT_BSN = '111222333';
const HEALTH_BSN = '123456782';
const PSEUDONYM_KEY = 'search-test-pseudonym-key-0123456789abcdef';

interface Hit {
  activation: { id: string; caseNumber: string | null; title: string | null };
  persons: { subjectId: string | null; name: string | null; bsn: string | null }[];
}
interface SearchPage {
  edges: { cursor: string; node: Hit }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const SEARCH = `query Search($query: String!, $first: Int, $after: String) {
  searchActivations(query: $query, first: $first, after: $after) {
    edges { cursor node { activation { id caseNumber title } persons { subjectId name bsn } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** Polls until `probe` holds (the projector runs beside the api), then answers its last value. */
async function eventually<T>(read: () => Promise<T>, probe: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (probe(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('searchActivations: within what the agency may see, from its own read model', () => {
  const database = new IsolatedDatabase();
  let api: INestApplication;
  let worker: INestApplication;
  let url: string;
  const tokens: Record<string, string> = {};
  let kasNumber: string;
  const pseudonym = new SubjectPseudonym(PSEUDONYM_KEY);

  const ok = async (agency: string, name: ActivationMutation, input: Record<string, unknown>) => {
    const { errors } = await send(url, name, input, tokens[agency]);
    expect({ agency, name, errors }).toEqual({ agency, name, errors: undefined });
  };

  const search = async (agency: string, query: string, first?: number, after?: string) => {
    const response = await graphql<{ searchActivations: SearchPage }>(
      url,
      SEARCH,
      { query, first, after },
      tokens[agency],
    );
    return response;
  };
  const found = async (agency: string, query: string): Promise<string[]> => {
    const { data, errors } = await search(agency, query, 100);
    expect(errors).toBeUndefined();
    return data!.searchActivations.edges.map((edge) => edge.node.activation.id);
  };
  const searchLog = (agency: string) =>
    database.dataSource.query(
      `SELECT activation_id, categories, subject_ref, subject_type FROM access_log
       WHERE operation = 'searchActivations' AND agency = $1 ORDER BY id`,
      [agency],
    ) as Promise<
      { activation_id: string; categories: string[]; subject_ref: string; subject_type: string }[]
    >;

  beforeAll(async () => {
    await database.create();
    const env = { ...database.env, ACCESS_LOG_PSEUDONYM_KEY: PSEUDONYM_KEY };
    expect(loadConfig(env).accessLogPseudonymKey).toBe(PSEUDONYM_KEY);
    worker = await startWorker(env);
    ({ app: api, url } = await startApi(env));
    for (const agency of AGENCIES) {
      tokens[agency] = await tokenFor(
        agency === 'VR17'
          ? { userId: 'coord@vr17', agency, role: 'COORDINATOR', region: 'VR17' }
          : { userId: `insp@${agency.toLowerCase()}`, agency, role: 'INSPECTOR' },
      );
    }
    for (const input of DEMO_GRANTS.filter((grant) => AGENCIES.includes(grant.agency))) {
      await agreeInForce(url, input);
    }
    await ok('NLA', 'openActivation', {
      activationId: KAS,
      title: 'Kas Westland: overbewoning',
      titleCategories: ['CASE'],
      kind: 'PREVENTIVE',
      trigger: 'OWN_OBSERVATION',
      themes: ['HOUSING', 'WORK'],
      region: 'VR17',
      municipality: 'GM0599',
      location: { address: 'Kasweg 12', postcode: '3011 AB', city: 'Rotterdam' },
      employer: {
        name: 'Kas BV',
        kvkNumber: '12345678',
        staffingAgency: { name: 'Flex Uitzend BV', kvkNumber: '87654321' },
      },
    });
    for (const agency of ['UWV', 'BD']) {
      await ok('NLA', 'inviteAgency', { activationId: KAS, agency });
      await ok(agency, 'joinActivation', { activationId: KAS });
    }
    await ok('NLA', 'recordSignal', {
      activationId: KAS,
      source: { kind: 'ANONYMOUS' },
      description: 'Werknemers slapen in containers achter de kas.',
      descriptionCategories: ['CASE'],
      subjects: [
        { subjectId: 'w1', name: 'Jan Jansen', bsn: '6281.94.821' },
        { subjectId: 'w2', name: 'Kees Jansen' },
      ],
    });
    // Seeing who a confirmed infection names is HEALTH data too: no agency here holds PERSONAL and HEALTH.
    await ok('NLA', 'recordSignal', {
      activationId: KAS,
      source: { kind: 'ANONYMOUS' },
      description: 'Een bevestigde besmetting.',
      descriptionCategories: ['CASE'],
      confirmedInfection: true,
      subjects: [{ subjectId: 'w3', name: 'Piet Hendriks', bsn: HEALTH_BSN }],
    });
    await ok('NLA', 'recordFinding', {
      activationId: KAS,
      findingId: 'f1',
      category: 'EMPLOYER',
      description: 'Loonstroken ontbreken bij de uitzendkrachten.',
      descriptionCategories: ['PERSONAL'],
    });
    await ok('NLA', 'openActivation', {
      activationId: BOUW,
      title: 'Bouwplaats Kralingen',
      titleCategories: ['CASE'],
      kind: 'PREVENTIVE',
      trigger: 'OWN_OBSERVATION',
      themes: ['WORK'],
      region: 'VR17',
      municipality: 'GM0599',
      location: { address: 'Havenstraat 1', postcode: '3024 BB', city: 'Rotterdam' },
      employer: { name: 'Bouw Groep BV', kvkNumber: '23456789' },
    });
    for (const [i, activationId] of PAGED.entries()) {
      await ok('NLA', 'openActivation', {
        activationId,
        title: `Pannenkoekenhuis ${i + 1}`,
        titleCategories: ['CASE'],
        kind: 'PREVENTIVE',
        trigger: 'OWN_OBSERVATION',
        themes: ['WORK'],
        region: 'VR17',
        municipality: 'GM0599',
      });
    }
    // Everything projected for everyone: the last opening in every entitled read model, the finding in UWV's.
    await eventually(
      () => found('VR17', 'pannenkoekenhuis'),
      (ids) => ids.length === 3,
    );
    await eventually(
      () => found('UWV', 'loonstroken'),
      (ids) => ids.length === 1,
    );
    const { data } = await graphql<{ activation: { caseNumber: string } }>(
      url,
      `
        query ($id: ID!) {
          activation(id: $id) {
            caseNumber
          }
        }
      `,
      { id: KAS },
      tokens.NLA,
    );
    kasNumber = data!.activation.caseNumber;
    expect(kasNumber).toMatch(/^VR17-\d{4}-\d{4}$/);
  }, 180_000);

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await database.drop();
  });

  it('the lead agency finds a case by each of its fields, as typed', async () => {
    const only = [KAS];
    const cases: [string, string[]][] = [
      [kasNumber.toLowerCase(), only],
      [` ${kasNumber} `, only],
      ['overbewoning', only],
      ['Kas BV', only],
      ['12345678', only],
      ['Flex Uitzend', only],
      ['87654321', only],
      ['3011 AB', only],
      ['3011ab', only],
      ['Kasweg', only],
      ['containers', only],
      ['container', only],
      ['loonstroken', only],
      ['Jansen', only],
      ['jan jansen', only],
      [BSN, only],
      ['6281.94.821', only],
      ['628 194 821', only],
      ['Bouw Groep', [BOUW]],
      ['3024BB', [BOUW]],
    ];
    for (const [query, expected] of cases) {
      expect({ query, ids: await found('NLA', query) }).toEqual({ query, ids: expected });
    }
    // City and municipality are shared by all five cases.
    expect((await found('NLA', 'Rotterdam')).sort()).toEqual([KAS, BOUW].sort());
    expect(await found('NLA', 'gm0599')).toHaveLength(5);
    expect(await found('NLA', 'nergens te vinden')).toEqual([]);
  });

  it('an exact identifier ranks above words that merely occur', async () => {
    // "kas" is a word of KAS's title and employer; 23456789 is BOUW's KvK number, an exact identifier.
    expect(await found('NLA', 'kas or 23456789')).toEqual([BOUW, KAS]);
    expect(await found('NLA', `kas or ${kasNumber}`)).toEqual([KAS]);
  });

  it('BD (employer, no location, no personal data) finds by case, employer and readable narratives only', async () => {
    for (const query of [
      kasNumber,
      'overbewoning',
      'Kas BV',
      '12345678',
      'Flex Uitzend',
      '87654321',
      'containers',
    ]) {
      expect({ query, ids: await found('BD', query) }).toEqual({ query, ids: [KAS] });
    }
    // Withheld from BD: the location, the PERSONAL narrative, the persons.
    for (const query of [
      '3011 AB',
      '3011AB',
      'Kasweg',
      'Rotterdam',
      'loonstroken',
      'Jansen',
      BSN,
      '6281.94.821',
    ]) {
      expect({ query, ids: await found('BD', query) }).toEqual({ query, ids: [] });
    }
  });

  it('UWV (personal data, no location) finds persons and the personal narrative, not the address', async () => {
    for (const query of ['loonstroken', 'Jansen', BSN, 'Kas BV']) {
      expect({ query, ids: await found('UWV', query) }).toEqual({ query, ids: [KAS] });
    }
    for (const query of ['3011 AB', 'Kasweg', 'Rotterdam']) {
      expect({ query, ids: await found('UWV', query) }).toEqual({ query, ids: [] });
    }
  });

  it('nobody but its author finds a person whom only PERSONAL and HEALTH together may see', async () => {
    for (const agency of ['UWV', 'VR17', 'BD']) {
      for (const query of ['Hendriks', 'Piet Hendriks', HEALTH_BSN]) {
        expect({ agency, query, ids: await found(agency, query) }).toEqual({ agency, query, ids: [] });
      }
    }
    // NLA recorded the signal: an author keeps sight of what it wrote (issue 15), so it finds it too.
    for (const query of ['Hendriks', HEALTH_BSN]) {
      expect({ query, ids: await found('NLA', query) }).toEqual({ query, ids: [KAS] });
    }
    // The signal itself is there (its CASE description is found), only the person is not.
    expect(await found('NLA', 'bevestigde besmetting')).toEqual([KAS]);
  });

  it('the VR17 coordinator (location, no personal data) finds by address, not by person', async () => {
    for (const query of ['3011 AB', 'Kasweg', 'Kas BV', kasNumber, 'containers']) {
      expect({ query, ids: await found('VR17', query) }).toEqual({ query, ids: [KAS] });
    }
    for (const query of ['Jansen', BSN, 'loonstroken']) {
      expect({ query, ids: await found('VR17', query) }).toEqual({ query, ids: [] });
    }
  });

  it('an agency outside the case finds nothing of it', async () => {
    for (const query of [kasNumber, 'Kas BV', 'Jansen', BSN]) {
      expect({ query, ids: await found('SVB', query) }).toEqual({ query, ids: [] });
    }
  });

  it('a person search names the persons found and logs one read per person', async () => {
    const before = await searchLog('UWV');
    const { data, errors } = await search('UWV', 'Jansen');
    expect(errors).toBeUndefined();
    const [hit] = data!.searchActivations.edges;
    expect(hit.node.persons).toEqual([
      { subjectId: 'w1', name: 'Jan Jansen', bsn: BSN },
      { subjectId: 'w2', name: 'Kees Jansen', bsn: null },
    ]);
    const lines = (await searchLog('UWV')).slice(before.length);
    const personLines = lines.filter((line) => line.subject_type !== 'UNNAMED');
    expect(
      personLines
        .map(({ subject_ref, subject_type, activation_id }) => ({ subject_ref, subject_type, activation_id }))
        .sort((a, b) => a.subject_ref.localeCompare(b.subject_ref)),
    ).toEqual(
      [
        { activation_id: KAS, subject_type: 'BSN', subject_ref: pseudonym.ofBsn(BSN) },
        { activation_id: KAS, subject_type: 'CASE_SUBJECT', subject_ref: pseudonym.ofCaseSubject(KAS, 'w2') },
      ].sort((a, b) => a.subject_ref.localeCompare(b.subject_ref)),
    );
    expect(personLines.every((line) => line.categories.includes('PERSONAL'))).toBe(true);

    // By BSN, as typed: the one person, logged under the pseudonym of the BSN.
    const byBsn = await searchLog('NLA');
    const bsnSearch = await search('NLA', '628 194 821');
    expect(bsnSearch.data!.searchActivations.edges[0].node.persons).toEqual([
      { subjectId: 'w1', name: 'Jan Jansen', bsn: BSN },
    ]);
    const bsnLines = (await searchLog('NLA')).slice(byBsn.length).filter((l) => l.subject_type !== 'UNNAMED');
    expect(bsnLines).toEqual([
      {
        activation_id: KAS,
        categories: ['PERSONAL'],
        subject_ref: pseudonym.ofBsn(BSN),
        subject_type: 'BSN',
      },
    ]);
  });

  it('no oracle: a person hidden from the searcher answers exactly like a person nobody has, and logs nothing', async () => {
    for (const agency of ['BD', 'VR17', 'SVB']) {
      const before = await searchLog(agency);
      const hidden = await search(agency, BSN);
      const absent = await search(agency, ABSENT_BSN);
      expect(hidden).toEqual(absent);
      expect(hidden.errors).toBeUndefined();
      const hiddenName = await search(agency, 'Jan Jansen');
      const absentName = await search(agency, 'Jan Zzyzxqvist');
      expect(hiddenName).toEqual(absentName);
      expect(await searchLog(agency)).toEqual(before);
    }
    // And for the lead agency an absent BSN is just as empty.
    expect((await search('NLA', ABSENT_BSN)).data!.searchActivations.edges).toEqual([]);
  });

  it('pages by cursor through ranked hits without repeats, ties by activation id', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 3; page++) {
      const { data, errors } = await search('NLA', 'pannenkoekenhuis', 1, after);
      expect(errors).toBeUndefined();
      const { edges, pageInfo } = data!.searchActivations;
      expect(edges).toHaveLength(1);
      expect(pageInfo.hasNextPage).toBe(page < 2);
      expect(pageInfo.hasPreviousPage).toBe(page > 0);
      seen.push(edges[0].node.activation.id);
      after = pageInfo.endCursor!;
    }
    // The same words in the same kind of field: equal rank, so the activation id decides.
    expect(seen).toEqual([...PAGED].sort());
    const last = await search('NLA', 'pannenkoekenhuis', 1, after);
    expect(last.data!.searchActivations.edges).toEqual([]);
  });

  it('refuses a cursor of another list and a blank query', async () => {
    const list = await graphql<{ activations: { pageInfo: { endCursor: string } } }>(
      url,
      `
        {
          activations(first: 1) {
            pageInfo {
              endCursor
            }
          }
        }
      `,
      {},
      tokens.NLA,
    );
    const foreign = await search('NLA', 'kas', 1, list.data!.activations.pageInfo.endCursor);
    expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const blank = await search('NLA', '   ');
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
