import {
  ActivationCommand,
  ActivationEvent,
  ActivationKind,
  ActivationTrigger,
  Actor,
  DataCategory,
  evolveActivation,
  initialActivationState,
  InterventionType,
  prepareThenDecide,
  Role,
  SignalSourceKind,
  Theme,
} from '#domain';
import { randomUUID } from 'node:crypto';
import { activationStreams, catalogueEntry, type NewEvent } from '#events';
import { SeededRandom } from './seeded-random.js';

/** The write path's decision, narratives classified as they are before an event is stored. */
const decideAsStored = prepareThenDecide(activationStreams.prepare, activationStreams.decide);

/** Regions with a municipality each: the generated activations spread over them. */
const PLACES = [
  { region: 'VR17', municipality: 'GM0599', city: 'Rotterdam' },
  { region: 'VR09', municipality: 'GM0344', city: 'Utrecht' },
  { region: 'VR13', municipality: 'GM0363', city: 'Amsterdam' },
  { region: 'VR15', municipality: 'GM0518', city: "'s-Gravenhage" },
  { region: 'VR24', municipality: 'GM0935', city: 'Maastricht' },
] as const;

const PARTNERS = ['UWV', 'SVB', 'BD', 'NLA'] as const;
const FINDINGS = [
  DataCategory.LOCATION,
  DataCategory.EMPLOYER,
  DataCategory.PERSONAL,
  DataCategory.HEALTH,
  DataCategory.INCOME,
  DataCategory.BENEFITS,
  DataCategory.TAX,
  DataCategory.CRIMINAL,
] as const;
const MONEY = new Set<DataCategory>([DataCategory.INCOME, DataCategory.BENEFITS, DataCategory.TAX]);
/** Valid BSNs (eleven-test) to draw subjects from. */
const BSNS = ['111222333', '123456782', '999999990', '100000009', '111111110'];
const NATIONALITIES = ['PL', 'RO', 'BG', 'LT', 'HU', 'PT'];

export interface GeneratedActivation {
  activationId: string;
  region: string;
  events: { event: ActivationEvent; actor: Actor; occurredAt: string }[];
}

/** A generated event as the event store takes it (a fresh event id, the actor in the metadata). */
export function toNewEvent(item: GeneratedActivation['events'][number], correlationId: string): NewEvent {
  return {
    eventId: randomUUID(),
    type: item.event.type,
    schemaVersion: catalogueEntry(item.event.type).schemaVersion,
    data: item.event.data,
    metadata: {
      actor: { userId: item.actor.userId, agency: item.actor.agency, role: item.actor.role },
      correlationId,
    },
    occurredAt: item.occurredAt,
  };
}

/**
 * Realistic activation histories, decided by the real decider (so every stream obeys the rules), from a
 * seed: the same seed gives the same activations, ids and times. Used by tests and benchmarks.
 */
export function* generateActivations(
  count: number,
  seed = 42,
  idPrefix = 'gen',
): Generator<GeneratedActivation> {
  const random = new SeededRandom(seed);
  const start = Date.parse('2026-01-05T08:00:00Z');
  for (let i = 0; i < count; i++) {
    yield generateOne(random, `${idPrefix}-${seed}-${i}`, start + i * 3_600_000);
  }
}

