import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActivationEvent, ActivationStatus, OpenedActivation } from '#domain';
import { activationStreamId, activationStreams } from '#events';
import { loadDemoAgreements } from '../../bench/generator/bulk-load.js';
import {
  ActivationMutation,
  CommandResult,
  openPreventiveInput,
  scenarioTokens,
  send,
  versionOf,
} from '../e2e/activations/activation-mutations.fixture.js';
import { deleteTopics, testKafka, uniqueTopicPrefix } from '../integration/relay/feed-topics.fixture.js';
import { IsolatedDatabase } from '../support/isolated-database.js';
import { TEST_KAFKA_BROKERS } from '../support/test-env.js';
import { expectReadModelsAndFeedsComplete } from './support/entitlements.js';
import { KetenProcess, waitUntil } from '../support/processes.js';
import { everythingCaughtUp } from './support/subscriptions.js';

const CLIENTS = 50;

interface Outcome {
  client: number;
  kind: string;
  commandId: string;
  result?: CommandResult;
  code?: string;
  status: number;
}

/**
 * Fifty clients act on one activation at the same moment, over GraphQL against the real api process: all
 * with the same expected version, then racing without one (closing, recording signals, and retrying one
 * command id from several clients at once). Each command succeeds once or is refused with a typed error;
 * the stream stays a contiguous, decidable history; the read models show exactly that history.
 */
