import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Client, createClient, FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { LiveFeeds } from '../../../apps/api/src/feeds/shared/live-feeds.service.js';
import { graphql, GraphqlResponse } from '../../support/graphql-client.js';
import { IsolatedDatabase } from '../../support/isolated-database.js';
import { startApi } from '../../support/api-app.js';
import { agreeInForce } from '../../support/agreements.js';
import { tokenFor } from '../../support/test-tokens.js';
import { startWorker } from '../../support/worker-app.js';
import { ActivationMutation, send } from '../activations/activation-mutations.fixture.js';

/*
 * Feeds are global to a database (one rm_feed, one feed_seq), so every feeds spec runs on a database of
 * its own, with the real worker feeding it and the real api serving it, and the demo agreements granted
 * through the api as the demo scenario grants them.
 */

export const FEED_ENTRY_FIELDS = `eventId activationId sequence type schemaVersion occurredAt actingAgency
  payload withheld categories`;

export interface FeedEntry {
  eventId: string;
  activationId: string;
  /** Its place in the agency's own feed: 1, 2, 3, … */
  sequence: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  actingAgency: string;
  payload: Record<string, unknown>;
  withheld: string[];
  categories: string[];
}

export interface FeedPage {
  edges: { cursor: string; node: FeedEntry }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

export const FEED_QUERY = `query ($first: Int, $after: String) {
  feed(first: $first, after: $after) {
    edges { cursor node { ${FEED_ENTRY_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface GrantStep {
  mutation: string;
  input: { agreementId: string; agency: string; categories: string[] } & Record<string, unknown>;
}

/** The proposeAgreement inputs of the demo scenario (DESIGN §4's demo agreements). */
export const DEMO_GRANTS: GrantStep['input'][] = (
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../../deploy/demo/demo-scenario.json'), 'utf8'),
  ) as { steps: GrantStep[] }
).steps
  .filter((step) => step.mutation === 'proposeAgreement')
  .map((step) => step.input)
  // The agencies that work cases: the national team's agreement (LOTC, figures only) is tested on its own
  // (test/e2e/reads/figures.spec.ts), and no token of it reads what these scenarios read.
  .filter((input) => input.agency !== 'LOTC');

/** A database of its own with the worker, one or more api instances, and a token per agency. */
export class FeedsScenario {
  readonly database = new IsolatedDatabase();
  worker!: INestApplication;
  readonly apis: { app: INestApplication; url: string }[] = [];
  readonly tokens: Record<string, string> = {};

  /** `workerEnv` adds to the worker's environment, e.g. a FEED_TOPIC_PREFIX of the test's own. */
  constructor(private readonly workerEnv: Record<string, string> = {}) {}

  async start(): Promise<this> {
    await this.database.create();
    this.worker = await startWorker({ ...this.database.env, ...this.workerEnv });
    await this.startApi();
    for (const agency of ['NLA', 'GM0599', 'GM0344', 'UWV', 'SVB', 'BD']) {
      this.tokens[agency] = await tokenFor({
        userId: `insp@${agency.toLowerCase()}`,
        agency,
        role: 'INSPECTOR',
      });
    }
    for (const agency of ['VR17', 'VR09']) {
      this.tokens[agency] = await tokenFor({
        userId: `coord@${agency.toLowerCase()}`,
        agency,
        role: 'COORDINATOR',
        region: agency,
      });
    }
    this.tokens.admin = await tokenFor({ userId: 'beleid@nla', agency: 'NLA', role: 'POLICY_ADMIN' });
    for (const input of DEMO_GRANTS) await this.grant(input);
    // Reads are bound to agreements in force (purpose limitation): wait until the worker has projected them.
    for (const agency of [...new Set(DEMO_GRANTS.map((grant) => grant.agency))]) {
      await eventually(async () => {
        const { data } = await graphql<{ me: { agreementsInForce: unknown[] } }>(
          this.url,
          'query { me { agreementsInForce { agreementId } } }',
          {},
          this.tokens[agency],
        );
        return (data?.me.agreementsInForce.length ?? 0) > 0;
      }, 10_000);
    }
    return this;
  }

  get url(): string {
    return this.apis[0].url;
  }

  async startApi(): Promise<{ app: INestApplication; url: string }> {
    const api = await startApi(this.database.env);
    this.apis.push(api);
    return api;
  }

  /** Closes the first api instance and starts a new one in its place, as a restart would. */
  async restartApi(): Promise<void> {
    const [old] = this.apis.splice(0, 1);
    await old.app.close();
    const api = await startApi(this.database.env);
    this.apis.unshift(api);
  }

  async stop(): Promise<void> {
    for (const api of this.apis) await api.app.close();
    await this.worker?.close();
    await this.database.drop();
  }

  /** Brings the agreement in force: proposed by the other party, approved by the recipient (four eyes). */
  async grant(input: GrantStep['input']): Promise<void> {
    await agreeInForce(this.url, input);
  }

  async revoke(agreementId: string): Promise<void> {
    const { errors } = await graphql(
      this.url,
      `
        mutation ($input: RevokeAgreementInput!) {
          revokeAgreement(input: $input) {
            eventIds
          }
        }
      `,
      { input: { agreementId, reason: 'Grondslag vervallen' } },
      this.tokens.admin,
    );
    expect(errors).toBeUndefined();
  }

  /** Sends an activation mutation as the agency's inspector (or coordinator) and returns its event ids. */
  async act(agency: string, name: ActivationMutation, input: Record<string, unknown>): Promise<string[]> {
    const { errors, result } = await send(this.url, name, input, this.tokens[agency]);
    expect(errors).toBeUndefined();
    return result!.eventIds;
  }

  /** NLA opens an activation in the region and invites and lets join the agencies named; returns the last event id. */
  async openActivation(
    activationId: string,
    { region, municipality, joining = [] }: { region: string; municipality: string; joining?: string[] },
  ): Promise<string> {
    let eventIds = await this.act('NLA', 'openActivation', {
      activationId,
      kind: 'PREVENTIVE',
      title: 'Feedtest',
      trigger: 'OWN_OBSERVATION',
      themes: ['HOUSING', 'WORK'],
      region,
      municipality,
      leadAgency: 'NLA',
      location: { address: 'Havenstraat 12', postcode: '3011 AB', city: 'Rotterdam' },
      employer: { name: 'Kas BV', kvkNumber: '12345678' },
    });
    for (const agency of joining) await this.act('NLA', 'inviteAgency', { activationId, agency });
    for (const agency of joining) eventIds = await this.act(agency, 'joinActivation', { activationId });
    return eventIds.at(-1)!;
  }

  /** The whole feed of the agency, page by page, as the api serves it now. */
  async feedOf(agency: string): Promise<FeedEntry[]> {
    const entries: FeedEntry[] = [];
    let after: string | null = null;
    for (;;) {
      const response: GraphqlResponse<{ feed: FeedPage }> = await graphql(
        this.url,
        FEED_QUERY,
        { first: 500, after },
        this.tokens[agency],
      );
      expect(response.errors).toBeUndefined();
      const { edges, pageInfo } = response.data!.feed;
      entries.push(...edges.map((edge) => edge.node));
      if (!pageInfo.hasNextPage) return entries;
      after = pageInfo.endCursor;
    }
  }

  /** Waits until the worker has fed the event to the agency (its feed query shows it). */
  async fedTo(agency: string, eventId: string, timeoutMs = 10_000): Promise<void> {
    await eventually(
      async () => (await this.feedOf(agency)).some((entry) => entry.eventId === eventId),
      timeoutMs,
    );
  }

  /** Waits until no api instance delivers to any live feed any more (closed clients are let go of). */
  async noLiveFeeds(): Promise<void> {
    const agencies = Object.keys(this.tokens);
    await eventually(
      () => this.apis.every((api) => agencies.every((a) => api.app.get(LiveFeeds).deliveringTo(a) === 0)),
      5000,
    );
  }

  /** Waits until `count` live feeds of the agency are open on the api instance, past their start. */
  async liveFeeds(agency: string, count: number, api = this.apis[0]): Promise<void> {
    const live = api.app.get(LiveFeeds);
    await eventually(() => live.deliveringTo(agency) >= count, 5000);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(25);
  }
}

export interface CloseInfo {
  code: number;
  reason: string;
}

/** A graphql-ws client over the `ws` WebSocket, as an agency system would connect; no automatic retries. */
export class SocketClient {
  readonly client: Client;
  closed?: CloseInfo;

  constructor(httpUrl: string, connectionParams: Record<string, unknown>) {
    this.client = createClient({
      url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      on: {
        closed: (event) => {
          const { code, reason } = event as CloseInfo;
          this.closed = { code, reason: String(reason) };
        },
      },
    });
  }

  static forToken(httpUrl: string, token: string | undefined): SocketClient {
    return new SocketClient(httpUrl, token === undefined ? {} : { authorization: `Bearer ${token}` });
  }

  subscribe<T>(query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
    return new LiveSubscription<T>(this.client, query, variables);
  }

  async dispose(): Promise<void> {
    await this.client.dispose();
  }
}

/** Collects what one subscription delivers: its entries (the one root field of each result) and its errors. */
export class LiveSubscription<T> {
  readonly received: T[] = [];
  readonly errors: { message: string; extensions?: Record<string, unknown> }[] = [];
  closeEvent?: CloseInfo;
  completed = false;
  readonly stop: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown>) {
    this.stop = client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (result: FormattedExecutionResult<Record<string, T>>) => {
          if (result.errors) this.errors.push(...(result.errors as LiveSubscription<T>['errors']));
          if (result.data) this.received.push(...Object.values(result.data));
        },
        error: (error: unknown) => {
          if (Array.isArray(error)) this.errors.push(...(error as LiveSubscription<T>['errors']));
          else if (error && typeof error === 'object' && 'code' in error) {
            const { code, reason } = error as CloseInfo;
            this.closeEvent = { code, reason: String(reason) };
          } else this.errors.push({ message: String(error) });
        },
        complete: () => (this.completed = true),
      },
    );
  }

  /** The first received entry matching the predicate, waiting for it. */
  async next(match: (entry: T) => boolean, timeoutMs = 5000): Promise<T> {
    await eventually(() => this.received.some(match), timeoutMs);
    return this.received.find(match)!;
  }
}
