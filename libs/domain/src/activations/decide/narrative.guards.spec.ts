import { describe, expect, it } from '@jest/globals';
import { Actor, Role } from '../../shared/actor.value.js';
import { agencyCode } from '../../shared/agency-code.value.js';
import { bsn, bsnsIn } from '../../shared/bsn.value.js';
import { DataCategory } from '../../shared/data-category.enum.js';
import { municipalityCode } from '../../shared/municipality-code.value.js';
import { safetyRegion } from '../../shared/safety-region.value.js';
import { ActivationErrorCode as E } from '../activation.errors.js';
import { ActivationEventDataMap, ActivationEventOf, ActivationEventType } from '../activation.events.js';
import { given } from '../activation.scenario.js';
import {
  ActivationKind,
  ActivationTrigger,
  InterventionType,
  SignalSourceKind,
  Theme,
} from '../activation.vocabulary.js';

const NOW = '2026-06-01T09:30:00+02:00';
const NLA = agencyCode('NLA');
const nla: Actor = { userId: 'u-nla', agency: NLA, role: Role.INSPECTOR };
const by = () => ({ actor: nla, now: NOW, activationId: 'act-1' });
const ev = <T extends ActivationEventType>(
  type: T,
  data: ActivationEventDataMap[T],
): ActivationEventOf<T> => ({
  type,
  data,
});

const opened = ev('activation.opened', {
  activationId: 'act-1',
  title: { text: 'Kas Westland' },
  kind: ActivationKind.PREVENTIVE,
  trigger: ActivationTrigger.OWN_OBSERVATION,
  themes: [Theme.WORK],
  region: safetyRegion('VR17'),
  municipality: municipalityCode('GM0599'),
  leadAgency: NLA,
});
const kowalski = { subjectId: 'p-1', name: 'Jan Kowałski', bsn: bsn('628194821') };
const signalAboutKowalski = ev('signal.recorded', {
  signalId: 's-1',
  recordedBy: NLA,
  source: { kind: SignalSourceKind.ANONYMOUS },
  description: { text: 'Underpayment reported.', categories: [DataCategory.PERSONAL] },
  subjects: [kowalski],
});
const criminalFinding = ev('finding.recorded', {
  findingId: 'f-crim',
  category: DataCategory.CRIMINAL,
  description: { text: 'Passports held by the employer.' },
  recordedBy: NLA,
});
const close = (text: string, categories?: string[]) => ({
  ...by(),
  type: 'CloseActivation' as const,
  outcome: text,
  ...(categories && { outcomeCategories: categories }),
});

describe('free text carries the categories of what it says', () => {
  describe('given an activation that records Jan Kowałski', () => {
    const history = [opened, signalAboutKowalski];

    it('when a text not classified PERSONAL names him, then it is refused, naming the field and where he belongs', () => {
      const decision = given(history)
        .when({
          ...by(),
          type: 'DecideIntegratedDeployment',
          integrated: false,
          agencies: [],
          rationale: 'Alleen  jan kowalski werkt er nog.',
        })
        .then(E.PERSONAL_DATA_IN_TEXT);
      expect(decision).toMatchObject({
        ok: false,
        error: {
          field: 'rationale',
          message: expect.stringMatching(/Jan Kowałski.*subjects.*rationaleCategories/s),
        },
      });
    });

    it('when a text names his BSN, written with dots, then it is refused', () => {
      given(history)
        .when({
          ...by(),
          type: 'RecordFinding',
          findingId: 'f-1',
          category: 'LOCATION',
          description: 'Bed of 6281.94.821 in the shed.',
        })
        .then(E.PERSONAL_DATA_IN_TEXT);
    });

    it('when the author classifies the text PERSONAL, then it may name him', () => {
      given(history)
        .when({
          ...by(),
          type: 'MakeReferral',
          referralId: 'r-1',
          toAgency: 'POL',
          reason: 'Jan Kowalski, BSN 628194821, kept without passport.',
          reasonCategories: ['CRIMINAL', 'PERSONAL', 'PERSONAL'],
        })
        .then([
          ev('referral.made', {
            referralId: 'r-1',
            fromAgency: NLA,
            toAgency: agencyCode('POL'),
            reason: {
              text: 'Jan Kowalski, BSN 628194821, kept without passport.',
              categories: [DataCategory.CRIMINAL, DataCategory.PERSONAL],
            },
          }),
        ]);
    });

    it('when the author classifies a BSN-naming text HEALTH only, then it is refused: persons need PERSONAL', () => {
      given(history)
        .when({
          ...by(),
          type: 'RecordFinding',
          findingId: 'f-2',
          category: 'HEALTH',
          description: 'Positive test of 628194821.',
          descriptionCategories: ['HEALTH'],
        })
        .then(E.PERSONAL_DATA_IN_TEXT);
    });
  });

  it('given a signal that itself names persons, when its undeclared description names them, then it is kept (its default includes PERSONAL)', () => {
    given([opened])
      .when({
        ...by(),
        type: 'RecordSignal',
        signalId: 's-2',
        source: { kind: 'ANONYMOUS' },
        description: 'Jan Kowałski (628194821) sleeps in the shed.',
        subjects: [{ subjectId: 'p-1', name: 'Jan Kowałski', bsn: '628194821' }],
      })
      .then([
        ev('signal.recorded', {
          signalId: 's-2',
          recordedBy: NLA,
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: { text: 'Jan Kowałski (628194821) sleeps in the shed.' },
          subjects: [kowalski],
        }),
      ]);
  });

  const report = ev('report.filed', {
    reportId: 'r-1',
    filedBy: NLA,
    summary: { text: 'Summary.' },
    outcome: { text: 'Outcome.' },
  });
  const closed = ev('activation.closed', { outcome: { text: 'Closed.' } });

  it('given a closed activation, when a number that fails the eleven-test stands in the text, then it is no BSN', () => {
    given([opened, signalAboutKowalski, report, closed])
      .when({ ...by(), type: 'ReopenActivation', reason: 'Order 123456789 came back.' })
      .then([ev('activation.reopened', { reason: { text: 'Order 123456789 came back.' } })]);
  });

  it('refuses declared categories that are none, naming the sibling field', () => {
    const decision = given([opened, signalAboutKowalski, report])
      .when(close('Done.', ['SECRET']))
      .then(E.INVALID_INPUT);
    expect(decision).toMatchObject({ error: { field: 'outcomeCategories' } });
  });

  it('finds BSNs as people write them, and not in other numbers', () => {
    expect(bsnsIn('BSN 628194821, 6281.94.821 and 628 194 821')).toEqual(['628194821']);
    expect(
      bsnsIn('123456789 fails the test; 9-digit runs in 4c2f628194821e1 or 06-28194821 are no BSN'),
    ).toEqual([]);
  });
});

describe('a reference carries the category of what it points to', () => {
  it('given a CRIMINAL finding, when a warning rests on it, then the warning names the CRIMINAL category beside the id', () => {
    given([opened, criminalFinding])
      .when({
        ...by(),
        type: 'ImposeIntervention',
        interventionId: 'iv-1',
        interventionType: 'WARNING',
        description: 'Return the passports.',
        addressee: { name: 'De Kas BV' },
        findingIds: ['f-crim'],
      })
      .then([
        ev('intervention.imposed', {
          interventionId: 'iv-1',
          interventionType: InterventionType.WARNING,
          imposedBy: NLA,
          addressee: { name: 'De Kas BV' },
          description: { text: 'Return the passports.' },
          findingIds: ['f-crim'],
          findingCategories: [DataCategory.CRIMINAL],
        }),
      ]);
  });
});
