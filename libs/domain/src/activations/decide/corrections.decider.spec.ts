import { describe, expect, it } from '@jest/globals';
import { Actor, Role } from '../../shared/actor.value.js';
import { agencyCode } from '../../shared/agency-code.value.js';
import { bsn } from '../../shared/bsn.value.js';
import { countryCode } from '../../shared/country-code.value.js';
import { DataCategory } from '../../shared/data-category.enum.js';
import { kvkNumber } from '../../shared/kvk-number.value.js';
import { municipalityCode } from '../../shared/municipality-code.value.js';
import { postcode } from '../../shared/postcode.value.js';
import { safetyRegion } from '../../shared/safety-region.value.js';
import { ActivationErrorCode as E } from '../activation.errors.js';
import { ActivationEventDataMap, ActivationEventOf, ActivationEventType } from '../activation.events.js';
import { given } from '../activation.scenario.js';
import { ActivationKind, ActivationTrigger, SignalSourceKind, Theme } from '../activation.vocabulary.js';

/*
 * Corrections (AVG art. 16): given an activation with entries recorded by NLA and UWV, when an agency
 * corrects one, then a correction event with the reason, classified like what it corrects, or a refusal
 * that says who may correct.
 */

const ID = 'act-1';
const NOW = '2020-06-03T10:00:00+02:00';
const NLA = agencyCode('NLA');
const UWV = agencyCode('UWV');
const BD = agencyCode('BD');
const VR17 = safetyRegion('VR17');
const VR09 = safetyRegion('VR09');
const GM0599 = municipalityCode('GM0599');
const GM0606 = municipalityCode('GM0606');

const nla: Actor = { userId: 'u-nla', agency: NLA, role: Role.INSPECTOR };
const uwv: Actor = { userId: 'u-uwv', agency: UWV, role: Role.INSPECTOR };
const bd: Actor = { userId: 'u-bd', agency: BD, role: Role.INSPECTOR };
const vr09: Actor = { userId: 'u-vr09', agency: VR09, role: Role.COORDINATOR, region: VR09 };
const vr17: Actor = { userId: 'u-vr17', agency: VR17, role: Role.COORDINATOR, region: VR17 };

function ev<T extends ActivationEventType>(type: T, data: ActivationEventDataMap[T]): ActivationEventOf<T> {
  return { type, data };
}
const by = (actor: Actor) => ({ actor, now: NOW, activationId: ID });

const location = { address: 'Havenweg 12', postcode: postcode('3011 AB'), city: 'Rotterdam' };
const employer = { name: 'Bouwbedrijf De Maas B.V.', kvkNumber: kvkNumber('12345678') };
const worker = {
  subjectId: 'w1',
  name: 'Jan Kowalski',
  bsn: bsn('111222333'),
  nationality: countryCode('PL'),
};

const history = [
  ev('activation.opened', {
    activationId: ID,
    title: { text: 'Bouwplaats Havenweg' },
    kind: ActivationKind.PREVENTIVE,
    trigger: ActivationTrigger.OWN_OBSERVATION,
    themes: [Theme.HOUSING],
    // Rotterdam recorded in Utrecht's region: the mistake the coordinator corrects.
    region: VR09,
    municipality: GM0599,
    leadAgency: NLA,
    location,
    employer,
  }),
  ev('agency.invited', { agency: UWV, invitedBy: NLA }),
  ev('agency.joined', { agency: UWV }),
  ev('agency.invited', { agency: BD, invitedBy: NLA }),
  ev('agency.joined', { agency: BD }),
  ev('signal.recorded', {
    signalId: 's-1',
    recordedBy: NLA,
    source: { kind: SignalSourceKind.EXTERNAL, name: 'FNV Bouw' },
    description: { text: 'Workers sleep in a shed.', categories: [DataCategory.LOCATION] },
    subjects: [worker],
  }),
  ev('finding.recorded', {
    findingId: 'f-health',
    category: DataCategory.HEALTH,
    description: { text: 'Two workers with confirmed infection.', categories: [DataCategory.HEALTH] },
    recordedBy: NLA,
    subjects: [worker],
    confirmedInfection: true,
  }),
  ev('finding.recorded', {
    findingId: 'f-income',
    category: DataCategory.INCOME,
    description: { text: 'Paid below minimum wage.', categories: [DataCategory.INCOME] },
    recordedBy: UWV,
    amounts: [{ label: 'hourly wage', euroCents: 980 as never }],
  }),
];

