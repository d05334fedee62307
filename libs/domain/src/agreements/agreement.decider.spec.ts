import { describe, expect, it } from '@jest/globals';
import { Actor, Role } from '../shared/actor.value.js';
import { agencyCode } from '../shared/agency-code.value.js';
import { DataCategory } from '../shared/data-category.enum.js';
import { instant } from '../shared/instant.value.js';
import { safetyRegion } from '../shared/safety-region.value.js';
import { RawCommandContext } from '../shared/command-context.js';
import { ScenarioCommand } from '../shared/decider.scenario.js';
import { Raw } from '../shared/raw.js';
import * as parsed from './agreement.commands.js';
import { agreementNotFound, foldAgreement, handleAgreementCommand } from './agreement.decider.js';
import { AgreementErrorCode as E } from './agreement.errors.js';
import {
  AgreementEventDataMap,
  AgreementEventOf,
  AgreementEventType,
  DEFAULT_PROCESSING_ACTIVITY,
} from './agreement.events.js';
import { given } from './agreement.scenario.js';
import { AgreementStatus } from './agreement.state.js';

type AgreementCommand = ScenarioCommand<parsed.RawAgreementCommand>;
/** The activities may be left out: the default register entry is served then. */
type ProposeAgreement = ScenarioCommand<
  Omit<Raw<parsed.ProposeAgreement>, 'activities'> & { activities?: readonly string[] }
>;
type AmendAgreement = ScenarioCommand<Raw<parsed.AmendAgreement>>;
type ExpireAgreement = ScenarioCommand<Raw<parsed.ExpireAgreement>>;

function decideAgreement(command: AgreementCommand, state: ReturnType<typeof foldAgreement>) {
  return handleAgreementCommand(command, state, command as RawCommandContext);
}

const { CASE, EMPLOYER, PERSONAL, BENEFITS, INCOME, TAX, CRIMINAL } = DataCategory;

const ID = 'agr-uwv-1';
const NOW = '2026-03-01T10:00:00+01:00';
const UWV = agencyCode('UWV');
const NLA = agencyCode('NLA');
const VR17 = safetyRegion('VR17');

/** The recipient's admin proposes; the other party's admin decides; a third agency is no party at all. */
const uwvAdmin: Actor = { userId: 'beleid@uwv', agency: UWV, role: Role.POLICY_ADMIN };
const uwvColleague: Actor = { userId: 'beleid2@uwv', agency: UWV, role: Role.POLICY_ADMIN };
const nlaAdmin: Actor = { userId: 'beleid@nla', agency: NLA, role: Role.POLICY_ADMIN };
const bdAdmin: Actor = { userId: 'beleid@bd', agency: agencyCode('BD'), role: Role.POLICY_ADMIN };

function ev<T extends AgreementEventType>(type: T, data: AgreementEventDataMap[T]): AgreementEventOf<T> {
  return { type, data };
}

const by = (actor: Actor, now = NOW) => ({ actor, now, agreementId: ID });

const legalBasis = {
  text: 'UWV and the labour inspectorate share data to enforce labour and social security law.',
  reference: 'Wet SUWI art. 64',
};

function proposeCommand(overrides: Partial<ProposeAgreement> = {}): ProposeAgreement {
  return {
    ...by(uwvAdmin),
    type: 'ProposeAgreement',
    agency: 'UWV',
    approverAgency: 'NLA',
    categories: ['PERSONAL', 'CASE', 'EMPLOYER', 'INCOME', 'BENEFITS'],
    purpose: 'Detect benefit fraud and underpayment of labour migrants.',
    legalBasis,
    validFrom: '2026-01-01T00:00:00+01:00',
    validUntil: '2027-01-01T00:00:00+01:00',
    regionScope: 'VR17',
    ...overrides,
  };
}

