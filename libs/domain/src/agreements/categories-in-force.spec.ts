import { describe, expect, it } from '@jest/globals';
import { agencyCode } from '../shared/agency-code.value.js';
import { DataCategory } from '../shared/data-category.enum.js';
import { instant } from '../shared/instant.value.js';
import { safetyRegion } from '../shared/safety-region.value.js';
import { foldAgreement } from './agreement.decider.js';
import { AgreementEventOf } from './agreement.events.js';
import { AgreementStatus } from './agreement.state.js';
import { AgreementInForceView, categoriesInForce } from './categories-in-force.js';

const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, BENEFITS, TAX, INTERVENTION, REPORT } =
  DataCategory;

const UWV = agencyCode('UWV');
const BD = agencyCode('BD');
const VR17 = safetyRegion('VR17');
const VR03 = safetyRegion('VR03');
const AT = instant('2026-03-01T10:00:00+01:00');

function agreement(overrides: Partial<AgreementInForceView> = {}): AgreementInForceView {
  return {
    agency: 'UWV',
    categories: [CASE, EMPLOYER, PERSONAL],
    status: AgreementStatus.GRANTED,
    validFrom: '2026-01-01T00:00:00+01:00',
    ...overrides,
  };
}

const inForce = (agreements: Parameters<typeof categoriesInForce>[0], at = AT, region = VR17, agency = UWV) =>
  [...categoriesInForce(agreements, agency, region, at)].sort();

