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
import { foldAgreement, handleAgreementCommand } from './agreement.decider.js';
import { AgreementErrorCode as E } from './agreement.errors.js';
import { AgreementEventDataMap, AgreementEventOf, AgreementEventType } from './agreement.events.js';
import { given } from './agreement.scenario.js';
import { AgreementStatus } from './agreement.state.js';

/** Commands as they arrive, written with their actor and clock (the scenario passes those as the context). */
type AgreementCommand = ScenarioCommand<parsed.RawAgreementCommand>;
type AmendAgreement = ScenarioCommand<Raw<parsed.AmendAgreement>>;
type ExpireAgreement = ScenarioCommand<Raw<parsed.ExpireAgreement>>;
type GrantAgreement = ScenarioCommand<Raw<parsed.GrantAgreement>>;
type RevokeAgreement = ScenarioCommand<Raw<parsed.RevokeAgreement>>;

function decideAgreement(command: AgreementCommand, state: ReturnType<typeof foldAgreement>) {
  return handleAgreementCommand(command, state, command as RawCommandContext);
}

const { CASE, EMPLOYER, PERSONAL, BENEFITS, INCOME, TAX } = DataCategory;

const ID = 'agr-uwv-1';
const NOW = '2026-03-01T10:00:00+01:00';
const UWV = agencyCode('UWV');
const VR17 = safetyRegion('VR17');

const admin: Actor = { userId: 'u-admin', agency: agencyCode('NLA'), role: Role.POLICY_ADMIN };

function ev<T extends AgreementEventType>(type: T, data: AgreementEventDataMap[T]): AgreementEventOf<T> {
  return { type, data };
}

function by(actor: Actor = admin, now = NOW) {
  return { actor, now, agreementId: ID };
}

const legalBasis = {
  text: 'UWV and the labour inspectorate share data to enforce labour and social security law.',
  reference: 'Wet SUWI art. 64',
};

function grantCommand(overrides: Partial<GrantAgreement> = {}): GrantAgreement {
  return {
    ...by(),
    type: 'GrantAgreement',
    agency: 'UWV',
    categories: ['PERSONAL', 'CASE', 'EMPLOYER', 'INCOME', 'BENEFITS'],
    purpose: 'Detect benefit fraud and underpayment of labour migrants.',
    legalBasis,
    validFrom: '2026-01-01T00:00:00+01:00',
    validUntil: '2027-01-01T00:00:00+01:00',
    regionScope: 'VR17',
    ...overrides,
  };
}

const granted = ev('agreement.granted', {
  agreementId: ID,
  agency: UWV,
  categories: [BENEFITS, CASE, EMPLOYER, INCOME, PERSONAL],
  purpose: 'Detect benefit fraud and underpayment of labour migrants.',
  legalBasis,
  validFrom: instant('2026-01-01T00:00:00+01:00'),
  validUntil: instant('2027-01-01T00:00:00+01:00'),
  regionScope: VR17,
  grantedBy: 'u-admin',
});
const { validUntil: _until, regionScope: _scope, ...openEndedNational } = granted.data;
const grantedOpenEnded = ev('agreement.granted', openEndedNational);
const revoked = ev('agreement.revoked', { revokedBy: 'u-admin', reason: 'The covenant was ended.' });
const expired = ev('agreement.expired', { validUntil: instant('2027-01-01T00:00:00+01:00') });

const amendCommand = (changes: Partial<AmendAgreement> = {}, now = NOW): AmendAgreement => ({
  ...by(admin, now),
  type: 'AmendAgreement',
  ...changes,
});
const revokeCommand = (now = NOW): RevokeAgreement => ({
  ...by(admin, now),
  type: 'RevokeAgreement',
  reason: 'The covenant was ended.',
});
const expireCommand = (now: string): ExpireAgreement => ({ type: 'ExpireAgreement', now, agreementId: ID });

function amendedTo(changes: Partial<AgreementEventDataMap['agreement.amended']>) {
  const { agreementId: _id, agency: _agency, grantedBy: _by, ...terms } = granted.data;
  return ev('agreement.amended', { ...terms, amendedBy: 'u-admin', ...changes });
}

