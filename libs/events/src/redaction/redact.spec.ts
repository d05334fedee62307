import { describe, expect, it } from '@jest/globals';
import { ActivationEvent, ALL_DATA_CATEGORIES, ActivationEventType, DataCategory } from '#domain';
import {
  allEventTypes,
  categoriesCarried,
  fieldCategories,
  primaryCategoryOf,
} from '../catalogue/activation-events.catalogue.js';
import { sampleEvent, sampleEvents } from '../catalogue/catalogue.fixtures.js';
import { redact } from './redact.js';
import { ERASED } from '../personal-data/sealed-value.js';

const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, BENEFITS, TAX, CRIMINAL, INTERVENTION, REPORT } =
  DataCategory;

/** The demo agreements of DESIGN §4. */
const DEMO: Record<'NLA' | 'GM0599' | 'VR17' | 'UWV' | 'SVB' | 'BD', ReadonlySet<DataCategory>> = {
  NLA: new Set(ALL_DATA_CATEGORIES.filter((c) => c !== HEALTH && c !== TAX)),
  GM0599: new Set([CASE, LOCATION, EMPLOYER, PERSONAL, INTERVENTION, REPORT]),
  VR17: new Set([CASE, LOCATION, EMPLOYER, HEALTH, INTERVENTION, REPORT]),
  UWV: new Set([CASE, EMPLOYER, PERSONAL, BENEFITS, INCOME]),
  SVB: new Set([CASE, EMPLOYER, PERSONAL, BENEFITS]),
  BD: new Set([CASE, EMPLOYER, INCOME, TAX]),
};
type DemoAgency = keyof typeof DEMO;
const ALL = new Set(ALL_DATA_CATEGORIES);

const HIDDEN = 'hidden';

/*
 * What each demo agency sees of each sample event (every optional field filled in): HIDDEN when the event
 * does not exist for it, otherwise the categories listed as withheld. Written out by hand from DESIGN §4 and
 * the catalogue, not computed, so a change to either shows up here as a reviewable diff.
 */