const terms = {
  categories: [BENEFITS, CASE, EMPLOYER, INCOME, PERSONAL],
  purpose: 'Detect benefit fraud and underpayment of labour migrants.',
  legalBasis,
  activities: [DEFAULT_PROCESSING_ACTIVITY],
  validFrom: instant('2026-01-01T00:00:00+01:00'),
  validUntil: instant('2027-01-01T00:00:00+01:00'),
  regionScope: VR17,
};
const proposed = ev('agreement.proposed', {
  agreementId: ID,
  agency: UWV,
  approverAgency: NLA,
  ...terms,
  proposedBy: 'beleid@uwv',
  proposerAgency: UWV,
});
const approved = ev('agreement.approved', {
  ...terms,
  approvedBy: 'beleid@nla',
  approverAgency: NLA,
  reason: 'Covenant signed on 12 February.',
});
const rejected = ev('agreement.rejected', {
  rejectedBy: 'beleid@nla',
  rejecterAgency: NLA,
  reason: 'No legal basis for INCOME.',
});
const revokedBy = (actor: Actor) =>
  ev('agreement.revoked', {
    revokedBy: actor.userId,
    revokerAgency: actor.agency,
    reason: 'The covenant was ended.',
  });
const expired = ev('agreement.expired', { validUntil: instant('2027-01-01T00:00:00+01:00') });
/** Recorded by a release before four eyes: in force at once, one party only. */
const legacyGranted = ev('agreement.granted', {
  agreementId: ID,
  agency: UWV,
  ...terms,
  grantedBy: 'beleid@nla',
});

const approve = (actor: Actor, now = NOW): AgreementCommand => ({
  ...by(actor, now),
  type: 'ApproveAgreement',
  reason: 'Covenant signed on 12 February.',
});
const rejectCmd = (actor: Actor): AgreementCommand => ({
  ...by(actor),
  type: 'RejectAgreement',
  reason: 'No legal basis for INCOME.',
});
const revoke = (actor: Actor, now = NOW): AgreementCommand => ({
  ...by(actor, now),
  type: 'RevokeAgreement',
  reason: 'The covenant was ended.',
});
const amend = (changes: Partial<AmendAgreement> = {}, actor = uwvAdmin, now = NOW): AmendAgreement => ({
  ...by(actor, now),
  type: 'AmendAgreement',
  reason: 'TAX data is needed as well.',
  ...changes,
});
const expireCommand = (now: string): ExpireAgreement => ({ type: 'ExpireAgreement', now, agreementId: ID });
const amendmentProposed = ev('agreement.amendment-proposed', {
  ...terms,
  categories: [BENEFITS, CASE, EMPLOYER, INCOME, PERSONAL, TAX],
  proposedBy: 'beleid@uwv',
  proposerAgency: UWV,
  reason: 'TAX data is needed as well.',
});

