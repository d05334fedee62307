import { describe, expect, it } from '@jest/globals';
import { agencyCode } from '../shared/agency-code.value.js';
import { deciderScenario, ScenarioCommand } from '../shared/decider.scenario.js';
import { municipalityCode } from '../shared/municipality-code.value.js';
import { safetyRegion } from '../shared/safety-region.value.js';
import { foldActivation } from '../activations/activation.decider.js';
import { ActivationEvent } from '../activations/activation.events.js';
import { ActivationKind, ActivationTrigger, Theme } from '../activations/activation.vocabulary.js';
import { decideErasureEffect, prepareErasureEffect, RecordErasure } from './erasure-effect.js';
import { ErasureCause, ErasureScope } from './personal-data-erased.event.js';
import { ErasureError, ErasureErrorCode as E } from './erasure.errors.js';

const given = deciderScenario<RecordErasure, ActivationEvent, ErasureError>((command, history, context) => {
  const prepared = prepareErasureEffect(command, context);
  return prepared.ok ? decideErasureEffect(prepared.value.command, foldActivation(history)) : prepared;
});

const NOW = '2026-12-03T09:00:00+01:00';
const [E0, E1] = ['0c9a3f5e-1b2d-4e6f-9a8b-7c6d5e4f3a2b', '9b2f6c1e-4d3a-4f7b-8a21-5c0e9d7b3a64'];
const opened: ActivationEvent = {
  type: 'activation.opened',
  data: {
    activationId: 'a-1',
    title: { text: 'Huisvesting Havenweg' },
    kind: ActivationKind.PREVENTIVE,
    trigger: ActivationTrigger.OWN_OBSERVATION,
    themes: [Theme.HOUSING],
    region: safetyRegion('VR17'),
    municipality: municipalityCode('GM0599'),
    leadAgency: agencyCode('NLA'),
  },
};
const record = (
  overrides: Partial<Record<keyof RecordErasure, unknown>> = {},
): ScenarioCommand<RecordErasure> =>
  ({
    type: 'RecordErasure',
    activationId: 'a-1',
    erasureId: E1,
    cause: ErasureCause.ERASURE,
    scope: ErasureScope.PERSON,
    subjectRef: 'pseudonym-1',
    now: NOW,
    ...overrides,
  }) as ScenarioCommand<RecordErasure>;
const erased = (data: Record<string, unknown>): ActivationEvent =>
  ({ type: 'personal-data.erased', data }) as unknown as ActivationEvent;

describe('recording an erasure on an activation', () => {
  it('given an opened activation, when a person is erased, then the erasure is recorded by pseudonym only', () => {
    given([opened])
      .when(record())
      .then([erased({ erasureId: E1, cause: 'ERASURE', scope: 'PERSON', subjectRef: 'pseudonym-1' })]);
  });

  it('given an opened activation, when its retention ends, then the whole activation is recorded as erased', () => {
    given([opened])
      .when(
        record({
          erasureId: 'retention-a-1',
          cause: 'RETENTION',
          scope: 'ACTIVATION',
          subjectRef: undefined,
        }),
      )
      .then([erased({ erasureId: 'retention-a-1', cause: 'RETENTION', scope: 'ACTIVATION' })]);
  });

  it('given the erasure recorded already, when the eraser records it again, then nothing more is recorded', () => {
    given([opened, erased({ erasureId: E1, cause: 'ERASURE', scope: 'PERSON', subjectRef: 'p' })])
      .when(record())
      .then([]);
  });

  it('given another erasure recorded, when a second one is, then it is recorded too', () => {
    given([opened, erased({ erasureId: E0, cause: 'ERASURE', scope: 'PERSON', subjectRef: 'p' })])
      .when(record())
      .then([erased({ erasureId: E1, cause: 'ERASURE', scope: 'PERSON', subjectRef: 'pseudonym-1' })]);
  });

  it('given no activation, when an erasure is recorded on it, then nothing is (no one to tell)', () => {
    given([]).when(record()).then([]);
  });

  it('given any activation, when a person is named without a reference or a whole activation with one, then it is refused', () => {
    given([opened])
      .when(record({ subjectRef: undefined }))
      .then(E.INVALID_INPUT);
    given([opened])
      .when(record({ scope: 'ACTIVATION' }))
      .then(E.INVALID_INPUT);
  });

  it('given any activation, when the erasure id is words, not a request UUID nor its retention id, then it is refused', () => {
    const decision = given([opened])
      .when(record({ erasureId: 'erasure-jan-kowalski' }))
      .then(E.INVALID_INPUT);
    expect(decision).toMatchObject({ error: { field: 'erasureId' } });
    given([opened])
      .when(record({ erasureId: 'retention-a-2', scope: 'ACTIVATION', subjectRef: undefined }))
      .then(E.INVALID_INPUT);
  });

  it('given any activation, when the cause or scope is unknown, then it is refused naming the field', () => {
    const decision = given([opened])
      .when(record({ cause: 'WHIM' }))
      .then(E.INVALID_INPUT);
    expect(decision).toMatchObject({ error: { field: 'cause' } });
    given([opened])
      .when(record({ scope: 'EVERYONE' }))
      .then(E.INVALID_INPUT);
  });
});