const MATRIX: Record<ActivationEventType, Record<DemoAgency, typeof HIDDEN | DataCategory[]>> = {
  // A repressive activation names the infection that triggered it: HEALTH.
  'activation.opened': {
    NLA: [HEALTH],
    GM0599: [HEALTH],
    VR17: [],
    UWV: [HEALTH, LOCATION],
    SVB: [HEALTH, LOCATION],
    BD: [HEALTH, LOCATION],
  },
  // The sample signal speaks of health, so whom it names is HEALTH as well as PERSONAL data, and its
  // description is classified HEALTH and PERSONAL.
  'signal.recorded': {
    NLA: [HEALTH],
    GM0599: [HEALTH],
    VR17: [PERSONAL],
    UWV: [HEALTH],
    SVB: [HEALTH],
    BD: [HEALTH, PERSONAL],
  },
  // Its reason is classified PERSONAL.
  'agency.invited': { NLA: [], GM0599: [], VR17: [PERSONAL], UWV: [], SVB: [], BD: [PERSONAL] },
  'agency.joined': { NLA: [], GM0599: [], VR17: [], UWV: [], SVB: [], BD: [] },
  // Its reason is classified PERSONAL.
  'agency.left': { NLA: [], GM0599: [], VR17: [PERSONAL], UWV: [], SVB: [], BD: [PERSONAL] },
  // That it became repressive is CASE; the infection that made it so is HEALTH.
  'activation.escalated': {
    NLA: [HEALTH],
    GM0599: [HEALTH],
    VR17: [],
    UWV: [HEALTH],
    SVB: [HEALTH],
    BD: [HEALTH],
  },
  'inspection.scheduled': {
    NLA: [],
    GM0599: [],
    VR17: [],
    UWV: [LOCATION],
    SVB: [LOCATION],
    BD: [LOCATION],
  },
  // Summary and reason are classified LOCATION.
  'inspection.completed': { NLA: [], GM0599: [], VR17: [], UWV: [LOCATION], SVB: [LOCATION], BD: [LOCATION] },
  'inspection.cancelled': { NLA: [], GM0599: [], VR17: [], UWV: [LOCATION], SVB: [LOCATION], BD: [LOCATION] },
  // The sample finding is a HEALTH finding, so a HEALTH event: it does not exist without HEALTH.
  'finding.recorded': {
    NLA: HIDDEN,
    GM0599: HIDDEN,
    VR17: [PERSONAL],
    UWV: HIDDEN,
    SVB: HIDDEN,
    BD: HIDDEN,
  },
  // Both rest on the HEALTH finding: which finding it is, is HEALTH. The referral's reason is CRIMINAL and PERSONAL.
  'intervention.imposed': { NLA: [HEALTH], GM0599: [HEALTH], VR17: [], UWV: HIDDEN, SVB: HIDDEN, BD: HIDDEN },
  'referral.made': {
    NLA: [HEALTH],
    GM0599: [CRIMINAL, HEALTH],
    VR17: [CRIMINAL, PERSONAL],
    UWV: HIDDEN,
    SVB: HIDDEN,
    BD: HIDDEN,
  },
  // Its rationale is classified BENEFITS and LOCATION.
  'integrated-deployment.decided': {
    NLA: [],
    GM0599: [BENEFITS],
    VR17: [BENEFITS],
    UWV: [LOCATION],
    SVB: [LOCATION],
    BD: [BENEFITS, LOCATION],
  },
  'report.filed': { NLA: [], GM0599: [], VR17: [], UWV: HIDDEN, SVB: HIDDEN, BD: HIDDEN },
  // Everything but that it exists and who added it carries the document's LOCATION and PERSONAL.
  'document.attached': {
    NLA: [],
    GM0599: [],
    VR17: [PERSONAL],
    UWV: [LOCATION],
    SVB: [LOCATION],
    BD: [LOCATION, PERSONAL],
  },
  // Outcome and reason are classified PERSONAL.
  'activation.closed': { NLA: [], GM0599: [], VR17: [PERSONAL], UWV: [], SVB: [], BD: [PERSONAL] },
  'activation.reopened': { NLA: [], GM0599: [], VR17: [PERSONAL], UWV: [], SVB: [], BD: [PERSONAL] },
  // Who leads is CASE; the sample reasons are classified PERSONAL.
  'lead.transferred': { NLA: [], GM0599: [], VR17: [PERSONAL], UWV: [], SVB: [], BD: [PERSONAL] },
  'closing.proposed': { NLA: [], GM0599: [], VR17: [PERSONAL], UWV: [], SVB: [], BD: [PERSONAL] },
  'activation.numbered': { NLA: [], GM0599: [], VR17: [], UWV: [], SVB: [], BD: [] },
  'invitation.declined': { NLA: [], GM0599: [], VR17: [PERSONAL], UWV: [], SVB: [], BD: [PERSONAL] },
  // Corrections of the HEALTH finding: only who could see the finding sees its corrections, and its
  // persons only with PERSONAL as well.
  'subject.corrected': {
    NLA: HIDDEN,
    GM0599: HIDDEN,
    VR17: [PERSONAL],
    UWV: HIDDEN,
    SVB: HIDDEN,
    BD: HIDDEN,
  },
  'finding.corrected': { NLA: HIDDEN, GM0599: HIDDEN, VR17: [], UWV: HIDDEN, SVB: HIDDEN, BD: HIDDEN },
  'entry.withdrawn': { NLA: HIDDEN, GM0599: HIDDEN, VR17: [], UWV: HIDDEN, SVB: HIDDEN, BD: HIDDEN },
  // The corrected location is LOCATION, as the original was; the reason is classified LOCATION.
  'location.corrected': { NLA: [], GM0599: [], VR17: [], UWV: [LOCATION], SVB: [LOCATION], BD: [LOCATION] },
  'employer.corrected': { NLA: [], GM0599: [], VR17: [], UWV: [], SVB: [], BD: [] },
  // Its reason is classified PERSONAL.
  'region.corrected': { NLA: [], GM0599: [], VR17: [PERSONAL], UWV: [], SVB: [], BD: [PERSONAL] },
  // Everyone sees that data was erased; whose, only those who may see persons.
  'personal-data.erased': { NLA: [], GM0599: [], VR17: [PERSONAL], UWV: [], SVB: [], BD: [PERSONAL] },
};