function generateOne(random: SeededRandom, activationId: string, startMillis: number): GeneratedActivation {
  const place = random.pick(PLACES);
  const lead = random.chance(0.6) ? 'NLA' : place.municipality;
  const actor = (agency: string, role = Role.INSPECTOR): Actor =>
    ({ userId: `${role.toLowerCase()}@${agency.toLowerCase()}`, agency, role }) as Actor;
  const coordinator = { ...actor(place.region, Role.COORDINATOR), region: place.region } as Actor;
  let clock = startMillis;
  let state = initialActivationState;
  const events: GeneratedActivation['events'] = [];
  const run = (as: Actor, command: Record<string, unknown> & { type: ActivationCommand['type'] }) => {
    clock += random.int(5, 600) * 60_000;
    const now = new Date(clock).toISOString();
    const decision = decideAsStored({ ...command, activationId }, state, { actor: as, now });
    if (!decision.ok)
      throw new Error(`generator produced a refused ${command.type}: ${decision.error.message}`);
    for (const event of decision.events) {
      state = evolveActivation(state, event);
      events.push({ event, actor: as, occurredAt: now });
    }
  };

  const repressive = random.chance(0.3);
  const location = { address: `Straat ${random.int(1, 300)}`, postcode: '3011 AB', city: place.city };
  const employer = {
    name: `Bedrijf ${random.int(1, 5000)} BV`,
    kvkNumber: String(random.int(10_000_000, 99_999_999)),
  };
  // One person per subject (the decider refuses a subject id with another BSN): subject n has BSN n of the
  // list. The draw is kept so that generated stores stay as they were in every other respect.
  const subject = (n: number) => {
    random.pick(BSNS);
    return {
      subjectId: `${activationId}-p${n}`,
      name: `Werknemer ${n}`,
      bsn: BSNS[n % BSNS.length],
      nationality: random.pick(NATIONALITIES),
    };
  };
  run(actor(lead), {
    type: 'OpenActivation',
    kind: repressive ? ActivationKind.REPRESSIVE : ActivationKind.PREVENTIVE,
    title: `Generated activation ${activationId}`,
    trigger: random.chance(0.5) ? ActivationTrigger.OWN_OBSERVATION : ActivationTrigger.EXTERNAL_REPORT,
    themes: random
      .some([Theme.HOUSING, Theme.WORK, Theme.TRANSPORT, Theme.HEALTH], 2)
      .concat(Theme.WORK)
      .filter((theme, index, all) => all.indexOf(theme) === index),
    region: place.region,
    municipality: place.municipality,
    leadAgency: lead,
    location,
    employer,
    ...(repressive
      ? {
          initialSignal: {
            signalId: `${activationId}-s0`,
            source: { kind: SignalSourceKind.PARTNER_AGENCY, agency: `GGD${place.region.slice(2)}` },
            description: 'Bevestigde besmettingen onder bewoners.',
            confirmedInfection: true,
          },
        }
      : {}),
  });

  const partners = [...new Set([place.municipality, ...random.some(PARTNERS, 2)])].filter((a) => a !== lead);
  for (const agency of partners) run(actor(lead), { type: 'InviteAgency', agency });
  for (const agency of partners) if (random.chance(0.85)) run(actor(agency), { type: 'JoinActivation' });
  const participants = state.opened ? [...state.participants] : [lead];

  run(actor(random.pick(participants)), {
    type: 'RecordSignal',
    signalId: `${activationId}-s1`,
    source: { kind: SignalSourceKind.EXTERNAL, name: 'Melder' },
    description: 'Signaal over huisvesting en werk.',
    subjects: [subject(1), subject(2)],
  });
  const inspectionId = `${activationId}-i1`;
  run(actor(lead), {
    type: 'ScheduleInspection',
    inspectionId,
    plannedAt: new Date(clock + 86_400_000).toISOString(),
    location,
  });
  run(actor(lead), { type: 'CompleteInspection', inspectionId, outcomeSummary: 'Inspectie uitgevoerd.' });
  const findingCount = random.int(1, 4);
  for (let f = 0; f < findingCount; f++) {
    const category = random.pick(FINDINGS);
    run(actor(random.pick(participants)), {
      type: 'RecordFinding',
      findingId: `${activationId}-f${f}`,
      category,
      description: `Bevinding ${category.toLowerCase()}.`,
      inspectionId,
      subjects: [subject(1)],
      ...(MONEY.has(category)
        ? { amounts: [{ label: 'bedrag', euroCents: random.int(1000, 500_000) }] }
        : {}),
    });
  }
  if (random.chance(0.7)) {
    const type = random.pick([
      InterventionType.WARNING,
      InterventionType.ORDER,
      InterventionType.FINE,
      InterventionType.CLOSURE,
    ]);
    run(actor(lead), {
      type: 'ImposeIntervention',
      interventionId: `${activationId}-m1`,
      interventionType: type,
      description: 'Maatregel opgelegd.',
      ...(type === InterventionType.FINE ? { amountEuroCents: random.int(10_000, 2_000_000) } : {}),
    });
  }
  if (participants.length >= 2 && random.chance(0.5)) {
    run(coordinator, {
      type: 'DecideIntegratedDeployment',
      integrated: true,
      agencies: participants.slice(0, 2),
      rationale: 'Gezamenlijke aanpak.',
    });
  }
  if (random.chance(0.6)) {
    run(actor(lead), {
      type: 'FileReport',
      reportId: `${activationId}-r1`,
      summary: 'Procesverslag.',
      outcome: 'Afgerond.',
    });
    run(coordinator, { type: 'CloseActivation', outcome: 'Afgerond.' });
  }
  return { activationId, region: place.region, events };
}
