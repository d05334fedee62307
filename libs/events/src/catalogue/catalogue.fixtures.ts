import {
  ActivationEvent,
  ActivationEventDataMap,
  ActivationEventOf,
  ActivationEventType,
  ActivationKind,
  ActivationTrigger,
  agencyCode,
  bsn,
  calendarDate,
  caseNumber,
  countryCode,
  DataCategory,
  ErasureCause,
  ErasureScope,
  euroCents,
  instant,
  InterventionType,
  kvkNumber,
  municipalityCode,
  postcode,
  safetyRegion,
  SignalSourceKind,
  Theme,
} from '#domain';

type Primitive = string | number | boolean | null | undefined;

/** The payload with every optional field present and every array non-empty. */
type Complete<T> = T extends Primitive
  ? T
  : T extends readonly (infer Element)[]
    ? readonly [Complete<Element>, ...Complete<Element>[]]
    : { readonly [K in keyof T]-?: Complete<NonNullable<T[K]>> };

type Samples = {
  readonly [T in ActivationEventType]: {
    readonly type: T;
    readonly data: Complete<ActivationEventDataMap[T]>;
  };
};

const { PERSONAL, HEALTH, LOCATION, EMPLOYER, INTERVENTION, CRIMINAL, BENEFITS, REPORT } = DataCategory;
const NLA = agencyCode('NLA');
const UWV = agencyCode('UWV');
const location = { address: 'Havenweg 12', postcode: postcode('3011 AB'), city: 'Rotterdam' };
const employer = {
  name: 'Bouwbedrijf De Maas B.V.',
  kvkNumber: kvkNumber('12345678'),
  staffingAgency: { name: 'FlexWerk Uitzend B.V.', kvkNumber: kvkNumber('87654321') },
};
const subject = {
  subjectId: 'p-1',
  name: 'Jan Kowalski',
  bsn: bsn('111222333'),
  birthDate: calendarDate('1990-04-23'),
  nationality: countryCode('PL'),
};

/*
 * One event of every type with every field filled in, so a test that walks them touches every field the
 * catalogue must classify. The type makes a forgotten optional field or event type a compile error. They
 * are complete, not necessarily decidable: the finding is a HEALTH finding that also carries amounts,
 * which the decider would refuse, because the point is to exercise every field.
 */