const because = { reason: 'Typed wrongly in the field.', reasonCategories: ['PERSONAL'] };

describe('correcting a person recorded in an entry', () => {
  it('is a subject.corrected event of the finding’s category, its person seen as the finding’s persons were', () => {
    given(history)
      .when({
        ...by(nla),
        type: 'CorrectSubject',
        entryKind: 'FINDING',
        entryId: 'f-health',
        subject: { subjectId: 'w1', name: 'Jan Kowalski', bsn: '123.456.782', nationality: 'pl' },
        ...because,
      })
      .then([
        ev('subject.corrected', {
          entryKind: 'FINDING',
          entryId: 'f-health',
          entryCategory: DataCategory.HEALTH,
          subjectCategories: [DataCategory.HEALTH, DataCategory.PERSONAL],
          subject: {
            subjectId: 'w1',
            name: 'Jan Kowalski',
            bsn: bsn('123456782'),
            nationality: countryCode('PL'),
          },
          correctedBy: NLA,
          reason: { text: 'Typed wrongly in the field.', categories: [DataCategory.PERSONAL] },
        }),
      ]);
  });

  it('corrects a person in a signal under PERSONAL only, as a signal without health names them', () => {
    const decision = given(history)
      .when({
        ...by(nla),
        type: 'CorrectSubject',
        entryKind: 'SIGNAL',
        entryId: 's-1',
        subject: { subjectId: 'w1', name: 'Jan Kowalsky' },
        reason: 'Name misspelt.',
      })
      .then([
        ev('subject.corrected', {
          entryKind: 'SIGNAL',
          entryId: 's-1',
          entryCategory: DataCategory.CASE,
          subjectCategories: [DataCategory.PERSONAL],
          subject: { subjectId: 'w1', name: 'Jan Kowalsky' },
          correctedBy: NLA,
          reason: { text: 'Name misspelt.' },
        }),
      ]);
    expect(decision.ok).toBe(true);
  });

  it('requires a reason', () => {
    const decision = given(history)
      .when({
        ...by(nla),
        type: 'CorrectSubject',
        entryKind: 'FINDING',
        entryId: 'f-health',
        subject: { subjectId: 'w1', name: 'Jan Kowalski' },
      })
      .then(E.INVALID_INPUT);
    expect(decision).toMatchObject({ error: { field: 'reason' } });
  });

  it('answers another agency’s entry exactly as one that does not exist, and says who may correct', () => {
    const command = {
      ...by(bd),
      type: 'CorrectSubject' as const,
      entryKind: 'FINDING' as const,
      subject: { subjectId: 'w1', name: 'X' },
      reason: 'No.',
    };
    const hidden = given(history)
      .when({ ...command, entryId: 'f-health' })
      .then(E.ENTRY_NOT_FOUND);
    const absent = given(history)
      .when({ ...command, entryId: 'f-none' })
      .then(E.ENTRY_NOT_FOUND);
    expect(hidden.ok || hidden.error.message.replace('f-health', 'ID')).toBe(
      absent.ok || absent.error.message.replace('f-none', 'ID'),
    );
    expect(hidden).toMatchObject({
      error: {
        message: expect.stringMatching(/only the agency that recorded a signal or finding may correct it/),
      },
    });
  });

  it('refuses a corrected BSN that another person of the activation has, and frees the one it replaced', () => {
    const other = ev('signal.recorded', {
      signalId: 's-2',
      recordedBy: NLA,
      source: { kind: SignalSourceKind.ANONYMOUS },
      description: { text: 'Second worker.', categories: [DataCategory.PERSONAL] },
      subjects: [{ subjectId: 'w2', name: 'Piotr Nowak', bsn: bsn('123456782') }],
    });
    const correct = (bsnTyped: string) => ({
      ...by(nla),
      type: 'CorrectSubject' as const,
      entryKind: 'SIGNAL' as const,
      entryId: 's-1',
      subject: { subjectId: 'w1', name: 'Jan Kowalski', bsn: bsnTyped },
      reason: 'BSN mistyped.',
    });
    given([...history, other])
      .when(correct('123456782'))
      .then(E.SUBJECT_CONFLICT);
    const corrected = ev('subject.corrected', {
      entryKind: 'SIGNAL',
      entryId: 's-1',
      entryCategory: DataCategory.CASE,
      subjectCategories: [DataCategory.PERSONAL],
      subject: { subjectId: 'w1', name: 'Jan Kowalski', bsn: bsn('100000009') },
      correctedBy: NLA,
      reason: { text: 'BSN mistyped.', categories: [DataCategory.PERSONAL] },
    });
    // The BSN w1 had before the correction binds no one any more.
    given([...history, corrected])
      .when({
        ...by(nla),
        type: 'RecordSignal',
        signalId: 's-3',
        source: { kind: 'ANONYMOUS' },
        description: 'Third worker.',
        descriptionCategories: ['PERSONAL'],
        subjects: [{ subjectId: 'w3', name: 'Ana Popescu', bsn: '111222333' }],
      })
      .then([
        ev('signal.recorded', {
          signalId: 's-3',
          recordedBy: NLA,
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: { text: 'Third worker.', categories: [DataCategory.PERSONAL] },
          subjects: [{ subjectId: 'w3', name: 'Ana Popescu', bsn: bsn('111222333') }],
        }),
      ]);
  });

  it('refuses a person the entry does not name', () => {
    given(history)
      .when({
        ...by(nla),
        type: 'CorrectSubject',
        entryKind: 'SIGNAL',
        entryId: 's-1',
        subject: { subjectId: 'w9', name: 'Piotr Nowak' },
        reason: 'Wrong person.',
      })
      .then(E.SUBJECT_NOT_FOUND);
  });

  it('afterwards refuses free text below PERSONAL that names the person as corrected, and as first recorded', () => {
    const corrected = ev('subject.corrected', {
      entryKind: 'SIGNAL',
      entryId: 's-1',
      entryCategory: DataCategory.CASE,
      subjectCategories: [DataCategory.PERSONAL],
      subject: { subjectId: 'w1', name: 'Jan Kowalsky' },
      correctedBy: NLA,
      reason: { text: 'Name misspelt.', categories: [DataCategory.PERSONAL] },
    });
    const scheduled = ev('inspection.scheduled', {
      inspectionId: 'i-1',
      plannedAt: '2020-06-04T07:00:00+02:00' as never,
      location,
      agencies: [NLA],
    });
    for (const name of ['Jan Kowalsky', 'Jan Kowalski']) {
      given([...history, scheduled, corrected])
        .when({
          ...by(nla),
          type: 'CompleteInspection',
          inspectionId: 'i-1',
          outcomeSummary: `${name} rehoused.`,
          outcomeSummaryCategories: ['LOCATION'],
        })
        .then(E.PERSONAL_DATA_IN_TEXT);
    }
  });
});

