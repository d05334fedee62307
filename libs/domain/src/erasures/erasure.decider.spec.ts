import { describe, expect, it } from '@jest/globals';
import { Actor, Role } from '../shared/actor.value.js';
import { agencyCode } from '../shared/agency-code.value.js';
import { ScenarioCommand } from '../shared/decider.scenario.js';
import { RawErasureCommand } from './erasure.commands.js';
import { foldErasure } from './erasure.decider.js';
import { ErasureErrorCode as E } from './erasure.errors.js';
import { ErasureEvent, ErasureGround } from './erasure.events.js';
import { given, TEST_PSEUDONYMS } from './erasure.scenario.js';
import { ErasureStatus } from './erasure.state.js';

type Command = ScenarioCommand<RawErasureCommand>;

const NOW = '2026-12-02T10:00:00+01:00';
const NLA = agencyCode('NLA');
const fg: Actor = { userId: 'fg@nla', agency: NLA, role: Role.PRIVACY_OFFICER };
const fg2: Actor = { userId: 'fg2@nla', agency: NLA, role: Role.PRIVACY_OFFICER };
/** A privacy officer of another agency: NLA's requests are not theirs to see or decide. */
const fgUwv: Actor = { userId: 'fg@uwv', agency: agencyCode('UWV'), role: Role.PRIVACY_OFFICER };
const inspector: Actor = { userId: 'inspecteur@nla', agency: NLA, role: Role.INSPECTOR };
const BSN = '111222333';
const ERASURE_ID = '9b2f6c1e-4d3a-4f7b-8a21-5c0e9d7b3a64';

const request = (overrides: Record<string, unknown> = {}, actor: Actor = fg): Command =>
  ({
    type: 'RequestErasure',
    erasureId: ERASURE_ID,
    bsn: BSN,
    ground: 'UNLAWFULLY_PROCESSED',
    reason: 'Vastgelegd zonder grondslag.',
    actor,
    now: NOW,
    ...overrides,
  }) as Command;
const decide = (type: 'ApproveErasure' | 'RejectErasure', actor: Actor, reason = 'Getoetst.'): Command =>
  ({ type, erasureId: ERASURE_ID, reason, actor, now: NOW }) as Command;

const requested: ErasureEvent = {
  type: 'erasure.requested',
  data: {
    erasureId: ERASURE_ID,
    target: { kind: 'PERSON', subjectRef: TEST_PSEUDONYMS.ofBsn(BSN) },
    ground: ErasureGround.UNLAWFULLY_PROCESSED,
    reason: 'Vastgelegd zonder grondslag.',
    requestedBy: 'fg@nla',
    requesterAgency: NLA,
  },
};
const approved: ErasureEvent = {
  type: 'erasure.approved',
  data: { approvedBy: 'fg2@nla', approverAgency: NLA, reason: 'Getoetst.' },
};

describe('erasure of a data subject: four eyes, and nothing of the person in its own events', () => {
  it('given no request, when a privacy officer asks to erase a person by BSN, then the request names the pseudonym, not the BSN', () => {
    const decision = given([]).when(request()).then([requested]);
    expect(JSON.stringify(decision)).not.toContain(BSN);
    expect(foldErasure([requested])).toMatchObject({ status: ErasureStatus.REQUESTED });
  });

  it('given a request, when a second privacy officer approves, then it takes effect', () => {
    given([requested]).when(decide('ApproveErasure', fg2)).then([approved]);
    expect(foldErasure([requested, approved])).toMatchObject({ status: ErasureStatus.APPROVED });
  });

  it('given a request, when its own requester approves or rejects it, then it is refused', () => {
    given([requested]).when(decide('ApproveErasure', fg)).then(E.OWN_REQUEST);
    given([requested]).when(decide('RejectErasure', fg)).then(E.OWN_REQUEST);
  });

  it('given a request, when a second privacy officer rejects it, then nothing is erased and it cannot be approved after', () => {
    const rejected: ErasureEvent = {
      type: 'erasure.rejected',
      data: { rejectedBy: 'fg2@nla', rejecterAgency: NLA, reason: 'Bewaarplicht loopt nog.' },
    };
    given([requested])
      .when(decide('RejectErasure', fg2, 'Bewaarplicht loopt nog.'))
      .then([rejected]);
    given([requested, rejected]).when(decide('ApproveErasure', fg2)).then(E.ALREADY_DECIDED);
    given([requested, approved]).when(decide('RejectErasure', fg2)).then(E.ALREADY_DECIDED);
  });

  it('given a request of NLA, when an officer of another agency decides it, then it is answered as one that does not exist, whatever its status', () => {
    const absent = { ...given([]).when(decide('ApproveErasure', fgUwv)).then(E.NOT_FOUND) };
    for (const history of [[requested], [requested, approved]])
      for (const type of ['ApproveErasure', 'RejectErasure'] as const)
        expect(given(history).when(decide(type, fgUwv)).then(E.NOT_FOUND)).toEqual(absent);
  });

  it('erases one subject of one activation by its subject id, filed under that case', () => {
    given([])
      .when(request({ bsn: undefined, activationId: 'act-1', subjectId: 'w2' }))
      .then([
        {
          ...requested,
          data: {
            ...requested.data,
            target: {
              kind: 'CASE_SUBJECT',
              subjectRef: TEST_PSEUDONYMS.ofCaseSubject('act-1', 'w2'),
              activationId: 'act-1',
            },
          },
        } as ErasureEvent,
      ]);
  });

  it('refuses a reason that names a BSN: the reason is kept after the erasure', () => {
    const decision = given([])
      .when(request({ reason: `BSN ${BSN} is onterecht vastgelegd.` }))
      .then(E.INVALID_INPUT);
    expect(decision).toMatchObject({ error: { field: 'reason' } });
    expect(JSON.stringify(decision)).not.toContain(BSN);
  });

  it('refuses bad input with the field at fault: both or neither subject, a failing BSN, an unknown ground', () => {
    given([])
      .when(request({ activationId: 'act-1', subjectId: 'w1' }))
      .then(E.INVALID_INPUT);
    given([])
      .when(request({ bsn: undefined }))
      .then(E.INVALID_INPUT);
    expect(
      given([])
        .when(request({ bsn: '123456789' }))
        .then(E.INVALID_INPUT),
    ).toMatchObject({
      error: { field: 'bsn' },
    });
    expect(
      given([])
        .when(request({ ground: 'CURIOSITY' }))
        .then(E.INVALID_INPUT),
    ).toMatchObject({
      error: { field: 'ground' },
    });
    given([])
      .when(request({ reason: '' }))
      .then(E.INVALID_INPUT);
  });

  it('refuses an erasure id of words: every agency in the case sees it on its timeline', () => {
    const decision = given([])
      .when(request({ erasureId: 'erasure-jan-kowalski' }))
      .then(E.INVALID_INPUT);
    expect(decision).toMatchObject({
      error: { field: 'erasureId', message: expect.stringContaining('UUID') },
    });
  });

  it('lets only privacy officers ask and decide, and says who to ask', () => {
    const decision = given([]).when(request({}, inspector)).then(E.ROLE_NOT_ALLOWED);
    expect(decision).toMatchObject({ error: { message: expect.stringMatching(/privacy officer/) } });
    given([requested]).when(decide('ApproveErasure', inspector)).then(E.ROLE_NOT_ALLOWED);
  });

  it('refuses a second request under the same id, and a decision on an unknown one', () => {
    given([requested]).when(request()).then(E.ALREADY_REQUESTED);
    given([]).when(decide('ApproveErasure', fg2)).then(E.NOT_FOUND);
  });
});