describe('agreement decider: four eyes, two organisations', () => {
  describe('ProposeAgreement', () => {
    it('records a proposal, not an agreement in force, with the terms normalised', () => {
      given([])
        .when(proposeCommand({ categories: ['PERSONAL', 'CASE', 'EMPLOYER', 'INCOME', 'BENEFITS', 'CASE'] }))
        .then([proposed]);
      given([])
        .when(proposeCommand({ agency: ' uwv ', approverAgency: 'nla', regionScope: 'vr17' }))
        .then([proposed]);
      expect(foldAgreement([proposed])).toMatchObject({
        status: AgreementStatus.PROPOSED,
        pending: { kind: 'AGREEMENT' },
      });
    });

    it('may be proposed by either party: the approving party for the recipient, too', () => {
      given([])
        .when({ ...proposeCommand(), actor: nlaAdmin, reason: 'Per covenant.' })
        .then([
          ev('agreement.proposed', {
            ...proposed.data,
            proposedBy: 'beleid@nla',
            proposerAgency: NLA,
            reason: 'Per covenant.',
          }),
        ]);
    });

    it('names the activities it serves, the default register entry when none is given', () => {
      given([])
        .when(proposeCommand({ activities: ['supervision', 'case-coordination', 'supervision'] }))
        .then([
          ev('agreement.proposed', { ...proposed.data, activities: ['case-coordination', 'supervision'] }),
        ]);
      const decision = given([])
        .when(proposeCommand({ activities: ['Case Coordination'] }))
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field: 'activities[0]' } });
      given([])
        .when(proposeCommand({ activities: [] }))
        .then(E.INVALID_INPUT);
    });

    it('refuses one organisation approving its own agreement', () => {
      const decision = given([])
        .when(proposeCommand({ approverAgency: 'UWV' }))
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({
        error: { field: 'approverAgency', message: expect.stringContaining('two organisations') },
      });
    });

    it('refuses a proposal between two other agencies', () => {
      const decision = given([])
        .when({ ...proposeCommand(), actor: bdAdmin })
        .then(E.NOT_A_PARTY);
      expect(decision).toMatchObject({ error: { message: expect.stringContaining('BD') } });
    });

    it('refuses an id that is taken, whatever became of that agreement', () => {
      given([proposed]).when(proposeCommand()).then(E.ALREADY_GRANTED);
      given([legacyGranted, revokedBy(uwvAdmin)])
        .when(proposeCommand())
        .then(E.ALREADY_GRANTED);
    });

    it.each([
      ['agreementId', { agreementId: 'agr 1' }],
      ['agency', { agency: 'ACME' }],
      ['approverAgency', { approverAgency: undefined }],
      ['categories', { categories: ['EMPLOYER'] }],
      ['categories[2]', { categories: ['CASE', 'EMPLOYER', 'SECRET'] }],
      ['purpose', { purpose: '   ' }],
      ['legalBasis', { legalBasis: undefined }],
      ['legalBasis.reference', { legalBasis: { ...legalBasis, reference: ' ' } }],
      ['legalBasis.reference', { legalBasis: { ...legalBasis, reference: 'x'.repeat(201) } }],
      ['validFrom', { validFrom: 'soon' }],
      ['validFrom', { validFrom: '2026-13-01' }],
      ['validUntil', { validUntil: '2025-06-01T00:00:00Z' }],
      ['validUntil', { validUntil: 'next year' }],
      ['regionScope', { regionScope: 'VR26' }],
      ['regionScope', { regionScope: 'GM0599' }],
      ['reason', { reason: 'x'.repeat(2001) }],
      ['now', { now: '2026-03-01T10:00:00+25:00' }],
    ] as [string, Partial<ProposeAgreement>][])('refuses malformed input in %s', (field, overrides) => {
      const decision = given([]).when(proposeCommand(overrides)).then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field } });
    });
  });

  describe('ApproveAgreement and RejectAgreement', () => {
    it('brings the proposal in force when the other party approves, with its reason', () => {
      given([proposed]).when(approve(nlaAdmin)).then([approved]);
      expect(foldAgreement([proposed, approved])).toMatchObject({
        status: AgreementStatus.GRANTED,
        approvedBy: 'beleid@nla',
        categories: terms.categories,
      });
      expect(foldAgreement([proposed, approved])).not.toHaveProperty('pending');
    });

    it('refuses self-approval: not the proposer, and no one else of the proposing agency', () => {
      const self = given([proposed]).when(approve(uwvAdmin)).then(E.OWN_PROPOSAL);
      expect(self).toMatchObject({ error: { message: expect.stringContaining('NLA') } });
      given([proposed]).when(approve(uwvColleague)).then(E.OWN_PROPOSAL);
      given([proposed]).when(rejectCmd(uwvColleague)).then(E.OWN_PROPOSAL);
    });

    it('rejects a proposal, which never takes effect and cannot be approved later', () => {
      given([proposed]).when(rejectCmd(nlaAdmin)).then([rejected]);
      expect(foldAgreement([proposed, rejected])).toMatchObject({ status: AgreementStatus.REJECTED });
      given([proposed, rejected]).when(approve(nlaAdmin)).then(E.NOTHING_PENDING);
      given([proposed, rejected]).when(revoke(nlaAdmin)).then(E.NOT_IN_FORCE);
    });

    it('requires a reason to approve or reject', () => {
      for (const type of ['ApproveAgreement', 'RejectAgreement'] as const) {
        const decision = given([proposed])
          .when({ ...by(nlaAdmin), type, reason: ' ' } as AgreementCommand)
          .then(E.INVALID_INPUT);
        expect(decision).toMatchObject({ error: { field: 'reason' } });
      }
    });

    it('has nothing to decide on an agreement in force without a pending change', () => {
      given([proposed, approved]).when(approve(nlaAdmin)).then(E.NOTHING_PENDING);
      given([legacyGranted]).when(rejectCmd(uwvAdmin)).then(E.NOTHING_PENDING);
    });

    it('refuses to approve a proposal whose end has passed meanwhile', () => {
      given([proposed]).when(approve(nlaAdmin, '2027-02-01T00:00:00Z')).then(E.ALREADY_EXPIRED);
    });
  });

  describe('an agency that is not a party', () => {
    const commands = [
      approve(bdAdmin),
      rejectCmd(bdAdmin),
      revoke(bdAdmin),
      amend({ purpose: 'x' }, bdAdmin),
    ];

    it.each(commands.map((c) => [c.type, c] as const))(
      '%s answers exactly what a missing agreement answers',
      (_type, command) => {
        const hidden = decideAgreement(command, foldAgreement([proposed, approved]));
        const missing = decideAgreement(command, foldAgreement([]));
        expect(hidden).toEqual({ ok: false, error: agreementNotFound(ID) });
        expect(hidden).toEqual(missing);
      },
    );

    it('knows nothing of a legacy agreement of another agency either', () => {
      given([legacyGranted]).when(revoke(nlaAdmin)).then(E.NOT_FOUND);
    });
  });

  describe('AmendAgreement: a change is a proposal too', () => {
    it('proposes the full terms after the change and keeps the terms in force meanwhile', () => {
      given([proposed, approved])
        .when(amend({ categories: ['CASE', 'EMPLOYER', 'PERSONAL', 'INCOME', 'BENEFITS', 'TAX'] }))
        .then([amendmentProposed]);
      const pending = foldAgreement([proposed, approved, amendmentProposed]);
      expect(pending).toMatchObject({
        status: AgreementStatus.GRANTED,
        categories: terms.categories,
        pending: { kind: 'AMENDMENT' },
      });
    });

    it('applies the change once the other party approves, and leaves the terms when it rejects', () => {
      const change = { ...amendmentProposed.data };
      const { proposedBy: _b, proposerAgency: _a, reason: _r, ...changed } = change;
      given([proposed, approved, amendmentProposed])
        .when(approve(nlaAdmin))
        .then([
          ev('agreement.approved', {
            ...changed,
            approvedBy: 'beleid@nla',
            approverAgency: NLA,
            reason: 'Covenant signed on 12 February.',
          }),
        ]);
      given([proposed, approved, amendmentProposed]).when(approve(uwvAdmin)).then(E.OWN_PROPOSAL);
      const kept = foldAgreement([proposed, approved, amendmentProposed, rejected]);
      expect(kept).toMatchObject({ status: AgreementStatus.GRANTED, categories: terms.categories });
      expect(kept).not.toHaveProperty('pending');
    });

    it("replaces one's own pending change with a newer one", () => {
      given([proposed, approved, amendmentProposed])
        .when(amend({ purpose: 'Another purpose.' }, uwvColleague))
        .then([
          ev('agreement.amendment-proposed', {
            ...terms,
            purpose: 'Another purpose.',
            proposedBy: 'beleid2@uwv',
            proposerAgency: UWV,
            reason: 'TAX data is needed as well.',
          }),
        ]);
      given([proposed, approved, amendmentProposed])
        .when(amend({ categories: ['CASE', 'EMPLOYER', 'PERSONAL', 'INCOME', 'BENEFITS', 'TAX'] }))
        .then([]);
    });

    it('requires a reason, and one change at a time', () => {
      const decision = given([proposed, approved])
        .when({ ...amend({ purpose: 'Another purpose.' }), reason: '' })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field: 'reason' } });
      given([proposed, approved, amendmentProposed])
        .when(amend({ purpose: 'Another purpose.' }, nlaAdmin))
        .then(E.PROPOSAL_PENDING);
    });

    it('changes nothing when the terms are already so, so a retry does not fail', () => {
      given([proposed, approved])
        .when(amend({ categories: [...terms.categories].reverse() }))
        .then([]);
    });

    it('cannot change what is not in force, nor a legacy agreement without another party', () => {
      given([proposed])
        .when(amend({ purpose: 'x' }))
        .then(E.NOT_IN_FORCE);
      given([legacyGranted])
        .when(amend({ purpose: 'Another purpose.' }))
        .then(E.NO_OTHER_PARTY);
      given([proposed, approved, revokedBy(nlaAdmin)])
        .when(amend({ purpose: 'x' }))
        .then(E.ALREADY_REVOKED);
      given([proposed, approved])
        .when(amend({ purpose: 'x' }, uwvAdmin, '2027-02-01T00:00:00Z'))
        .then(E.ALREADY_EXPIRED);
    });
  });

  describe('RevokeAgreement: at once, by either party', () => {
    it('revokes by the recipient or by the approving party, dropping a pending change', () => {
      given([proposed, approved])
        .when(revoke(uwvAdmin))
        .then([revokedBy(uwvAdmin)]);
      given([proposed, approved])
        .when(revoke(nlaAdmin))
        .then([revokedBy(nlaAdmin)]);
      const state = foldAgreement([proposed, approved, amendmentProposed, revokedBy(nlaAdmin)]);
      expect(state).toMatchObject({ status: AgreementStatus.REVOKED });
      expect(state).not.toHaveProperty('pending');
    });

    it('revokes a legacy agreement by its agency', () => {
      given([legacyGranted])
        .when(revoke(uwvAdmin))
        .then([revokedBy(uwvAdmin)]);
    });

    it('refuses twice, after expiry, and a proposal (the other party rejects it)', () => {
      given([proposed, approved, revokedBy(uwvAdmin)])
        .when(revoke(nlaAdmin))
        .then(E.ALREADY_REVOKED);
      given([proposed, approved, expired])
        .when(revoke(uwvAdmin, '2027-02-01T00:00:00Z'))
        .then(E.ALREADY_EXPIRED);
      given([proposed]).when(revoke(uwvAdmin)).then(E.NOT_IN_FORCE);
    });
  });

  describe('who may issue agreement commands', () => {
    it.each([Role.INSPECTOR, Role.COORDINATOR, Role.AGENCY_SYSTEM, Role.PRIVACY_OFFICER])(
      'refuses every command from the role %s, before looking at the agreement',
      (role) => {
        const actor = { ...nlaAdmin, role };
        given([])
          .when({ ...proposeCommand(), actor })
          .then(E.ROLE_NOT_ALLOWED);
        for (const command of [
          approve(actor),
          rejectCmd(actor),
          revoke(actor),
          amend({ purpose: 'x' }, actor),
        ]) {
          given([proposed]).when(command).then(E.ROLE_NOT_ALLOWED);
          given([]).when(command).then(E.ROLE_NOT_ALLOWED);
        }
      },
    );
  });

  describe('ExpireAgreement', () => {
    it('expires an agreement in force at its end, without an actor, once', () => {
      given([proposed, approved]).when(expireCommand('2027-01-01T00:00:00+01:00')).then([expired]);
      given([legacyGranted]).when(expireCommand('2027-03-01T00:00:00Z')).then([expired]);
      given([proposed, approved, expired]).when(expireCommand('2027-02-01T00:00:00Z')).then([]);
      given([proposed, approved]).when(expireCommand('2026-12-31T22:59:59Z')).then(E.EXPIRY_NOT_DUE);
    });

    it('leaves a proposal that never came in force alone', () => {
      given([proposed]).when(expireCommand('2027-02-01T00:00:00Z')).then([]);
      given([]).when(expireCommand('2027-02-01T00:00:00Z')).then(E.NOT_FOUND);
    });
  });

  describe('state', () => {
    it('keeps agreements recorded before four eyes granted and in force', () => {
      expect(foldAgreement([legacyGranted])).toEqual({
        recorded: true,
        ...legacyGranted.data,
        status: AgreementStatus.GRANTED,
      });
      const amended = ev('agreement.amended', { ...terms, categories: [CASE, CRIMINAL], amendedBy: 'x' });
      expect(foldAgreement([legacyGranted, amended])).toMatchObject({ categories: [CASE, CRIMINAL] });
    });

    it('ignores anything before the agreement was recorded', () => {
      expect(foldAgreement([approved, revokedBy(uwvAdmin), expired])).toEqual({ recorded: false });
    });
  });
});