describe('correcting a finding', () => {
  it('is a finding.corrected event of the finding’s category, by the agency that recorded it', () => {
    given(history)
      .when({
        ...by(uwv),
        type: 'CorrectFinding',
        findingId: 'f-income',
        amounts: [{ label: 'hourly wage', euroCents: 890 }],
        reason: 'Digits swapped.',
        reasonCategories: ['INCOME'],
      })
      .then([
        ev('finding.corrected', {
          findingId: 'f-income',
          category: DataCategory.INCOME,
          amounts: [{ label: 'hourly wage', euroCents: 890 as never }],
          correctedBy: UWV,
          reason: { text: 'Digits swapped.', categories: [DataCategory.INCOME] },
        }),
      ]);
  });

  it('classifies unclassified text like the finding’s own: with PERSONAL when it names persons', () => {
    given(history)
      .when({
        ...by(nla),
        type: 'CorrectFinding',
        findingId: 'f-health',
        description: 'Jan Kowalski and two others confirmed infected.',
        reason: 'Count was wrong.',
      })
      .then([
        ev('finding.corrected', {
          findingId: 'f-health',
          category: DataCategory.HEALTH,
          description: {
            text: 'Jan Kowalski and two others confirmed infected.',
            categories: [DataCategory.HEALTH, DataCategory.PERSONAL],
          },
          correctedBy: NLA,
          reason: { text: 'Count was wrong.', categories: [DataCategory.HEALTH, DataCategory.PERSONAL] },
        }),
      ]);
  });

  it('refuses NLA correcting UWV’s finding, as if it did not exist', () => {
    given(history)
      .when({ ...by(nla), type: 'CorrectFinding', findingId: 'f-income', description: 'x', reason: 'y' })
      .then(E.ENTRY_NOT_FOUND);
  });

  it('needs something to correct', () => {
    given(history)
      .when({ ...by(uwv), type: 'CorrectFinding', findingId: 'f-income', reason: 'y' })
      .then(E.INVALID_INPUT);
  });

  it('refuses amounts on a finding that has none', () => {
    given(history)
      .when({
        ...by(nla),
        type: 'CorrectFinding',
        findingId: 'f-health',
        amounts: [{ label: 'x', euroCents: 1 }],
        reason: 'y',
        reasonCategories: ['HEALTH'],
      })
      .then(E.INVALID_INPUT);
  });
});

