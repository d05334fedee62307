import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MAX_FEED_PAGE } from '../../../apps/api/src/feeds/read-feed/feed.args.js';
import { MAX_PAGE_SIZE } from '../../../apps/api/src/pagination/page.args.js';
import { startApi } from '../../support/api-app.js';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { openTestDataSource } from '../../support/test-database.js';
import { tokenFor } from '../../support/test-tokens.js';
import { openPreventiveInput, send } from '../activations/activation-mutations.fixture.js';
import { eventually, LiveSubscription, SocketClient } from '../feeds/feeds.fixture.js';

/**
 * The GraphQL abuse limits of DESIGN §6, against the real api: depth, alias, cost and length limits over
 * HTTP and over graphql-ws, introspection and field suggestions off in production, per-agency rate limits,
 * refused oversized bodies and bounded page sizes.
 */

/** Boots an api with extra settings, then takes them out of the environment again for the next one. */
async function startApiWith(settings: Record<string, string>) {
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  try {
    return await startApi(settings);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

const inspector = (agency: string) =>
  tokenFor({ userId: `insp@${agency.toLowerCase()}`, agency, role: 'INSPECTOR' });

const errorOf = (response: GraphqlResponse) => response.errors?.[0];

/** Runs one operation over graphql-ws and waits for its result or error. */
async function overSocket(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ subscription: LiveSubscription<unknown>; client: SocketClient }> {
  const client = SocketClient.forToken(url, token);
  const subscription = client.subscribe<unknown>(query, variables);
  await eventually(
    () =>
      subscription.errors.length > 0 ||
      subscription.received.length > 0 ||
      subscription.completed ||
      subscription.closeEvent !== undefined,
    10_000,
  );
  return { subscription, client };
}

describe('GraphQL limits', () => {
  const sockets: SocketClient[] = [];
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((client) => client.dispose()));
  });
  const socket = async (url: string, token: string, query: string, variables?: Record<string, unknown>) => {
    const { subscription, client } = await overSocket(url, token, query, variables);
    sockets.push(client);
    return subscription;
  };

  describe('with the default limits', () => {
    let app: INestApplication;
    let url: string;
    let token: string;

    beforeAll(async () => {
      ({ app, url } = await startApi());
      token = await inspector('NLA');
    });
    afterAll(() => app?.close());

    /** Every field the schema offers below a root query field, at the largest page, each type once per path. */
    async function everyFieldOf(): Promise<string[]> {
      interface TypeRef {
        kind: string;
        name: string | null;
        ofType: TypeRef | null;
      }
      interface Field {
        name: string;
        args: { name: string; type: TypeRef }[];
        type: TypeRef;
      }
      const { data } = await graphql<{
        __schema: {
          queryType: { name: string };
          types: { name: string; kind: string; fields: Field[] | null }[];
        };
      }>(
        url,
        `
          {
            __schema {
              queryType {
                name
              }
              types {
                name
                kind
                fields {
                  name
                  args {
                    name
                    type {
                      kind
                      name
                      ofType {
                        kind
                        name
                        ofType {
                          kind
                          name
                          ofType {
                            kind
                            name
                          }
                        }
                      }
                    }
                  }
                  type {
                    kind
                    name
                    ofType {
                      kind
                      name
                      ofType {
                        kind
                        name
                        ofType {
                          kind
                          name
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        `,
        {},
        token,
      );
      const types = new Map(data!.__schema.types.map((type) => [type.name, type]));
      const named = (ref: TypeRef): TypeRef => (ref.ofType ? named(ref.ofType) : ref);
      const argument = (field: Field, arg: Field['args'][number]) => {
        if (arg.name === 'first') return `first: ${field.name === 'feed' ? MAX_FEED_PAGE : MAX_PAGE_SIZE}`;
        if (arg.type.kind !== 'NON_NULL') return undefined;
        return named(arg.type).name === 'ID' || named(arg.type).name === 'String' ? `${arg.name}: "x"` : null;
      };
      const selection = (field: Field, path: string[]): string | null => {
        const args = field.args.map((arg) => argument(field, arg));
        if (args.includes(null)) return null;
        const target = named(field.type).name!;
        if (path.includes(target)) return null;
        const fields = types.get(target)?.fields;
        let inner = '';
        if (fields) {
          const parts = fields
            .map((child) => selection(child, [...path, target]))
            .filter((part) => part !== null);
          if (parts.length === 0) return null;
          inner = ` { ${parts.join(' ')} }`;
        }
        const given = args.filter((arg) => arg !== undefined);
        return `${field.name}${given.length ? `(${given.join(', ')})` : ''}${inner}`;
      };
      const root = types.get(data!.__schema.queryType.name)!;
      return root
        .fields!.map((field) => selection(field, [root.name]))
        .filter((part) => part !== null)
        .map((part) => `{ ${part} }`);
    }

    it('let every field of every root query, at the largest page size, through', async () => {
      const documents = await everyFieldOf();
      expect(documents.length).toBeGreaterThan(5);
      for (const document of documents) {
        const response = await graphql(url, document, {}, token);
        const limits = (response.errors ?? []).filter(
          (e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED',
        );
        expect({ document, limits }).toEqual({ document, limits: [] });
      }
    });

    it('accept the largest legitimate command input: 500 subjects, the longest texts', async () => {
      const nla = token;
      const { activationId } = openPreventiveInput();
      expect(
        (await send(url, 'openActivation', openPreventiveInput({ activationId }), nla)).errors,
      ).toBeUndefined();
      const input = {
        activationId,
        source: { kind: 'ANONYMOUS' },
        description: 'ł'.repeat(10_000),
        subjects: Array.from({ length: 500 }, (_, i) => ({
          subjectId: `s-${i}-${'x'.repeat(100)}`,
          name: 'Łukasz Wiśniewski-Żółkiewski '.repeat(7).slice(0, 200),
          birthDate: '1990-01-01',
          nationality: 'PL',
        })),
      };
      // Express's own default (100 kB) would refuse this.
      expect(Buffer.byteLength(JSON.stringify(input))).toBeGreaterThan(200_000);
      const response = await send(url, 'recordSignal', input, nla);
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      expect(response.result?.eventIds).toHaveLength(1);
    });

    it('show field suggestions outside production', async () => {
      const response = await graphql(url, '{ me { agencyy } }', {}, token);
      expect(errorOf(response)?.message).toMatch(/Did you mean "agency"\?/);
    });

    it('bound page sizes: first: 100000 is BAD_USER_INPUT and returns nothing', async () => {
      const cases: [string, string, number][] = [
        ['activations', 'activations(first: $first)', MAX_PAGE_SIZE],
        ['feed', 'feed(first: $first)', MAX_FEED_PAGE],
        ['timeline', 'timeline(activationId: "x", first: $first)', MAX_PAGE_SIZE],
        ['accessLog', 'accessLog(first: $first)', MAX_PAGE_SIZE],
      ];
      const privacyOfficer = await tokenFor({ userId: 'po@nla', agency: 'NLA', role: 'PRIVACY_OFFICER' });
      for (const [field, call, max] of cases) {
        const as = field === 'accessLog' ? privacyOfficer : token;
        const document = `query ($first: Int) { ${call} { edges { cursor } } }`;
        for (const first of [100_000, max + 1]) {
          const response = await graphql(url, document, { first }, as);
          expect({ field, first, code: errorOf(response)?.extensions?.code }).toEqual({
            field,
            first,
            code: 'BAD_USER_INPUT',
          });
          expect(errorOf(response)?.message).toMatch(
            new RegExp(`first must be a whole number from 1 to ${max}; fetch more with the endCursor`),
          );
          expect(response.data ?? null).toBeNull();
        }
        // Written into the document, so large a page is refused by the cost limit before anything runs.
        const literal = await graphql(
          url,
          `{ ${call.replace('$first', '100000')} { edges { cursor } } }`,
          {},
          as,
        );
        expect(literal.status).toBe(400);
        expect(errorOf(literal)?.extensions).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
        expect(literal.data ?? null).toBeNull();
      }
    });
  });

  describe('with tight limits', () => {
    let app: INestApplication;
    let url: string;
    let db: DataSource;

    beforeAll(async () => {
      ({ app, url } = await startApiWith({
        GRAPHQL_MAX_DEPTH: '3',
        GRAPHQL_MAX_ALIASES: '2',
        GRAPHQL_MAX_COST: '200',
        GRAPHQL_MAX_TOKENS: '60',
        RATE_LIMIT_PER_AGENCY: '5',
        MAX_REQUEST_BODY_BYTES: '16384',
      }));
      db = await openTestDataSource(2);
    });
    afterAll(async () => {
      await db?.destroy();
      await app?.close();
    });

    const DEEP = '{ activations { edges { node { id } } } }';
    const ALIASED = '{ a: me { agency } b: me { role } c: me { userId } }';
    const LONG = `{ me { ${Array.from({ length: 60 }, () => 'agency').join(' ')} } }`;
    const expected: [string, string, string, RegExp][] = [
      [
        'depth',
        DEEP,
        'QUERY_TOO_DEEP',
        /nests fields 4 levels deep; keten allows at most 3\. Ask for less nested data/,
      ],
      ['aliases', ALIASED, 'TOO_MANY_ALIASES', /uses 3 aliases; keten allows at most 2\./],
      [
        'cost',
        `{ activations(first: 50) { edges { cursor } } }`,
        'QUERY_TOO_COSTLY',
        /estimated cost is \d+; keten allows at most 200\. Ask for fewer fields or a smaller page/,
      ],
      ['length', LONG, 'QUERY_TOO_LONG', /longer than the 60 tokens keten reads/],
    ];

    it.each(expected)(
      'refuse an operation over the %s limit over HTTP with 400, a reason and a sentence',
      async (_limit, document, reason, sentence) => {
        const token = await inspector('GM0599');
        const response = await graphql(url, document, {}, token);
        expect(response.status).toBe(400);
        expect(response.data ?? null).toBeNull();
        expect(response.errors).toHaveLength(1);
        expect(errorOf(response)!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason });
        expect(errorOf(response)!.message).toMatch(sentence);
      },
    );

    it.each(expected)(
      'refuse an operation over the %s limit over graphql-ws too',
      async (_limit, document, reason, sentence) => {
        const subscription = await socket(url, await inspector('GM0599'), document);
        expect(subscription.received).toEqual([]);
        expect(subscription.closeEvent).toBeUndefined();
        expect(subscription.errors[0]).toMatchObject({
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason },
        });
        expect(subscription.errors[0].message).toMatch(sentence);
      },
    );

    it('count the limits before any resolver runs: a refused operation uses none of the rate budget', async () => {
      const token = await inspector('GM0362');
      for (let i = 0; i < 8; i++) expect((await graphql(url, DEEP, {}, token)).status).toBe(400);
      expect((await graphql(url, '{ me { agency } }', {}, token)).data).toEqual({ me: { agency: 'GM0362' } });
    });

    it('limit each agency per minute with RATE_LIMITED (429, retryAfterSeconds), and write nothing then', async () => {
      const uwv = await inspector('UWV');
      for (let i = 0; i < 5; i++) {
        const response = await graphql(url, '{ me { agency } }', {}, uwv);
        expect(response.errors).toBeUndefined();
      }
      const activationId = randomUUID();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${uwv}` },
        body: JSON.stringify({
          query: 'mutation ($input: OpenActivationInput!) { openActivation(input: $input) { version } }',
          variables: { input: openPreventiveInput({ activationId, leadAgency: 'UWV' }) },
        }),
      });
      expect(response.status).toBe(429);
      const body = (await response.json()) as GraphqlResponse;
      expect(body.data?.openActivation ?? null).toBeNull();
      const error = errorOf({ ...body, status: 429 })!;
      expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'AGENCY_RATE_LIMIT' });
      const retryAfter = error.extensions!.retryAfterSeconds as number;
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(Number(response.headers.get('retry-after'))).toBe(retryAfter);
      expect(error.message).toMatch(
        /Your agency has sent more than 5 operations in a minute to this server; retry in \d+ s/,
      );
      const [{ count }] = (await db.query(
        `SELECT count(*)::int AS count FROM events WHERE stream_id LIKE $1`,
        [`%${activationId}%`],
      )) as { count: number }[];
      expect(count).toBe(0);

      // Another agency has a budget of its own; the agency's other users share UWV's.
      expect((await graphql(url, '{ me { agency } }', {}, await inspector('SVB'))).errors).toBeUndefined();
      const colleague = await tokenFor({ userId: 'other@uwv', agency: 'UWV', role: 'AGENCY_SYSTEM' });
      expect(errorOf(await graphql(url, '{ me { agency } }', {}, colleague))?.extensions?.code).toBe(
        'RATE_LIMITED',
      );
    });

    it('count a request once however many root fields it asks for, and answer none of them when refused', async () => {
      const token = await inspector('GM0363');
      const twoFields = '{ me { agency } agreements { agreementId } }';
      for (let i = 0; i < 5; i++) expect((await graphql(url, twoFields, {}, token)).errors).toBeUndefined();
      const refused = await graphql(url, twoFields, {}, token);
      expect(refused.status).toBe(429);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.length).toBeGreaterThan(0);
      expect(refused.errors?.every((e) => e.extensions?.code === 'RATE_LIMITED')).toBe(true);
    });

    it('limit operations over graphql-ws by the same budget', async () => {
      const token = await inspector('GM0364');
      for (let i = 0; i < 5; i++) {
        const ok = await socket(url, token, '{ me { agency } }');
        expect(ok.received).toEqual([{ agency: 'GM0364' }]);
      }
      const refused = await socket(url, token, '{ me { agency } }');
      expect(refused.received).toEqual([]);
      expect(refused.errors[0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: expect.any(Number),
      });
    });

    it('limit uploads and downloads of attachments by the same budget, before reading the body', async () => {
      const token = await inspector('GM0366');
      const upload = () => {
        const form = new FormData();
        form.append('file', new Blob([Buffer.from('%PDF-1.7\n' + ' '.repeat(100))]), 'pv.pdf');
        return fetch(`${url}/attachments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: form,
        });
      };
      for (let i = 0; i < 3; i++) expect((await upload()).status).toBe(201);
      expect((await graphql(url, '{ me { agency } }', {}, token)).errors).toBeUndefined();
      const download = await fetch(`${url}/attachments/${randomUUID()}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(download.status).toBe(404);
      const refused = await upload();
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as GraphqlResponse).errors?.[0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        reason: 'AGENCY_RATE_LIMIT',
      });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const [{ count }] = (await db.query(
        `SELECT count(*)::int AS count FROM attachments WHERE agency = 'GM0366'`,
      )) as { count: number }[];
      expect(count).toBe(3);
    });

    it('limit neither the health probes nor public operations', async () => {
      for (let i = 0; i < 12; i++) {
        expect((await fetch(`${url}/health/live`)).status).toBe(200);
        expect((await graphql(url, '{ serverInfo { name } }')).data).toEqual({
          serverInfo: { name: 'keten' },
        });
      }
    });

    it('refuse a body over the limit with 413 and a GraphQL-style JSON error, before anything runs', async () => {
      const token = await inspector('GM0365');
      const activationId = randomUUID();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: 'mutation ($input: OpenActivationInput!) { openActivation(input: $input) { version } }',
          variables: {
            input: openPreventiveInput({ activationId, leadAgency: 'GM0365', padding: 'x'.repeat(20_000) }),
          },
        }),
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toEqual({
        errors: [
          {
            message: expect.stringMatching(
              /The request body is larger than the 16384 bytes keten accepts; send less at once/,
            ),
            extensions: { code: 'PAYLOAD_TOO_LARGE', limitBytes: 16384 },
          },
        ],
      });
      const [{ count }] = (await db.query(
        `SELECT count(*)::int AS count FROM events WHERE stream_id LIKE $1`,
        [`%${activationId}%`],
      )) as { count: number }[];
      expect(count).toBe(0);
    });

    it('refuse a WebSocket message over the limit by closing the connection (1009), before the token is read', async () => {
      const token = await inspector('GM0366');
      const oversized = new SocketClient(url, {
        authorization: `Bearer ${token}`,
        padding: 'x'.repeat(20_000),
      });
      sockets.push(oversized);
      const atConnect = oversized.subscribe('{ me { agency } }');
      await eventually(() => atConnect.closeEvent !== undefined, 10_000);
      expect(atConnect.closeEvent?.code).toBe(1009);
      expect(atConnect.received).toEqual([]);

      const client = SocketClient.forToken(url, token);
      sockets.push(client);
      const large = client.subscribe('query ($pad: String) { me { agency } }', { pad: 'x'.repeat(20_000) });
      await eventually(() => large.closeEvent !== undefined, 10_000);
      expect(large.closeEvent?.code).toBe(1009);
      expect(large.received).toEqual([]);
    });

    it('answer a body that is not JSON with 400 and a JSON error, not an HTML page with a stack trace', async () => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": "{ serverInfo { name } }"',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [{ message: expect.stringMatching(/not valid JSON/), extensions: { code: 'BAD_REQUEST' } }],
      });
    });
  });

  describe('in production', () => {
    let app: INestApplication;
    let url: string;
    let token: string;

    beforeAll(async () => {
      ({ app, url } = await startApiWith({
        NODE_ENV: 'production',
        ACCESS_LOG_PSEUDONYM_KEY: 'p'.repeat(40),
        VERSION_TOKEN_KEY: 'v'.repeat(40),
        MASTER_KEYS: Buffer.alloc(32, 7).toString('base64'),
        FEED_EVENT_SOURCE: 'urn:nld:oin:00000001003214345000:systeem:keten',
      }));
      token = await inspector('NLA');
    });
    afterAll(() => app?.close());

    it('run in production', async () => {
      expect((await graphql(url, '{ serverInfo { environment } }')).data).toEqual({
        serverInfo: { environment: 'production' },
      });
    });

    it.each([
      ['__schema', '{ __schema { types { name } } }'],
      ['__type', '{ __type(name: "Query") { fields { name } } }'],
    ])('refuse introspection (%s) over HTTP', async (_what, document) => {
      for (const auth of [token, undefined]) {
        const response = await graphql(url, document, {}, auth);
        expect(response.status).toBe(400);
        expect(response.data ?? null).toBeNull();
        expect(errorOf(response)?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(errorOf(response)?.message).toMatch(/introspection is not allowed/);
      }
    });

    it('refuse introspection over graphql-ws too', async () => {
      const subscription = await socket(url, token, '{ __schema { types { name } } }');
      expect(subscription.received).toEqual([]);
      expect(subscription.errors[0].message).toMatch(/introspection/);
    });

    it('hide field suggestions, over HTTP and over graphql-ws', async () => {
      const response = await graphql(url, '{ me { agencyy } }', {}, token);
      expect(errorOf(response)?.message).toBe('Cannot query field "agencyy" on type "Viewer".');
      const subscription = await socket(url, token, '{ me { agencyy } }');
      expect(subscription.errors[0].message).toBe('Cannot query field "agencyy" on type "Viewer".');
    });
  });
});
