import { describe, expect, it } from '@jest/globals';
import { Actor, Role } from '../shared/actor.value.js';
import { agencyCode } from '../shared/agency-code.value.js';
import { ScenarioCommand } from '../shared/decider.scenario.js';
import { RawProcessingActivityCommand } from './processing-activity.commands.js';
import { foldProcessingActivity, processingActivityUri } from './processing-activity.decider.js';
import { ProcessingActivityErrorCode as E } from './processing-activity.errors.js';
import { ProcessingActivityEvent } from './processing-activity.events.js';
import { given } from './processing-activity.scenario.js';
import { ProcessingActivityStatus } from './processing-activity.state.js';

type Command = ScenarioCommand<RawProcessingActivityCommand>;

const NOW = '2026-03-01T10:00:00+01:00';
const NLA = agencyCode('NLA');
const VR17 = agencyCode('VR17');
const nla: Actor = { userId: 'beleid@nla', agency: NLA, role: Role.POLICY_ADMIN };
const nla2: Actor = { userId: 'beleid2@nla', agency: NLA, role: Role.POLICY_ADMIN };
const vr17: Actor = { userId: 'beleid@vr17', agency: VR17, role: Role.POLICY_ADMIN };
const bd: Actor = { userId: 'beleid@bd', agency: agencyCode('BD'), role: Role.POLICY_ADMIN };

const terms = {
  name: 'Casusregie arbeidsmigranten',
  purpose: 'Samen optreden tegen misstanden rond wonen, werk en vervoer van arbeidsmigranten.',
  legalBasis: { text: 'Gezamenlijke verwerking in een samenwerkingsverband', reference: 'Wgs art. 2' },
  controllers: [NLA, VR17],
  retention: 'P5Y',
};
const propose = (actor: Actor = nla, overrides: Record<string, unknown> = {}): Command =>
  ({
    type: 'ProposeProcessingActivity',
    activityId: 'case-coordination',
    actor,
    now: NOW,
    ...terms,
    controllers: ['VR17', 'NLA'],
    ...overrides,
  }) as Command;
const decide = (type: 'ApproveProcessingActivity' | 'RejectProcessingActivity', actor: Actor): Command =>
  ({ type, activityId: 'case-coordination', reason: 'Getoetst door de FG.', actor, now: NOW }) as Command;
const change = (actor: Actor, overrides: Record<string, unknown> = {}): Command =>
  ({
    type: 'ChangeProcessingActivity',
    activityId: 'case-coordination',
    ...terms,
    retention: 'P7Y',
    reason: 'Archiefwet',
    actor,
    now: NOW,
    ...overrides,
  }) as Command;

const proposed: ProcessingActivityEvent = {
  type: 'processing-activity.proposed',
  data: { activityId: 'case-coordination', ...terms, proposedBy: 'beleid@nla', proposerAgency: NLA },
};
const approved = (version = 1, retention = 'P5Y'): ProcessingActivityEvent => ({
  type: 'processing-activity.approved',
  data: {
    ...terms,
    retention,
    version,
    approvedBy: 'beleid@vr17',
    approverAgency: VR17,
    reason: 'Getoetst door de FG.',
  },
});
const changeProposed: ProcessingActivityEvent = {
  type: 'processing-activity.change-proposed',
  data: { ...terms, retention: 'P7Y', proposedBy: 'beleid@nla', proposerAgency: NLA, reason: 'Archiefwet' },
};