describe('withdrawing a misfiled entry', () => {
  const withdrawn = ev('entry.withdrawn', {
    entryKind: 'FINDING',
    entryId: 'f-health',
    entryCategory: DataCategory.HEALTH,
    correctedBy: NLA,
    reason: { text: 'Belongs to the Schiedam case.', categories: [DataCategory.HEALTH] },
  });

  it('is an entry.withdrawn event of the entry’s category', () => {
    given(history)
      .when({
        ...by(nla),
        type: 'WithdrawEntry',
        entryKind: 'FINDING',
        entryId: 'f-health',
        reason: 'Belongs to the Schiedam case.',
        reasonCategories: ['HEALTH'],
      })
      .then([withdrawn]);
  });

  it('then refuses correcting it, or naming it as evidence', () => {
    given([...history, withdrawn])
      .when({ ...by(nla), type: 'CorrectFinding', findingId: 'f-health', description: 'x', reason: 'y' })
      .then(E.ENTRY_WITHDRAWN);
    given([...history, withdrawn])
      .when({ ...by(nla), type: 'EscalateActivation', triggeredBy: { kind: 'FINDING', id: 'f-health' } })
      .then(E.ENTRY_WITHDRAWN);
  });

  it('is refused to an agency that did not record the entry', () => {
    given(history)
      .when({ ...by(uwv), type: 'WithdrawEntry', entryKind: 'SIGNAL', entryId: 's-1', reason: 'y' })
      .then(E.ENTRY_NOT_FOUND);
  });
});

describe('correcting the location and the employer', () => {
  const corrected = { address: 'Havenweg 21', postcode: '3011AB', city: 'Rotterdam' };

  it('lets the agency that recorded the location correct it, with the reason', () => {
    given(history)
      .when({ ...by(nla), type: 'CorrectLocation', location: corrected, reason: 'House number swapped.' })
      .then([
        ev('location.corrected', {
          location: { address: 'Havenweg 21', postcode: postcode('3011 AB'), city: 'Rotterdam' },
          correctedBy: NLA,
          reason: { text: 'House number swapped.' },
        }),
      ]);
  });

  it('lets the lead correct the location after the lead was transferred', () => {
    const transferred = [...history, ev('lead.transferred', { fromAgency: NLA, toAgency: UWV })];
    given(transferred)
      .when({ ...by(uwv), type: 'CorrectLocation', location: corrected, reason: 'Wrong number.' })
      .then([
        ev('location.corrected', {
          location: { address: 'Havenweg 21', postcode: postcode('3011 AB'), city: 'Rotterdam' },
          correctedBy: UWV,
          reason: { text: 'Wrong number.' },
        }),
      ]);
    // The employer stays with the agency that recorded it.
    given(transferred)
      .when({ ...by(uwv), type: 'CorrectEmployer', employer: { name: 'X B.V.' }, reason: 'Wrong.' })
      .then(E.NOT_CORRECTION_AUTHORITY);
  });

  it('refuses anyone else, saying who may', () => {
    const decision = given(history)
      .when({ ...by(bd), type: 'CorrectLocation', location: corrected, reason: 'Wrong number.' })
      .then(E.NOT_CORRECTION_AUTHORITY);
    expect(decision).toMatchObject({ error: { message: expect.stringContaining('Only NLA') } });
    given(history)
      .when({ ...by(bd), type: 'CorrectEmployer', employer: { name: 'X B.V.' }, reason: 'Wrong.' })
      .then(E.NOT_CORRECTION_AUTHORITY);
  });

  it('lets the recorder correct the employer', () => {
    given(history)
      .when({
        ...by(nla),
        type: 'CorrectEmployer',
        employer: { name: 'Bouwbedrijf Maasdelta B.V.', kvkNumber: '12345678' },
        reason: 'Other company of the group.',
      })
      .then([
        ev('employer.corrected', {
          employer: { name: 'Bouwbedrijf Maasdelta B.V.', kvkNumber: kvkNumber('12345678') },
          correctedBy: NLA,
          reason: { text: 'Other company of the group.' },
        }),
      ]);
  });

  it('corrects a closed activation too: rectification is owed whatever the state of the case', () => {
    const closedHistory = [
      ...history,
      ev('report.filed', { reportId: 'r-1', filedBy: NLA, summary: { text: 's' }, outcome: { text: 'o' } }),
      ev('activation.closed', { outcome: { text: 'o' } }),
    ];
    given(closedHistory)
      .when({ ...by(nla), type: 'CorrectLocation', location: corrected, reason: 'Wrong number.' })
      .then([
        ev('location.corrected', {
          location: { address: 'Havenweg 21', postcode: postcode('3011 AB'), city: 'Rotterdam' },
          correctedBy: NLA,
          reason: { text: 'Wrong number.' },
        }),
      ]);
  });
});

