import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { parseBsn } from '#domain';
import {
  activationRef,
  activationStreamId,
  catalogueEntry,
  CommandExecutor,
  erasureEffectStreams,
  EventStore,
  PersonalDataVault,
} from '#events';

/** The system as the eraser records with it: no domain actor, the worker in the events' metadata. */
const ERASER = { userId: 'keten-worker', agency: 'KETEN', role: 'SYSTEM' };

/**
 * A random BSN that passes the eleven-test, so that the console and the api take it in an erasure request;
 * random, so that no other test's data holds it.
 */
export function randomBsn(): string {
  for (;;) {
    const bsn = String(100_000_000 + Math.floor(Math.random() * 899_999_999));
    if (parseBsn(bsn).ok) return bsn;
  }
}

/** A person planted in one test run only: a BSN no other row holds and a name no other row holds. */
export function plantedPerson(label: string) {
  return {
    subjectId: `p-${randomUUID().slice(0, 8)}`,
    name: `${label} ${randomUUID().slice(0, 8)}`,
    bsn: randomBsn(),
    birthDate: '1990-04-23',
    nationality: 'PL',
  };
}
export type PlantedPerson = ReturnType<typeof plantedPerson>;

/**
 * An activation written straight to the store (sealed by its vault, as every append is), one event at a
 * time, each by the agency named: the shortest way to set up who was entitled when, without the api.
 */
export class ScenarioActivation {
  readonly id = `erasure-${randomUUID()}`;
  private version = 0;

  constructor(private readonly store: EventStore) {}

  get streamId(): string {
    return activationStreamId(this.id);
  }

  async record(type: string, data: unknown, agency = 'NLA'): Promise<void> {
    await this.store.append(this.streamId, this.version, [
      {
        eventId: randomUUID(),
        type,
        schemaVersion: catalogueEntry(type as never).schemaVersion,
        data,
        metadata: {
          actor: { userId: `inspecteur@${agency.toLowerCase()}`, agency, role: 'INSPECTOR' },
          correlationId: randomUUID(),
        },
        occurredAt: new Date().toISOString(),
      },
    ]);
    this.version++;
  }

  /** Opened in VR17 (Rotterdam) by NLA, as the lead. */
  open(): Promise<void> {
    return this.record('activation.opened', {
      activationId: this.id,
      title: { text: 'Bouwplaats Havenweg: bewoning', categories: ['EMPLOYER'] },
      caseNumber: `VR17-2026-${String(Math.floor(Math.random() * 9000) + 1000)}`,
      kind: 'PREVENTIVE',
      trigger: 'OWN_OBSERVATION',
      themes: ['HOUSING', 'WORK'],
      region: 'VR17',
      municipality: 'GM0599',
      leadAgency: 'NLA',
      location: { address: 'Havenweg 12', postcode: '3011 AB', city: 'Rotterdam' },
      employer: { name: 'Bouwbedrijf De Maas B.V.', kvkNumber: '12345678' },
    });
  }

  join(agency: string): Promise<void> {
    return this.record('agency.joined', { agency }, agency);
  }

  leave(agency: string): Promise<void> {
    return this.record(
      'agency.left',
      { agency, reason: { text: 'Not our case.', categories: ['CASE'] } },
      agency,
    );
  }

  /** A signal naming the person, in its subjects and in its description (PERSONAL). */
  signal(signalId: string, person: PlantedPerson): Promise<void> {
    return this.record('signal.recorded', {
      signalId,
      recordedBy: 'NLA',
      source: { kind: 'ANONYMOUS' },
      description: { text: `${person.name} sleeps in a container`, categories: ['PERSONAL'] },
      subjects: [person],
    });
  }
}

/**
 * Erases a person everywhere as the eraser does: their keys first (by the pseudonym of their BSN), then
 * `personal-data.erased` on the activation through its stream decider. Returns the pseudonym.
 */
export async function erasePerson(
  store: EventStore,
  vault: PersonalDataVault,
  activationId: string,
  bsn: string,
  erasureId = randomUUID(),
): Promise<string> {
  const subjectRef = vault.pseudonyms.ofBsn(bsn);
  await vault.subjectKeys.erase(subjectRef, erasureId);
  await new CommandExecutor(store).execute(
    erasureEffectStreams,
    { type: 'RecordErasure', activationId, erasureId, cause: 'ERASURE', scope: 'PERSON', subjectRef },
    { eventActor: ERASER, now: new Date().toISOString() },
  );
  return subjectRef;
}

/** Destroys an activation's personal data as the retention job does: its own key, then the event. */
export async function eraseActivation(
  store: EventStore,
  vault: PersonalDataVault,
  activationId: string,
): Promise<void> {
  const erasureId = `retention-${activationId}`;
  await vault.subjectKeys.erase(activationRef(vault.pseudonyms, activationId), erasureId);
  await new CommandExecutor(store).execute(
    erasureEffectStreams,
    { type: 'RecordErasure', activationId, erasureId, cause: 'RETENTION', scope: 'ACTIVATION' },
    { eventActor: ERASER, now: new Date().toISOString() },
  );
}

/** Every row of the tables the feed side owns, as text: where a plaintext value would show. */
export async function feedSideText(db: DataSource): Promise<string> {
  const rows: { text: string }[] = await db.query(
    `SELECT t::text AS text FROM rm_feed t
     UNION ALL SELECT t::text FROM feed_activation_facts t
     UNION ALL SELECT t::text FROM relay_dead_letters t`,
  );
  return rows.map((row) => row.text).join('\n');
}