describe('fifty clients with conflicting commands on one activation', () => {
  const database = new IsolatedDatabase();
  const prefix = uniqueTopicPrefix();
  let db: DataSource;
  let api: KetenProcess;
  let worker: KetenProcess;
  let url: string;
  let tokens: Awaited<ReturnType<typeof scenarioTokens>>;
  const opened = openPreventiveInput();
  const { activationId } = opened;
  const outcomes: Outcome[] = [];

  async function act(
    client: number,
    kind: ActivationMutation,
    input: Record<string, unknown>,
    commandId = randomUUID(),
  ) {
    const response = await send(url, kind, { activationId, commandId, ...input }, tokens.nla);
    const outcome: Outcome = {
      client,
      kind,
      commandId,
      status: response.status,
      result: response.result,
      code: response.errors?.[0]?.extensions?.code,
    };
    outcomes.push(outcome);
    return outcome;
  }

  beforeAll(async () => {
    db = await database.create();
    await loadDemoAgreements(db);
    const env = { ...database.env, FEED_TOPIC_PREFIX: prefix, LOG_LEVEL: 'error' };
    api = new KetenProcess('api', env);
    worker = new KetenProcess('worker', env);
    await Promise.all([api.start(), worker.start()]);
    url = await api.url;
    tokens = await scenarioTokens();
  }, 240_000);
  afterAll(async () => {
    await Promise.all([api?.dispose(), worker?.dispose()]);
    await deleteTopics(testKafka(TEST_KAFKA_BROKERS), prefix).catch(() => undefined);
    await database.drop();
  }, 120_000);

  it('refuses all but one of fifty commands based on the same version, as CONFLICT', async () => {
    const open = await act(0, 'openActivation', opened);
    expect(open.result?.version).toBe(versionOf(opened.activationId, 1));

    const round = await Promise.all(
      Array.from({ length: CLIENTS }, (_, client) =>
        act(client, 'recordSignal', {
          expectedVersion: open.result!.version,
          signalId: `signal-same-version-${client}`,
          source: { kind: 'EXTERNAL', name: 'FNV' },
          description: `Signal ${client}, sent by a client that saw version 1.`,
        }),
      ),
    );
    const won = round.filter((o) => o.result);
    expect(won).toHaveLength(1);
    expect(won[0].result).toMatchObject({
      version: versionOf(opened.activationId, 2),
      duplicate: false,
      eventIds: [expect.any(String)],
    });
    expect(round.filter((o) => !o.result).map((o) => o.code)).toEqual(Array(CLIENTS - 1).fill('CONFLICT'));
  }, 120_000);

  it('lets racing commands without a version succeed once each, or be refused as CONFLICT or by the rules', async () => {
    const report = await act(0, 'fileReport', {
      summary: 'One signal, no inspection.',
      outcome: 'No measures.',
    });
    expect(report.result).toBeDefined();

    const twinId = randomUUID();
    const twin = {
      signalId: 'signal-twin',
      source: { kind: 'EXTERNAL', name: 'FNV' },
      description: 'The same command, sent again and again by clients that did not hear back.',
    };
    const round = await Promise.all(
      Array.from({ length: CLIENTS }, (_, client) => {
        if (client % 5 === 0) return act(client, 'recordSignal', twin, twinId);
        if (client % 2 === 0)
          return act(client, 'closeActivation', { outcome: `Closed by client ${client}.` });
        return act(client, 'recordSignal', {
          signalId: `signal-race-${client}`,
          source: { kind: 'EXTERNAL', name: 'FNV' },
          description: `Signal ${client}, racing without an expected version.`,
        });
      }),
    );

    // Nothing else than a result, CONFLICT, or the activation's rules (a closed activation takes no signal
    // and is not closed twice); never a server fault.
    for (const outcome of round) {
      expect({
        ...outcome,
        ok: outcome.result !== undefined || ['CONFLICT', 'DOMAIN_RULE'].includes(outcome.code!),
      }).toMatchObject({ ok: true });
      expect(outcome.status).toBe(200);
    }
    // At most one close: the others find it closed (DOMAIN_RULE), or all lost their retries to the signals.
    const closes = round.filter((o) => o.kind === 'closeActivation' && o.result);
    expect(closes.length).toBeLessThanOrEqual(1);
    // The twins answer one result: the first appended, every other copy reports it as a duplicate.
    const twins = round.filter((o) => o.commandId === twinId && o.result);
    if (twins.length > 0) {
      expect(new Set(twins.map((o) => JSON.stringify(o.result!.eventIds))).size).toBe(1);
      expect(twins.filter((o) => !o.result!.duplicate)).toHaveLength(1);
    }
  }, 120_000);

  it('keeps a contiguous stream that folds through the decider, holding exactly the successful commands', async () => {
    const rows: { stream_version: number; event_id: string; type: string; data: unknown }[] = await db.query(
      `SELECT stream_version, event_id::text AS event_id, type, data FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [activationStreamId(activationId)],
    );
    expect(rows.map((r) => r.stream_version)).toEqual(rows.map((_, index) => index + 1));

    const appended = outcomes
      .filter((o) => o.result && !o.result.duplicate)
      .flatMap((o) => o.result!.eventIds);
    expect(new Set(appended).size).toBe(appended.length);
    expect([...appended].sort()).toEqual(rows.map((r) => r.event_id).sort());

    const state = activationStreams.fold(rows.map(({ type, data }) => ({ type, data }) as ActivationEvent));
    expect(state.opened).toBe(true);
    const activation = state as OpenedActivation;
    const signals = outcomes.filter((o) => o.kind === 'recordSignal' && o.result && !o.result.duplicate);
    expect(activation.signals.size).toBe(signals.length);
    const closed = outcomes.some((o) => o.kind === 'closeActivation' && o.result);
    expect(activation.status).toBe(closed ? ActivationStatus.CLOSED : ActivationStatus.OPEN);
    // After the close, no later event: the rules held under the race.
    if (closed) expect(rows[rows.length - 1].type).toBe('activation.closed');
    console.log(
      `conflicts: ${outcomes.length} commands, ${rows.length} events, ` +
        `${outcomes.filter((o) => o.code === 'CONFLICT').length} CONFLICT, ` +
        `${outcomes.filter((o) => o.code === 'DOMAIN_RULE').length} DOMAIN_RULE`,
    );
  });

  it('projects the stream into the read models as it is', async () => {
    await waitUntil(() => everythingCaughtUp(db), 120_000, 'the projectors and the relay caught up');
    const [{ version }] = await db.query(
      `SELECT stream_version AS version FROM rm_activations WHERE agency = 'NLA' AND activation_id = $1`,
      [activationId],
    );
    const [{ events }] = await db.query(`SELECT count(*)::int AS events FROM events WHERE stream_id = $1`, [
      activationStreamId(activationId),
    ]);
    expect(version).toBe(events);
    await expectReadModelsAndFeedsComplete(db, { minAgencies: 2 });
  }, 180_000);
});