describe('categoriesInForce', () => {
  it('is empty without agreements', () => {
    expect(inForce([])).toEqual([]);
  });

  it('unites the categories of overlapping agreements of the agency', () => {
    expect(
      inForce([
        agreement({ categories: [CASE, EMPLOYER, PERSONAL] }),
        agreement({ categories: [CASE, BENEFITS, INCOME], validUntil: '2027-01-01T00:00:00+01:00' }),
        agreement({ categories: [CASE, INCOME], regionScope: 'VR17' }),
      ]),
    ).toEqual([BENEFITS, CASE, EMPLOYER, INCOME, PERSONAL]);
  });

  it("ignores other agencies' agreements", () => {
    const agreements = [agreement(), agreement({ agency: 'BD', categories: [CASE, TAX] })];
    expect(inForce(agreements)).toEqual([CASE, EMPLOYER, PERSONAL]);
    expect(inForce(agreements, AT, VR17, BD)).toEqual([CASE, TAX]);
  });

  it('applies a region-scoped agreement only to activations in its region', () => {
    const agreements = [
      agreement({ categories: [CASE] }),
      agreement({ categories: [CASE, INCOME], regionScope: 'VR17' }),
    ];
    expect(inForce(agreements, AT, VR17)).toEqual([CASE, INCOME]);
    expect(inForce(agreements, AT, VR03)).toEqual([CASE]);
    expect(inForce([agreement({ regionScope: null })], AT, VR03)).toEqual([CASE, EMPLOYER, PERSONAL]);
  });

  it('applies from validFrom on, and no longer from validUntil on', () => {
    const window = [
      agreement({ validFrom: '2026-01-01T00:00:00+01:00', validUntil: '2026-02-01T00:00:00+01:00' }),
    ];
    expect(inForce(window, instant('2025-12-31T22:59:59.999Z'))).toEqual([]);
    expect(inForce(window, instant('2026-01-01T00:00:00+01:00'))).toEqual([CASE, EMPLOYER, PERSONAL]);
    expect(inForce(window, instant('2025-12-31T23:00:00Z'))).toEqual([CASE, EMPLOYER, PERSONAL]);
    expect(inForce(window, instant('2026-01-31T23:59:59.999+01:00'))).toEqual([CASE, EMPLOYER, PERSONAL]);
    expect(inForce(window, instant('2026-02-01T00:00:00+01:00'))).toEqual([]);
    expect(inForce(window, instant('2026-01-31T23:00:00Z'))).toEqual([]);
  });

  it('keeps an open-ended agreement in force', () => {
    expect(inForce([agreement({ validUntil: null })], instant('2099-01-01T00:00:00Z'))).toEqual([
      CASE,
      EMPLOYER,
      PERSONAL,
    ]);
  });

  it('drops revoked and expired agreements, whatever their dates say', () => {
    const agreements = [
      agreement({ categories: [CASE], status: AgreementStatus.GRANTED }),
      agreement({ categories: [CASE, PERSONAL], status: AgreementStatus.REVOKED }),
      agreement({
        categories: [CASE, INCOME],
        status: AgreementStatus.EXPIRED,
        validUntil: '2099-01-01T00:00:00Z',
      }),
    ];
    expect(inForce(agreements)).toEqual([CASE]);
    // A revocation is not undone by asking about a moment before it.
    expect(inForce(agreements, instant('2026-01-15T00:00:00Z'))).toEqual([CASE]);
  });

  it('counts nothing it cannot read: bad dates, unknown categories', () => {
    expect(inForce([agreement({ validFrom: 'soon' })])).toEqual([]);
    expect(inForce([agreement({ validUntil: 'later' })])).toEqual([]);
    expect(inForce([agreement({ categories: [CASE, 'SECRET', 'health'] })])).toEqual([CASE]);
    expect(inForce([agreement()], 'now' as typeof AT)).toEqual([]);
  });

  it('reads the decider state, skipping agreements that were never granted', () => {
    const granted: AgreementEventOf<'agreement.granted'> = {
      type: 'agreement.granted',
      data: {
        agreementId: 'agr-1',
        agency: UWV,
        categories: [BENEFITS, CASE, EMPLOYER, INCOME, PERSONAL],
        purpose: 'Detect benefit fraud.',
        legalBasis: { text: 'Data exchange for enforcement.', reference: 'Wet SUWI art. 64' },
        validFrom: instant('2026-01-01T00:00:00+01:00'),
        validUntil: instant('2027-01-01T00:00:00+01:00'),
        regionScope: VR17,
        activities: ['case-coordination'],
        grantedBy: 'u-admin',
      },
    };
    const revoked = { type: 'agreement.revoked', data: { revokedBy: 'u-admin', reason: 'Ended.' } } as const;
    expect(inForce([foldAgreement([]), foldAgreement([granted])])).toEqual([
      BENEFITS,
      CASE,
      EMPLOYER,
      INCOME,
      PERSONAL,
    ]);
    expect(inForce([foldAgreement([granted, revoked])])).toEqual([]);
  });

  it('gives the demo agencies of DESIGN §4 what their agreements say', () => {
    const everythingButHealthAndTax = Object.values(DataCategory).filter((c) => c !== HEALTH && c !== TAX);
    const demo = [
      agreement({ agency: 'NLA', categories: everythingButHealthAndTax }),
      agreement({ agency: 'GM0599', categories: [CASE, LOCATION, EMPLOYER, PERSONAL, INTERVENTION, REPORT] }),
      agreement({ agency: 'VR17', categories: [CASE, LOCATION, EMPLOYER, HEALTH, INTERVENTION, REPORT] }),
      agreement({ agency: 'UWV', categories: [CASE, EMPLOYER, PERSONAL, BENEFITS, INCOME] }),
      agreement({ agency: 'SVB', categories: [CASE, EMPLOYER, PERSONAL, BENEFITS] }),
      agreement({ agency: 'BD', categories: [CASE, EMPLOYER, INCOME, TAX] }),
    ];
    expect(inForce(demo, AT, VR17, agencyCode('NLA'))).toEqual([...everythingButHealthAndTax].sort());
    expect(inForce(demo, AT, VR17, agencyCode('VR17'))).toEqual([
      CASE,
      EMPLOYER,
      HEALTH,
      INTERVENTION,
      LOCATION,
      REPORT,
    ]);
    expect(inForce(demo, AT, VR17, agencyCode('SVB'))).toEqual([BENEFITS, CASE, EMPLOYER, PERSONAL]);
    expect(inForce(demo, AT, VR17, agencyCode('POL'))).toEqual([]);
  });
});