function cases(): [ActivationEventType, DemoAgency, typeof HIDDEN | DataCategory[]][] {
  return allEventTypes().flatMap((type) =>
    (Object.keys(DEMO) as DemoAgency[]).map(
      (agency) => [type, agency, MATRIX[type][agency]] as [ActivationEventType, DemoAgency, DataCategory[]],
    ),
  );
}

describe('redact', () => {
  describe('the demo agreements, for every event type', () => {
    it.each(cases())('%s as seen by %s withholds %j', (type, agency, expected) => {
      const visible = redact(sampleEvent(type), DEMO[agency]);
      if (expected === HIDDEN) {
        expect(visible).toBeUndefined();
        return;
      }
      expect(visible?.type).toBe(type);
      expect(visible?.withheld).toEqual(expected);
      // What is left is the primary category and those of the fields the agency may see whole.
      const carried = new Set([primaryCategoryOf(sampleEvent(type))]);
      for (const categories of fieldCategories(sampleEvent(type) as ActivationEvent).values()) {
        if (categories.every((c) => DEMO[agency].has(c))) categories.forEach((c) => carried.add(c));
      }
      expect(visible?.carried).toEqual([...carried].sort());
      if (expected.length === 0) expect(visible?.data).toEqual(sampleEvent(type).data);
    });
  });

  describe('payloads', () => {
    it('shows the safety region a HEALTH finding without the persons it names', () => {
      expect(redact(sampleEvent('finding.recorded'), DEMO.VR17)).toEqual({
        type: 'finding.recorded',
        data: {
          findingId: 'f-1',
          category: HEALTH,
          description: {
            text: 'Two workers with confirmed infection share a room with six others.',
            categories: [HEALTH],
          },
          recordedBy: 'NLA',
          inspectionId: 'i-1',
          // Not an array of nulls: how many persons a HEALTH finding names is health data too.
          subjects: null,
          amounts: [{ label: 'Sick pay withheld per week', euroCents: 35000 }],
          confirmedInfection: true,
        },
        withheld: [PERSONAL],
        carried: [CASE, HEALTH],
      });
    });

    it('does not let the municipality know that a HEALTH finding exists: a finding is an event of its own category', () => {
      expect(redact(sampleEvent('finding.recorded'), DEMO.GM0599)).toBeUndefined();
      const criminal = { ...sampleEvent('finding.recorded').data, category: CRIMINAL };
      expect(redact({ type: 'finding.recorded', data: criminal }, DEMO.GM0599)).toBeUndefined();
      expect(redact({ type: 'finding.recorded', data: criminal }, DEMO.NLA)).toMatchObject({
        data: { findingId: 'f-1', category: CRIMINAL, recordedBy: 'NLA' },
      });
    });

    it('shows UWV the persons and amounts of an INCOME finding', () => {
      const finding = sampleEvent('finding.recorded');
      const { confirmedInfection: _health, ...income } = {
        ...finding.data,
        category: INCOME,
        description: { text: 'Paid € 9.80 an hour.', categories: [INCOME] },
      };
      const visible = redact({ type: 'finding.recorded', data: income }, DEMO.UWV);
      expect(visible).toEqual({
        type: 'finding.recorded',
        data: income,
        withheld: [],
        carried: [CASE, INCOME, PERSONAL],
      });
      // SVB holds PERSONAL but not INCOME: an INCOME finding does not exist for it.
      expect(redact({ type: 'finding.recorded', data: income }, DEMO.SVB)).toBeUndefined();
    });

    it('shows the Belastingdienst a health signal without reporter, persons, health, or what it says of them', () => {
      expect(redact(sampleEvent('signal.recorded'), DEMO.BD)).toEqual({
        type: 'signal.recorded',
        data: {
          signalId: 's-1',
          recordedBy: 'NLA',
          source: { kind: 'PARTNER_AGENCY', agency: 'GGD17', name: null },
          // Its author classified it HEALTH and PERSONAL: the text and its categories go together.
          description: null,
          subjects: null,
          confirmedInfection: null,
          healthDetail: null,
        },
        withheld: [HEALTH, PERSONAL],
        carried: [CASE],
      });
    });

    it('shows the persons of a signal that does not speak of health to whoever holds PERSONAL', () => {
      const { confirmedInfection: _c, healthDetail: _h, ...plain } = sampleEvent('signal.recorded').data;
      const data = { ...plain, description: { text: 'Twelve beds in a shed.', categories: [PERSONAL] } };
      expect(redact({ type: 'signal.recorded', data }, DEMO.SVB)).toEqual({
        type: 'signal.recorded',
        data,
        withheld: [],
        carried: [CASE, PERSONAL],
      });
    });

    it('collapses an object with nothing visible to null rather than a husk of nulls', () => {
      expect(redact(sampleEvent('activation.opened'), new Set([CASE]))).toMatchObject({
        data: { location: null, employer: null, triggeredBy: null },
        withheld: [EMPLOYER, HEALTH, LOCATION],
        carried: [CASE],
      });
    });

    it('collapses an array whose elements are all withheld, so its length does not show', () => {
      expect(redact(sampleEvent('referral.made'), new Set([INTERVENTION, CRIMINAL, PERSONAL]))).toEqual({
        type: 'referral.made',
        data: {
          referralId: 'rf-1',
          fromAgency: 'NLA',
          toAgency: 'POL',
          reason: { text: 'Signs of human trafficking.', categories: [CRIMINAL, PERSONAL] },
          inspectionId: null,
          findingIds: null,
          findingCategories: null,
        },
        withheld: [CASE, HEALTH],
        carried: [CRIMINAL, INTERVENTION, PERSONAL],
      });
    });

    it('keeps empty arrays and the fields an event left out as they are', () => {
      const decided = {
        integrated: false,
        agencies: [],
        rationale: { text: 'One agency suffices.', categories: [PERSONAL] },
      };
      expect(
        redact({ type: 'integrated-deployment.decided', data: decided }, new Set([CASE, PERSONAL])),
      ).toEqual({
        type: 'integrated-deployment.decided',
        data: decided,
        withheld: [],
        carried: [CASE, PERSONAL],
      });
      const { healthDetail: _h, subjects: _s, ...lean } = sampleEvent('signal.recorded').data;
      expect(redact({ type: 'signal.recorded', data: lean }, DEMO.NLA)?.data).toEqual({
        ...lean,
        description: null,
        confirmedInfection: null,
      });
    });

    it('shows an intervention to an agency with INTERVENTION, withholding the addressee without EMPLOYER', () => {
      expect(redact(sampleEvent('intervention.imposed'), new Set([INTERVENTION, CASE]))).toEqual({
        type: 'intervention.imposed',
        data: {
          interventionId: 'iv-1',
          interventionType: 'FINE',
          imposedBy: 'NLA',
          addressee: null,
          description: { text: 'Fine for housing workers on the building site.', categories: [INTERVENTION] },
          amountEuroCents: 450000,
          legalBasis: 'Arbeidsomstandighedenwet art. 5',
          location: null,
          inspectionId: 'i-1',
          // It rests on a HEALTH finding: which finding that is, is HEALTH.
          findingIds: null,
          findingCategories: null,
        },
        withheld: [EMPLOYER, HEALTH, LOCATION],
        carried: [CASE, INTERVENTION],
      });
    });

    it('collapses an object the same way whichever of its optional parts were filled in', () => {
      const opened = sampleEvent('activation.opened');
      const name = opened.data.employer!.name;
      const employers = [
        opened.data.employer,
        { name },
        { name, staffingAgency: { name: 'FlexWerk Uitzend B.V.' } },
      ];
      for (const employer of employers) {
        const visible = redact({ type: opened.type, data: { ...opened.data, employer } }, new Set([CASE]));
        expect(visible?.data).toMatchObject({ employer: null });
        expect(visible?.withheld).toEqual([EMPLOYER, HEALTH, LOCATION]);
      }
    });

    it('withholds a narrative whose categories are missing or corrupt, whatever the agency holds', () => {
      const closed = sampleEvent('activation.closed');
      for (const outcome of [
        { text: 'x' },
        { text: 'x', categories: [] },
        { text: 'x', categories: ['SECRET'] },
      ]) {
        expect(redact({ type: closed.type, data: { outcome } }, ALL)?.data).toEqual({ outcome: null });
      }
    });
  });

  describe('whether the event exists for the agency', () => {
    it('hides an event whose primary category the agency lacks, however much else it holds', () => {
      const allButReport = new Set(ALL_DATA_CATEGORIES.filter((c) => c !== REPORT));
      expect(redact(sampleEvent('report.filed'), allButReport)).toBeUndefined();
      expect(redact(sampleEvent('agency.joined'), new Set([REPORT, INTERVENTION]))).toBeUndefined();
      expect(redact(sampleEvent('agency.joined'), new Set())).toBeUndefined();
    });

    it('hides event types the catalogue does not know', () => {
      expect(redact({ type: 'agreement.granted', data: { agency: 'NLA' } }, ALL)).toBeUndefined();
      expect(redact({ type: 'constructor', data: {} }, ALL)).toBeUndefined();
      expect(redact({ type: '__proto__', data: {} }, ALL)).toBeUndefined();
    });

    it('shows every event whole to an agency holding every category', () => {
      for (const event of sampleEvents()) {
        expect(redact(event, ALL)).toEqual({
          type: event.type,
          data: event.data,
          withheld: [],
          carried: categoriesCarried(event).sort(),
        });
      }
    });
  });

  describe('failing closed', () => {
    it('leaves out fields the catalogue does not know, however much the agency holds', () => {
      const joined = sampleEvent('agency.joined');
      const grown = {
        type: joined.type,
        data: { ...joined.data, contact: { phone: '010-1234567' }, note: 'x', empty: null },
      };
      expect(redact(grown, ALL)).toEqual({ ...redact(joined, ALL), data: joined.data });
    });

    it('leaves out unknown fields inside known objects and array elements', () => {
      const finding = sampleEvent('finding.recorded');
      const [first] = finding.data.subjects!;
      const subject = { ...first, phone: '06-12345678' };
      const visible = redact(
        { type: finding.type, data: { ...finding.data, subjects: [subject] } },
        new Set([CASE, PERSONAL, HEALTH]),
      );
      expect(visible?.data).toMatchObject({ subjects: [first] });
      expect(JSON.stringify(visible)).not.toContain('06-12345678');
    });

    it('withholds a value of the wrong shape', () => {
      const left = { type: 'agency.left', data: { agency: { code: 'UWV' }, reason: 'a plain string' } };
      expect(redact(left, ALL)).toEqual({
        type: 'agency.left',
        data: { agency: null, reason: null },
        withheld: [],
        carried: [CASE],
      });
      const opened = sampleEvent('activation.opened');
      expect(
        redact({ type: opened.type, data: { ...opened.data, location: 'Havenweg 12' } }, ALL)?.data,
      ).toMatchObject({ location: null });
      expect(redact({ type: 'agency.joined', data: 'UWV' }, ALL)?.data).toBeNull();
    });

    it('hides a finding whose category names no category, and does not throw', () => {
      const finding = sampleEvent('finding.recorded');
      const corrupt = { type: finding.type, data: { ...finding.data, category: 'SECRET' } };
      expect(redact(corrupt, ALL)).toBeUndefined();
    });

    it('ignores anything in the grants that is not a category', () => {
      const grants = new Set(['case', 'EVERYTHING', CASE]) as unknown as ReadonlySet<DataCategory>;
      expect(redact(sampleEvent('inspection.scheduled'), grants)?.withheld).toEqual([LOCATION]);
    });
  });

  describe('erased values (issue 19)', () => {
    const finding = sampleEvent('finding.recorded');
    const erasedPerson = {
      type: finding.type,
      data: {
        ...finding.data,
        subjects: [{ subjectId: ERASED, name: ERASED, bsn: ERASED, birthDate: ERASED, nationality: ERASED }],
      },
    };

    it('given an erased person, when an agency that may see persons reads it, then each value is the marker', () => {
      const visible = redact(erasedPerson, ALL);
      expect((visible?.data as { subjects: unknown[] }).subjects).toEqual([
        { subjectId: ERASED, name: ERASED, bsn: ERASED, birthDate: ERASED, nationality: ERASED },
      ]);
      expect(visible?.carried).toContain(PERSONAL);
    });

    it('given an erased person, when an agency without PERSONAL reads it, then it is withheld as any person is', () => {
      const withoutPersonal = new Set(ALL_DATA_CATEGORIES.filter((c) => c !== PERSONAL));
      const visible = redact(erasedPerson, withoutPersonal);
      expect(visible).toEqual(redact(finding, withoutPersonal));
    });

    it('never passes a sealed value on: one that reaches redaction unopened is withheld', () => {
      const sealed = { $sealed: 1, keys: ['k.1'], value: 'AAAA' };
      const visible = redact(
        {
          type: finding.type,
          data: { ...finding.data, subjects: [{ ...finding.data.subjects![0], name: sealed }] },
        },
        ALL,
      );
      expect(JSON.stringify(visible)).not.toContain('$sealed');
    });
  });

  describe('purity', () => {
    it('never changes its input and shares no object or array with it', () => {
      const event = sampleEvent('finding.recorded');
      const before = structuredClone(event);
      const visible = redact(deepFreeze(event), ALL)!;
      expect(event).toEqual(before);
      const data = visible.data as unknown as typeof event.data;
      expect(data).not.toBe(event.data);
      expect(data.subjects).not.toBe(event.data.subjects);
      expect(data.subjects![0]).not.toBe(event.data.subjects![0]);
      expect(data.amounts![0]).not.toBe(event.data.amounts![0]);
    });

    it('gives the same output for the same event and grants', () => {
      for (const event of sampleEvents()) {
        for (const grants of Object.values(DEMO)) {
          expect(JSON.stringify(redact(event, grants))).toBe(JSON.stringify(redact(event, grants)));
        }
      }
    });

    it('reads grants from any set, without keeping or changing it', () => {
      const grants = new Set([CASE, CRIMINAL]);
      redact(sampleEvent('signal.recorded'), grants);
      expect([...grants]).toEqual([CASE, CRIMINAL]);
    });
  });

  it('types the visible event by its type', () => {
    const visible = redact(sampleEvent('finding.recorded') as ActivationEvent, DEMO.VR17);
    if (visible?.type === 'finding.recorded') {
      // A compile-time check as much as a runtime one: subjects may be null after redaction.
      const subjects: readonly unknown[] | null | undefined = visible.data.subjects;
      expect(subjects).toBeNull();
    } else {
      throw new Error('expected a finding');
    }
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