const SAMPLES: Samples = {
  'activation.opened': {
    type: 'activation.opened',
    data: {
      activationId: 'act-1',
      title: { text: 'Bouwplaats Havenweg: bewoning en besmettingen', categories: [EMPLOYER] },
      caseNumber: caseNumber('VR17-2020-0001'),
      kind: ActivationKind.REPRESSIVE,
      trigger: ActivationTrigger.EXTERNAL_REPORT,
      themes: [Theme.HOUSING, Theme.WORK, Theme.HEALTH],
      region: safetyRegion('VR17'),
      municipality: municipalityCode('GM0599'),
      leadAgency: NLA,
      location,
      employer,
      triggeredBy: { kind: 'SIGNAL', id: 's-1' },
    },
  },
  'signal.recorded': {
    type: 'signal.recorded',
    data: {
      signalId: 's-1',
      recordedBy: NLA,
      source: {
        kind: SignalSourceKind.PARTNER_AGENCY,
        agency: agencyCode('GGD17'),
        name: 'Team Infectieziekten',
      },
      description: {
        text: 'Positive tests among workers housed at the building site.',
        categories: [HEALTH, PERSONAL],
      },
      subjects: [subject],
      confirmedInfection: true,
      healthDetail: { text: 'Three positive PCR tests on 30 May.', categories: [HEALTH] },
    },
  },
  'agency.invited': {
    type: 'agency.invited',
    data: {
      agency: UWV,
      invitedBy: NLA,
      reason: { text: 'Uitkeringen spelen mee.', categories: [PERSONAL] },
    },
  },
  'agency.joined': { type: 'agency.joined', data: { agency: UWV } },
  'agency.left': {
    type: 'agency.left',
    data: { agency: UWV, reason: { text: 'No benefits involved.', categories: [PERSONAL] } },
  },
  'activation.escalated': {
    type: 'activation.escalated',
    data: { kind: ActivationKind.REPRESSIVE, triggeredBy: { kind: 'FINDING', id: 'f-1' } },
  },
  'inspection.scheduled': {
    type: 'inspection.scheduled',
    data: {
      inspectionId: 'i-1',
      plannedAt: instant('2020-06-02T07:00:00+02:00'),
      location,
      agencies: [NLA, UWV],
    },
  },
  'inspection.completed': {
    type: 'inspection.completed',
    data: {
      inspectionId: 'i-1',
      outcomeSummary: { text: 'Site and housing visited with UWV.', categories: [LOCATION] },
    },
  },
  'inspection.cancelled': {
    type: 'inspection.cancelled',
    data: { inspectionId: 'i-2', reason: { text: 'Site empty.', categories: [LOCATION] } },
  },
  'finding.recorded': {
    type: 'finding.recorded',
    data: {
      findingId: 'f-1',
      category: DataCategory.HEALTH,
      description: {
        text: 'Two workers with confirmed infection share a room with six others.',
        categories: [HEALTH],
      },
      recordedBy: NLA,
      inspectionId: 'i-1',
      subjects: [subject],
      amounts: [{ label: 'Sick pay withheld per week', euroCents: euroCents(35000) }],
      confirmedInfection: true,
    },
  },
  'intervention.imposed': {
    type: 'intervention.imposed',
    data: {
      interventionId: 'iv-1',
      interventionType: InterventionType.FINE,
      imposedBy: NLA,
      addressee: employer,
      description: { text: 'Fine for housing workers on the building site.', categories: [INTERVENTION] },
      amountEuroCents: euroCents(450000),
      legalBasis: 'Arbeidsomstandighedenwet art. 5',
      location,
      inspectionId: 'i-1',
      findingIds: ['f-1'],
      findingCategories: [HEALTH],
    },
  },
  'referral.made': {
    type: 'referral.made',
    data: {
      referralId: 'rf-1',
      fromAgency: NLA,
      toAgency: agencyCode('POL'),
      reason: { text: 'Signs of human trafficking.', categories: [CRIMINAL, PERSONAL] },
      inspectionId: 'i-1',
      findingIds: ['f-1'],
      findingCategories: [HEALTH],
    },
  },
  'integrated-deployment.decided': {
    type: 'integrated-deployment.decided',
    data: {
      integrated: true,
      agencies: [NLA, UWV],
      rationale: { text: 'Housing and benefits fraud go together.', categories: [BENEFITS, LOCATION] },
    },
  },
  'report.filed': {
    type: 'report.filed',
    data: {
      reportId: 'r-1',
      filedBy: NLA,
      summary: { text: 'Housing inspected jointly; fine imposed; referral to police.', categories: [REPORT] },
      outcome: { text: 'Workers rehoused; site reopened after improvements.', categories: [REPORT] },
    },
  },
  'document.attached': {
    type: 'document.attached',
    data: {
      attachmentId: 'att-1',
      attachedBy: NLA,
      title: { text: 'Foto slaapruimte', categories: [LOCATION, PERSONAL] },
      contentType: 'image/jpeg',
      byteLength: 2048,
      sha256: 'a'.repeat(64),
      categories: [LOCATION, PERSONAL],
    },
  },
  'activation.closed': {
    type: 'activation.closed',
    data: { outcome: { text: 'Workers rehoused.', categories: [PERSONAL] } },
  },
  'activation.reopened': {
    type: 'activation.reopened',
    data: { reason: { text: 'New complaint from the union.', categories: [PERSONAL] } },
  },
  'lead.transferred': {
    type: 'lead.transferred',
    data: {
      fromAgency: NLA,
      toAgency: UWV,
      reason: { text: 'UWV carries the benefits investigation.', categories: [PERSONAL] },
    },
  },
  'closing.proposed': {
    type: 'closing.proposed',
    data: { proposedBy: UWV, reason: { text: 'All inspections done.', categories: [PERSONAL] } },
  },
  'activation.numbered': {
    type: 'activation.numbered',
    data: { caseNumber: caseNumber('VR17-2020-0001') },
  },
  'invitation.declined': {
    type: 'invitation.declined',
    data: { agency: UWV, reason: { text: 'Geen uitkeringen in het spel.', categories: [PERSONAL] } },
  },
  // Corrections of the HEALTH finding f-1: events of its category, its persons seen as they were.
  'subject.corrected': {
    type: 'subject.corrected',
    data: {
      entryKind: 'FINDING',
      entryId: 'f-1',
      entryCategory: HEALTH,
      subjectCategories: [HEALTH, PERSONAL],
      subject: { ...subject, bsn: bsn('123456782') },
      correctedBy: NLA,
      reason: { text: 'BSN mistyped in the field.', categories: [HEALTH, PERSONAL] },
    },
  },
  'finding.corrected': {
    type: 'finding.corrected',
    data: {
      findingId: 'f-1',
      category: HEALTH,
      description: { text: 'Three workers with confirmed infection share a room.', categories: [HEALTH] },
      amounts: [{ label: 'Sick pay withheld per week', euroCents: euroCents(30000) }],
      correctedBy: NLA,
      reason: { text: 'Recounted the workers.', categories: [HEALTH] },
    },
  },
  'entry.withdrawn': {
    type: 'entry.withdrawn',
    data: {
      entryKind: 'FINDING',
      entryId: 'f-1',
      entryCategory: HEALTH,
      correctedBy: NLA,
      reason: { text: 'Recorded on the wrong case.', categories: [HEALTH] },
    },
  },
  'location.corrected': {
    type: 'location.corrected',
    data: {
      location: { ...location, address: 'Havenweg 21' },
      correctedBy: NLA,
      reason: { text: 'House number swapped.', categories: [LOCATION] },
    },
  },
  'employer.corrected': {
    type: 'employer.corrected',
    data: {
      employer: { ...employer, name: 'Bouwbedrijf Maasdelta B.V.' },
      correctedBy: NLA,
      reason: { text: 'Wrong company of the group.', categories: [EMPLOYER] },
    },
  },
  'region.corrected': {
    type: 'region.corrected',
    data: {
      fromRegion: safetyRegion('VR09'),
      fromMunicipality: municipalityCode('GM0599'),
      region: safetyRegion('VR17'),
      municipality: municipalityCode('GM0599'),
      correctedBy: agencyCode('VR09'),
      reason: { text: 'Rotterdam lies in Rotterdam-Rijnmond.', categories: [PERSONAL] },
    },
  },
  'personal-data.erased': {
    type: 'personal-data.erased',
    data: {
      erasureId: '9b2f6c1e-4d3a-4f7b-8a21-5c0e9d7b3a64',
      cause: ErasureCause.ERASURE,
      scope: ErasureScope.PERSON,
      subjectRef: 'Bq3kqVt0b3Zx9pJ1Yx2cWw',
    },
  },
};

/** One fully populated event per type, in catalogue order; a fresh copy each call, so tests may change them. */
export function sampleEvents(): ActivationEvent[] {
  return Object.values(SAMPLES).map((sample) => structuredClone(sample) as ActivationEvent);
}

export function sampleEvent<T extends ActivationEventType>(type: T): ActivationEventOf<T> {
  return structuredClone(SAMPLES[type]) as ActivationEventOf<T>;
}