describe('correcting region and municipality', () => {
  it('refuses a corrected municipality that does not lie in the corrected region', () => {
    const decision = given(history)
      .when({ ...by(vr09), type: 'CorrectRegion', region: 'VR09', municipality: 'GM0599', reason: 'R.' })
      .then(E.INVALID_INPUT);
    expect(decision).toMatchObject({ error: { field: 'municipality' } });
  });

  it('lets the coordinator of the region the activation lies in move it', () => {
    given(history)
      .when({
        ...by(vr09),
        type: 'CorrectRegion',
        region: 'VR17',
        municipality: 'GM0599',
        reason: 'Rotterdam.',
      })
      .then([
        ev('region.corrected', {
          fromRegion: VR09,
          fromMunicipality: GM0599,
          region: VR17,
          municipality: GM0599,
          correctedBy: VR09,
          reason: { text: 'Rotterdam.' },
        }),
      ]);
  });

  it('refuses the lead agency and the coordinator of the region it does not lie in', () => {
    const decision = given(history)
      .when({
        ...by(nla),
        type: 'CorrectRegion',
        region: 'VR17',
        municipality: 'GM0599',
        reason: 'Rotterdam.',
      })
      .then(E.NOT_CORRECTION_AUTHORITY);
    expect(decision).toMatchObject({ error: { message: expect.stringContaining('coordinator of VR09') } });
    // VR17 does not see the activation before it moves: answered as for one that does not exist.
    given(history)
      .when({ ...by(vr17), type: 'CorrectRegion', region: 'VR17', municipality: 'GM0599', reason: 'Mine.' })
      .then(E.NOT_FOUND);
  });

  it('after the move, the new region’s coordinator decides, the old one no longer sees it', () => {
    const moved = [
      ...history,
      ev('region.corrected', {
        fromRegion: VR09,
        fromMunicipality: GM0599,
        region: VR17,
        municipality: GM0599,
        correctedBy: VR09,
        reason: { text: 'Rotterdam.' },
      }),
    ];
    given(moved)
      .when({ ...by(vr09), type: 'CorrectRegion', region: 'VR09', municipality: 'GM0344', reason: 'Back.' })
      .then(E.NOT_FOUND);
    given(moved)
      .when({ ...by(vr17), type: 'CorrectRegion', region: 'VR17', municipality: 'GM0599', reason: 'Same.' })
      .then(E.NOTHING_TO_CORRECT);
    given(moved)
      .when({
        ...by(vr17),
        type: 'CorrectRegion',
        region: 'VR17',
        municipality: 'GM0606',
        reason: 'Schiedam.',
      })
      .then([
        ev('region.corrected', {
          fromRegion: VR17,
          fromMunicipality: GM0599,
          region: VR17,
          municipality: GM0606,
          correctedBy: VR17,
          reason: { text: 'Schiedam.' },
        }),
      ]);
  });
});
