import {
  ActivationEvent,
  ActivationKind,
  ActivationTrigger,
  agencyCode,
  bsn,
  calendarDate,
  caseNumber,
  countryCode,
  DataCategory,
  euroCents,
  InterventionType,
  kvkNumber,
  municipalityCode,
  postcode,
  safetyRegion,
  SignalSourceKind,
  Theme,
} from '#domain';

/** One event of the sample, as the store would hold it. */
export interface SampleEvent {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly actingAgency: string;
  readonly event: ActivationEvent;
}

const { LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, INTERVENTION, REPORT } = DataCategory;
const NLA = agencyCode('NLA');
const location = { address: 'Voorbeeldstraat 1', postcode: postcode('1234 AB'), city: 'Voorbeeldstad' };
const employer = { name: 'Voorbeeld Bouw B.V.', kvkNumber: kvkNumber('12345678') };
// 123456782 passes the eleven-test and is the usual example number of the BSN's documentation.
const worker = {
  subjectId: 'voorbeeld-1',
  name: 'A. Voorbeeld',
  bsn: bsn('123456782'),
  birthDate: calendarDate('1990-01-01'),
  nationality: countryCode('PL'),
};
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (time: string) => `2026-06-01T${time}:00+02:00`;

/**
 * A fictitious activation, fixed in code, that shows a policy admin what an agency would see under an
 * agreement's categories. Nothing in it is case data (the preview never reads the store's activations,
 * so a policy admin still reads no case data): every name, number and address is made up. It holds the
 * categories of a common case (CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, INTERVENTION, REPORT);
 * the redaction tests prove every event type against every category set, this only illustrates.
 */
export const SAMPLE_ACTIVATION: readonly SampleEvent[] = [
  {
    eventId: id(1),
    occurredAt: at('09:00'),
    actingAgency: NLA,
    event: {
      type: 'activation.opened',
      data: {
        activationId: id(100),
        title: { text: 'Voorbeeld: huisvesting op een bouwplaats', categories: [EMPLOYER] },
        caseNumber: caseNumber('VR17-2026-0001'),
        kind: ActivationKind.PREVENTIVE,
        trigger: ActivationTrigger.OWN_OBSERVATION,
        themes: [Theme.HOUSING, Theme.WORK],
        region: safetyRegion('VR17'),
        municipality: municipalityCode('GM0599'),
        leadAgency: NLA,
        location,
        employer,
      },
    },
  },
  {
    eventId: id(2),
    occurredAt: at('09:10'),
    actingAgency: NLA,
    event: {
      type: 'signal.recorded',
      data: {
        signalId: id(200),
        recordedBy: NLA,
        source: { kind: SignalSourceKind.ANONYMOUS },
        description: { text: 'Twaalf arbeiders slapen in een bouwkeet.', categories: [LOCATION, PERSONAL] },
        subjects: [worker],
      },
    },
  },
  {
    eventId: id(3),
    occurredAt: at('11:00'),
    actingAgency: NLA,
    event: {
      type: 'finding.recorded',
      data: {
        findingId: id(300),
        category: INCOME,
        description: { text: 'Loon onder het minimumloon na inhoudingen.', categories: [INCOME] },
        recordedBy: NLA,
        subjects: [worker],
        amounts: [{ label: 'Inhouding huisvesting per week', euroCents: euroCents(12500) }],
      },
    },
  },
  {
    eventId: id(4),
    occurredAt: at('11:15'),
    actingAgency: NLA,
    event: {
      type: 'finding.recorded',
      data: {
        findingId: id(301),
        category: HEALTH,
        description: { text: 'Een arbeider heeft koorts.', categories: [HEALTH] },
        recordedBy: NLA,
        confirmedInfection: false,
      },
    },
  },
  {
    eventId: id(5),
    occurredAt: at('14:00'),
    actingAgency: NLA,
    event: {
      type: 'intervention.imposed',
      data: {
        interventionId: id(400),
        interventionType: InterventionType.WARNING,
        imposedBy: NLA,
        addressee: employer,
        description: { text: 'Waarschuwing: huisvesting op de bouwplaats.', categories: [INTERVENTION] },
        location,
        findingIds: [id(300)],
        findingCategories: [INCOME],
      },
    },
  },
  {
    eventId: id(6),
    occurredAt: at('16:00'),
    actingAgency: NLA,
    event: {
      type: 'report.filed',
      data: {
        reportId: id(500),
        filedBy: NLA,
        summary: { text: 'Bouwplaats bezocht; waarschuwing gegeven.', categories: [REPORT] },
        outcome: { text: 'Arbeiders elders gehuisvest.', categories: [REPORT] },
      },
    },
  },
];