const byType = (command: AgreementCommand) => [command.type, command] as [string, AgreementCommand];
const adminCommands = (): AgreementCommand[] => [
  amendCommand({ purpose: 'Another purpose.' }),
  revokeCommand(),
];

describe('agreement decider', () => {
  describe('GrantAgreement', () => {
    it('grants an agreement, with the categories distinct and sorted and the codes normalised', () => {
      given([])
        .when(grantCommand({ categories: ['PERSONAL', 'CASE', 'EMPLOYER', 'INCOME', 'BENEFITS', 'CASE'] }))
        .then([granted]);
      given([])
        .when(grantCommand({ agency: ' uwv ', regionScope: 'vr17', purpose: `  ${granted.data.purpose}  ` }))
        .then([granted]);
    });

    it('grants an open-ended national agreement, leaving out what was not given', () => {
      given([])
        .when(grantCommand({ validUntil: undefined, regionScope: undefined }))
        .then([grantedOpenEnded]);
      given([])
        .when({ ...grantCommand(), validUntil: null, regionScope: null } as unknown as GrantAgreement)
        .then([grantedOpenEnded]);
    });

    it('records an agreement that started in the past, and one that starts in the future', () => {
      given([])
        .when(grantCommand({ validFrom: '2020-06-01T00:00:00+02:00' }))
        .then([
          ev('agreement.granted', { ...granted.data, validFrom: instant('2020-06-01T00:00:00+02:00') }),
        ]);
      given([])
        .when(grantCommand({ validFrom: '2026-06-01T00:00:00+02:00' }))
        .then([
          ev('agreement.granted', { ...granted.data, validFrom: instant('2026-06-01T00:00:00+02:00') }),
        ]);
    });

    it('refuses an id that is already taken, whatever became of that agreement', () => {
      given([granted]).when(grantCommand()).then(E.ALREADY_GRANTED);
      given([granted, revoked]).when(grantCommand()).then(E.ALREADY_GRANTED);
      given([granted, expired]).when(grantCommand()).then(E.ALREADY_GRANTED);
    });

    it.each([
      ['agreementId', { agreementId: 'agr 1' }],
      ['agency', { agency: 'ACME' }],
      ['categories', { categories: 'CASE' as unknown as string[] }],
      ['categories', { categories: [] }],
      ['categories[2]', { categories: ['CASE', 'EMPLOYER', 'SECRET'] }],
      ['categories[0]', { categories: ['case'] }],
      ['purpose', { purpose: '   ' }],
      ['purpose', { purpose: 'x'.repeat(2001) }],
      ['legalBasis', { legalBasis: undefined }],
      ['legalBasis.text', { legalBasis: { ...legalBasis, text: '' } }],
      ['legalBasis.reference', { legalBasis: { ...legalBasis, reference: ' ' } }],
      ['legalBasis.reference', { legalBasis: { ...legalBasis, reference: 'x'.repeat(201) } }],
      ['validFrom', { validFrom: '2026-13-01' }],
      ['validUntil', { validUntil: 'next year' }],
      ['regionScope', { regionScope: 'VR26' }],
      ['regionScope', { regionScope: 'GM0599' }],
      ['now', { now: '2026-03-01T10:00:00+25:00' }],
    ] as [string, Partial<GrantAgreement>][])('refuses malformed input in %s', (field, overrides) => {
      const decision = given([]).when(grantCommand(overrides)).then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field } });
    });

    it('requires CASE, and says why', () => {
      const decision = given([])
        .when(grantCommand({ categories: ['EMPLOYER', 'INCOME', 'TAX'] }))
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({
        error: { field: 'categories', message: expect.stringContaining('add CASE') },
      });
    });

    it('refuses an end that is not after the start', () => {
      for (const validUntil of [
        '2026-01-01T00:00:00+01:00',
        '2025-12-31T23:00:00Z',
        '2025-06-01T00:00:00Z',
      ]) {
        const decision = given([])
          .when(grantCommand({ validFrom: '2026-01-01T00:00:00+01:00', validUntil }))
          .then(E.INVALID_INPUT);
        expect(decision).toMatchObject({
          error: { field: 'validUntil', message: expect.stringContaining('before it starts') },
        });
      }
    });

    it('refuses an end that has already passed', () => {
      const decision = given([])
        .when(grantCommand({ validFrom: '2025-01-01T00:00:00Z', validUntil: '2026-03-01T09:00:00Z' }))
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({
        error: { field: 'validUntil', message: expect.stringContaining('revoke') },
      });
    });

    it('names the valid codes when the agency is unknown', () => {
      const decision = given([])
        .when(grantCommand({ agency: 'ACME' }))
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { message: expect.stringContaining('GM0599') } });
    });
  });

  describe('who may issue agreement commands', () => {
    it.each([Role.INSPECTOR, Role.COORDINATOR, Role.AGENCY_SYSTEM, Role.PRIVACY_OFFICER])(
      'refuses every command from the role %s',
      (role) => {
        const actor = { ...admin, role };
        given([])
          .when({ ...grantCommand(), actor })
          .then(E.ROLE_NOT_ALLOWED);
        for (const command of adminCommands()) {
          given([granted])
            .when({ ...command, actor } as AgreementCommand)
            .then(E.ROLE_NOT_ALLOWED);
        }
      },
    );

    it('checks the role before anything else, so others learn nothing about agreements', () => {
      const inspector = { ...admin, role: Role.INSPECTOR };
      given([])
        .when({ ...amendCommand({ purpose: 'x' }), actor: inspector })
        .then(E.ROLE_NOT_ALLOWED);
      given([granted, revoked])
        .when({ ...revokeCommand(), actor: inspector })
        .then(E.ROLE_NOT_ALLOWED);
    });

    it('refuses an actor that is not a valid one', () => {
      const decision = given([])
        .when({ ...grantCommand(), actor: { ...admin, agency: 'ACME' as typeof UWV } })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field: 'actor' } });
      given([])
        .when({ ...grantCommand(), actor: undefined } as unknown as GrantAgreement)
        .then(E.INVALID_INPUT);
    });
  });

  describe('on an agreement that was never granted', () => {
    it.each(adminCommands().map(byType))('%s is NOT_FOUND', (_type, command) => {
      given([]).when(command).then(E.NOT_FOUND);
    });

    it('ExpireAgreement is NOT_FOUND', () => {
      given([]).when(expireCommand('2027-02-01T00:00:00Z')).then(E.NOT_FOUND);
    });

    it('treats the state of another stream as not found', () => {
      given([ev('agreement.granted', { ...granted.data, agreementId: 'agr-2' })])
        .when(revokeCommand())
        .then(E.NOT_FOUND);
    });
  });

  describe('AmendAgreement', () => {
    it('records the full terms after the change', () => {
      given([granted])
        .when(
          amendCommand({
            categories: ['CASE', 'EMPLOYER', 'PERSONAL', 'BENEFITS'],
            reason: 'INCOME is covered elsewhere.',
          }),
        )
        .then([
          amendedTo({
            categories: [BENEFITS, CASE, EMPLOYER, PERSONAL],
            reason: 'INCOME is covered elsewhere.',
          }),
        ]);
      given([granted])
        .when(
          amendCommand({
            purpose: 'Another purpose.',
            legalBasis: { text: 'Covenant.', reference: 'Convenant LAT 2026' },
            validFrom: '2026-02-01T00:00:00+01:00',
            validUntil: '2028-01-01T00:00:00+01:00',
            regionScope: 'VR03',
          }),
        )
        .then([
          amendedTo({
            purpose: 'Another purpose.',
            legalBasis: { text: 'Covenant.', reference: 'Convenant LAT 2026' },
            validFrom: instant('2026-02-01T00:00:00+01:00'),
            validUntil: instant('2028-01-01T00:00:00+01:00'),
            regionScope: safetyRegion('VR03'),
          }),
        ]);
    });

    it('removes the end date or the region scope when given null', () => {
      const { validUntil: _u, ...withoutEnd } = amendedTo({}).data;
      given([granted])
        .when(amendCommand({ validUntil: null }))
        .then([ev('agreement.amended', withoutEnd)]);
      const { regionScope: _r, ...national } = amendedTo({}).data;
      given([granted])
        .when(amendCommand({ regionScope: null }))
        .then([ev('agreement.amended', national)]);
    });

    it('changes nothing when the terms are already so, so a retry does not fail', () => {
      given([granted])
        .when(amendCommand({ categories: [...granted.data.categories].reverse() }))
        .then([]);
      given([granted])
        .when(amendCommand({ validUntil: '2026-12-31T23:00:00Z' }))
        .then([]);
      given([granted, amendedTo({ purpose: 'Another purpose.' })])
        .when(amendCommand({ purpose: 'Another purpose.' }))
        .then([]);
    });

    it('refuses an amendment that names no change', () => {
      given([granted])
        .when(amendCommand({ reason: 'Just because.' }))
        .then(E.INVALID_INPUT);
    });

    it('refuses to drop CASE', () => {
      const decision = given([granted])
        .when(amendCommand({ categories: ['EMPLOYER'] }))
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field: 'categories' } });
    });

    it('checks the dates as they are after the change', () => {
      given([granted])
        .when(amendCommand({ validFrom: '2027-06-01T00:00:00+02:00' }))
        .then(E.INVALID_INPUT);
      given([granted])
        .when(amendCommand({ validUntil: '2026-02-01T00:00:00+01:00' }))
        .then(E.INVALID_INPUT);
      // Postponing the start of an open-ended agreement needs no end to check against.
      const { validUntil: _u, regionScope: _r, ...openEnded } = amendedTo({}).data;
      given([grantedOpenEnded])
        .when(amendCommand({ validFrom: '2030-01-01T00:00:00Z' }))
        .then([ev('agreement.amended', { ...openEnded, validFrom: instant('2030-01-01T00:00:00Z') })]);
    });

    it.each([
      ['categories[0]', { categories: ['NONE'] }],
      ['purpose', { purpose: '' }],
      ['legalBasis.reference', { legalBasis: { text: 'x', reference: '' } }],
      ['validFrom', { validFrom: 'soon' }],
      ['validUntil', { validUntil: 'later' }],
      ['regionScope', { regionScope: 'VR00' }],
      ['reason', { purpose: 'Another purpose.', reason: ' ' }],
    ] as [string, Partial<AmendAgreement>][])('refuses malformed input in %s', (field, changes) => {
      const decision = given([granted]).when(amendCommand(changes)).then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field } });
    });

    it('refuses to amend a revoked agreement', () => {
      given([granted, revoked])
        .when(amendCommand({ purpose: 'Another purpose.' }))
        .then(E.ALREADY_REVOKED);
    });

    it('refuses to amend an expired agreement, also before the expiry is recorded', () => {
      given([granted, expired])
        .when(amendCommand({ validUntil: '2030-01-01T00:00:00Z' }, '2027-02-01T00:00:00Z'))
        .then(E.ALREADY_EXPIRED);
      const decision = given([granted])
        .when(amendCommand({ validUntil: '2030-01-01T00:00:00Z' }, '2027-01-01T00:00:00+01:00'))
        .then(E.ALREADY_EXPIRED);
      expect(decision).toMatchObject({
        error: { message: expect.stringContaining('grant a new agreement') },
      });
    });
  });

  describe('RevokeAgreement', () => {
    it('revokes, with the reason and who did it', () => {
      given([granted]).when(revokeCommand()).then([revoked]);
      given([granted, amendedTo({ purpose: 'Another purpose.' })])
        .when(revokeCommand())
        .then([revoked]);
    });

    it('revokes an agreement that has not started yet', () => {
      given([granted]).when(revokeCommand('2025-12-01T00:00:00Z')).then([revoked]);
    });

    it('requires a reason', () => {
      const decision = given([granted])
        .when({ ...revokeCommand(), reason: '' })
        .then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field: 'reason' } });
    });

    it('refuses to revoke twice', () => {
      given([granted, revoked]).when(revokeCommand()).then(E.ALREADY_REVOKED);
    });

    it('refuses to revoke an agreement that has expired', () => {
      given([granted, expired]).when(revokeCommand('2027-02-01T00:00:00Z')).then(E.ALREADY_EXPIRED);
      given([granted]).when(revokeCommand('2027-02-01T00:00:00Z')).then(E.ALREADY_EXPIRED);
    });
  });

  describe('ExpireAgreement', () => {
    it('expires at the end date and after it, without an actor', () => {
      given([granted]).when(expireCommand('2027-01-01T00:00:00+01:00')).then([expired]);
      given([granted]).when(expireCommand('2026-12-31T23:00:00Z')).then([expired]);
      given([granted]).when(expireCommand('2027-03-01T00:00:00Z')).then([expired]);
    });

    it('expires at the end date as amended', () => {
      const extended = amendedTo({ validUntil: instant('2028-01-01T00:00:00+01:00') });
      given([granted, extended]).when(expireCommand('2027-06-01T00:00:00Z')).then(E.EXPIRY_NOT_DUE);
      given([granted, extended])
        .when(expireCommand('2028-01-01T00:00:00+01:00'))
        .then([ev('agreement.expired', { validUntil: instant('2028-01-01T00:00:00+01:00') })]);
    });

    it('changes nothing when asked again, or after a revocation', () => {
      given([granted, expired]).when(expireCommand('2027-02-01T00:00:00Z')).then([]);
      given([granted, revoked]).when(expireCommand('2027-02-01T00:00:00Z')).then([]);
    });

    it('refuses before the end date, and for an agreement without one', () => {
      const decision = given([granted]).when(expireCommand('2026-12-31T22:59:59Z')).then(E.EXPIRY_NOT_DUE);
      expect(decision).toMatchObject({ error: { message: expect.stringContaining('valid until') } });
      given([grantedOpenEnded]).when(expireCommand('2099-01-01T00:00:00Z')).then(E.EXPIRY_NOT_DUE);
    });

    it('refuses a malformed clock', () => {
      const decision = given([granted]).when(expireCommand('tomorrow')).then(E.INVALID_INPUT);
      expect(decision).toMatchObject({ error: { field: 'now' } });
    });
  });

  it('refuses a command type it does not know', () => {
    const decision = decideAgreement(
      { ...by(), type: 'ExtendAgreement' } as unknown as AgreementCommand,
      foldAgreement([granted]),
    );
    expect(decision).toMatchObject({ ok: false, error: { code: E.INVALID_INPUT, field: 'type' } });
  });

  describe('state', () => {
    it('follows the agreement through its life', () => {
      expect(foldAgreement([])).toEqual({ granted: false });
      expect(foldAgreement([granted])).toEqual({
        granted: true,
        ...granted.data,
        status: AgreementStatus.GRANTED,
      });
      expect(foldAgreement([granted, revoked])).toMatchObject({ status: AgreementStatus.REVOKED });
      expect(foldAgreement([granted, expired])).toMatchObject({ status: AgreementStatus.EXPIRED });
    });

    it('takes the terms of an amendment whole, dropping optional terms it leaves out', () => {
      const { validUntil: _u, regionScope: _r, ...national } = amendedTo({ categories: [CASE, TAX] }).data;
      const state = foldAgreement([granted, ev('agreement.amended', national)]);
      expect(state).toEqual({
        granted: true,
        agreementId: ID,
        agency: UWV,
        grantedBy: 'u-admin',
        status: AgreementStatus.GRANTED,
        categories: [CASE, TAX],
        purpose: granted.data.purpose,
        legalBasis,
        validFrom: granted.data.validFrom,
      });
    });

    it('ignores anything before the grant', () => {
      expect(foldAgreement([revoked, expired])).toEqual({ granted: false });
    });
  });
});
