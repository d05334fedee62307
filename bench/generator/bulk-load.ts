import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  Actor,
  AgreementState,
  evolveAgreement,
  handleAgreementCommand,
  initialAgreementState,
  Role,
} from '#domain';
import {
  activationStreamId,
  agreementStreamId,
  AGREEMENT_EVENT_SCHEMA_VERSIONS,
  catalogueEntry,
  type PersonalDataVault,
} from '#events';
import { REPO_ROOT } from '../../deploy/demo/demo-loader.js';
import { GeneratedActivation, toNewEvent } from './activation-generator.js';

interface Row {
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  actor: { userId: string; agency: string; role: string };
  occurredAt: string;
}

const CHUNK = 2000;

/**
 * Writes generated histories straight into the events table in multi-row inserts: the fast path for
 * loading test and benchmark data (hundreds of thousands of events a minute), bypassing the command path
 * on purpose — the events were already decided by the real decider. With `vault`, each activation's
 * personal values are sealed as the event store's append seals them (PersonalDataVault.seal); without,
 * they are stored in the clear, as before issue 19.
 */
export async function bulkLoad(
  db: DataSource,
  activations: Iterable<GeneratedActivation>,
  onProgress: (events: number) => void = () => undefined,
  { vault }: { vault?: PersonalDataVault } = {},
): Promise<number> {
  let pending: Row[] = [];
  let written = 0;
  for (const activation of activations) {
    const streamId = activationStreamId(activation.activationId);
    const data = vault
      ? (
          await vault.seal(
            streamId,
            activation.events.map((item) => toNewEvent(item, 'bulk')),
          )
        ).map((event) => event.data)
      : activation.events.map(({ event }) => event.data);
    activation.events.forEach(({ event, actor, occurredAt }, index) =>
      pending.push({
        streamId,
        version: index + 1,
        type: event.type,
        schemaVersion: catalogueEntry(event.type).schemaVersion,
        data: data[index],
        actor: { userId: actor.userId, agency: actor.agency, role: actor.role },
        occurredAt,
      }),
    );
    if (pending.length >= CHUNK) {
      written += await insert(db, pending);
      pending = [];
      onProgress(written);
    }
  }
  written += await insert(db, pending);
  onProgress(written);
  return written;
}

/**
 * The demo agreements (the same ones `npm start` records through the API), as agreement events: each
 * proposed by the demo step's admin and approved by a policy admin of the other party (four eyes).
 */
export async function loadDemoAgreements(db: DataSource, now = new Date().toISOString()): Promise<number> {
  const scenario = JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/demo/demo-scenario.json'), 'utf8')) as {
    steps: { mutation: string; as: string; input: Record<string, unknown> }[];
  };
  const adminOf = (userId: string) =>
    ({ userId, agency: userId.split('@')[1].toUpperCase(), role: Role.POLICY_ADMIN }) as Actor;
  const rows: Row[] = [];
  const states = new Map<string, AgreementState>();
  const decide = (command: { type: string; agreementId: string }, actor: Actor) => {
    const state = states.get(command.agreementId) ?? initialAgreementState;
    const decision = handleAgreementCommand(command, state, { actor, now });
    if (!decision.ok) throw new Error(`demo agreement refused: ${decision.error.message}`);
    let folded = state;
    for (const event of decision.events) {
      folded = evolveAgreement(folded, event);
      rows.push({
        streamId: agreementStreamId(command.agreementId),
        version: rows.filter((r) => r.streamId === agreementStreamId(command.agreementId)).length + 1,
        type: event.type,
        schemaVersion: AGREEMENT_EVENT_SCHEMA_VERSIONS[event.type],
        data: event.data,
        actor,
        occurredAt: now,
      });
    }
    states.set(command.agreementId, folded);
  };
  for (const step of scenario.steps) {
    if (step.mutation === 'proposeAgreement' || step.mutation === 'approveAgreement') {
      const type = step.mutation === 'proposeAgreement' ? 'ProposeAgreement' : 'ApproveAgreement';
      decide({ type, ...step.input } as { type: string; agreementId: string }, adminOf(step.as));
    }
  }
  return insert(db, rows);
}

async function insert(db: DataSource, rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  await db.query(
    `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
     SELECT * FROM unnest($1::text[], $2::int[], $3::uuid[], $4::text[], $5::smallint[], $6::jsonb[], $7::jsonb[],
                          $8::timestamptz[])`,
    [
      rows.map((r) => r.streamId),
      rows.map((r) => r.version),
      rows.map(() => randomUUID()),
      rows.map((r) => r.type),
      rows.map((r) => r.schemaVersion),
      rows.map((r) => JSON.stringify(r.data)),
      rows.map((r) => JSON.stringify({ actor: r.actor, correlationId: randomUUID() })),
      rows.map((r) => r.occurredAt),
    ],
  );
  return rows.length;
}