describe('register of processing activities: four eyes, two controllers', () => {
  it('records a proposal that is not in the register until another controller approves it, as version 1', () => {
    given([]).when(propose()).then([proposed]);
    expect(foldProcessingActivity([proposed])).toMatchObject({
      status: ProcessingActivityStatus.PROPOSED,
      version: 0,
    });
    given([proposed]).when(decide('ApproveProcessingActivity', vr17)).then([approved()]);
    expect(foldProcessingActivity([proposed, approved()])).toMatchObject({
      status: ProcessingActivityStatus.REGISTERED,
      version: 1,
    });
  });

  it('refuses self-approval by the proposing agency, and rejects', () => {
    given([proposed]).when(decide('ApproveProcessingActivity', nla2)).then(E.OWN_PROPOSAL);
    given([proposed])
      .when(decide('RejectProcessingActivity', vr17))
      .then([
        {
          type: 'processing-activity.rejected',
          data: { rejectedBy: 'beleid@vr17', rejecterAgency: VR17, reason: 'Getoetst door de FG.' },
        },
      ]);
  });

  it('lets only controllers act, and only policy admins', () => {
    given([]).when(propose(bd)).then(E.NOT_A_CONTROLLER);
    given([proposed]).when(decide('ApproveProcessingActivity', bd)).then(E.NOT_A_CONTROLLER);
    given([])
      .when(propose({ ...nla, role: Role.INSPECTOR }))
      .then(E.ROLE_NOT_ALLOWED);
  });

  it('takes a change as the next version once approved, keeping the registered terms meanwhile', () => {
    given([proposed, approved()]).when(change(nla)).then([changeProposed]);
    expect(foldProcessingActivity([proposed, approved(), changeProposed])).toMatchObject({
      version: 1,
      retention: 'P5Y',
    });
    given([proposed, approved(), changeProposed])
      .when(decide('ApproveProcessingActivity', vr17))
      .then([approved(2, 'P7Y')]);
    given([proposed, approved(), changeProposed]).when(change(vr17)).then(E.PROPOSAL_PENDING);
    given([proposed]).when(change(nla)).then(E.NOT_REGISTERED);
    given([proposed, approved()])
      .when(change(nla, { controllers: ['VR17', 'BD'] }))
      .then(E.NOT_A_CONTROLLER);
  });

  it.each([
    ['activityId', { activityId: 'Case Coordination' }],
    ['controllers', { controllers: ['NLA'] }],
    ['retention', { retention: 'vijf jaar' }],
    ['name', { name: ' ' }],
    ['legalBasis.reference', { legalBasis: { text: 'x', reference: '' } }],
  ])('refuses malformed input in %s', (field, overrides) => {
    const decision = given([]).when(propose(nla, overrides)).then(E.INVALID_INPUT);
    expect(decision).toMatchObject({ error: { field } });
  });

  it('given a proposal with a selection-list category, when approved, then the register holds it; a DESTROY without a term takes the retention', () => {
    const destroy = { id: '1.1.3', nomination: 'DESTROY' };
    given([])
      .when(propose(nla, { selectionListCategory: destroy }))
      .then([
        {
          ...proposed,
          data: { ...proposed.data, selectionListCategory: { ...destroy, term: 'P5Y' } },
        } as ProcessingActivityEvent,
      ]);
    const withCategory = {
      ...proposed,
      data: { ...proposed.data, selectionListCategory: { id: '1.1.1', nomination: 'KEEP' } },
    } as ProcessingActivityEvent;
    given([withCategory])
      .when(decide('ApproveProcessingActivity', vr17))
      .then([
        {
          ...approved(),
          data: { ...approved().data, selectionListCategory: { id: '1.1.1', nomination: 'KEEP' } },
        } as ProcessingActivityEvent,
      ]);
    given([])
      .when(propose(nla, { selectionListCategory: { ...destroy, term: 'p10y' } }))
      .then([
        {
          ...proposed,
          data: { ...proposed.data, selectionListCategory: { ...destroy, term: 'P10Y' } },
        } as ProcessingActivityEvent,
      ]);
  });

  it.each([
    ['selectionListCategory.id', { id: 'één', nomination: 'DESTROY' }],
    ['selectionListCategory.nomination', { id: '1.1.3', nomination: 'BEWAREN' }],
    ['selectionListCategory.term', { id: '1.1.3', nomination: 'DESTROY', term: '5 jaar' }],
    ['selectionListCategory.term', { id: '1.1.1', nomination: 'KEEP', term: 'P5Y' }],
  ])('given a malformed selection-list category, when proposed, then %s is refused', (field, category) => {
    const decision = given([])
      .when(propose(nla, { selectionListCategory: category }))
      .then(E.INVALID_INPUT);
    expect(decision).toMatchObject({ error: { field } });
  });

  it('refuses a taken id and a decision with nothing pending', () => {
    given([proposed]).when(propose()).then(E.ALREADY_PROPOSED);
    given([proposed, approved()]).when(decide('ApproveProcessingActivity', vr17)).then(E.NOTHING_PENDING);
    given([]).when(decide('ApproveProcessingActivity', vr17)).then(E.NOT_FOUND);
  });

  it('names a register entry at a version as a URI', () => {
    expect(processingActivityUri('case-coordination', 2)).toBe(
      'urn:keten:processing-activity:case-coordination:2',
    );
  });
});
