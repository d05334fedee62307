import { describe, expect, it } from '@jest/globals';
import {
  ACTIVATION_EVENT_TYPES,
  ActivationEvent,
  ALL_DATA_CATEGORIES,
  DataCategory,
  foldActivation,
  SignalSourceKind,
} from '#domain';
import {
  allEventTypes,
  catalogueEntry,
  categoriesAt,
  categoriesCarried,
  fieldCategories,
  unclassifiedPaths,
  upcastEventData,
} from './activation-events.catalogue.js';
import { catalogueUpcasting } from './catalogue-upcasting.js';
import { sampleEvent, sampleEvents } from './catalogue.fixtures.js';
import { CatalogueError } from './field-classification.js';
import { leavesOf } from './field-paths.js';

const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, CRIMINAL, INTERVENTION, REPORT } = DataCategory;

describe('activation event catalogue', () => {
  it('has an entry for every domain event type and no other', () => {
    expect([...allEventTypes()].sort()).toEqual([...ACTIVATION_EVENT_TYPES].sort());
    for (const type of ACTIVATION_EVENT_TYPES) expect(catalogueEntry(type).type).toBe(type);
    expect(() => catalogueEntry('activation.vanished' as never)).toThrow(CatalogueError);
  });

  it('has exactly one sample event per type', () => {
    expect(sampleEvents().map((event) => event.type)).toEqual([...allEventTypes()]);
  });

  it.each(sampleEvents().map((event) => [event.type, event] as [string, ActivationEvent]))(
    'classifies every field of %s, nested fields and array elements included',
    (_type, event) => {
      expect(unclassifiedPaths(event)).toEqual([]);
      for (const leaf of leavesOf(event.data)) {
        const categories = categoriesAt(event, leaf.path);
        expect({ path: leaf.path, categories }).toEqual({ path: leaf.path, categories: expect.any(Array) });
        expect(categories!.length).toBeGreaterThan(0);
        for (const category of categories!) expect(ALL_DATA_CATEGORIES).toContain(category);
      }
    },
  );

  it.each(sampleEvents().map((event) => [event.type, event] as [string, ActivationEvent]))(
    'classifies no field of %s that its sample lacks, so the fixtures stay complete',
    (_type, event) => {
      const present = new Set(leavesOf(event.data).map((leaf) => leaf.path));
      expect([...fieldCategories(event).keys()].filter((path) => !present.has(path))).toEqual([]);
    },
  );

  it('notices a field the catalogue does not know', () => {
    const event = sampleEvent('agency.joined');
    const grown = { ...event, data: { ...event.data, contact: { phone: '010-1234567' } } } as ActivationEvent;
    expect(unclassifiedPaths(grown)).toEqual(['contact.phone']);
    expect(categoriesAt(grown, 'contact.phone')).toBeUndefined();
  });

  it('gives every event type its primary category', () => {
    const primaries = Object.fromEntries(
      allEventTypes().map((type) => [type, catalogueEntry(type).primaryCategory]),
    );
    expect(primaries).toEqual({
      'activation.opened': CASE,
      'signal.recorded': CASE,
      'agency.invited': CASE,
      'agency.joined': CASE,
      'agency.left': CASE,
      'activation.escalated': CASE,
      'inspection.scheduled': CASE,
      'inspection.completed': CASE,
      'inspection.cancelled': CASE,
      'finding.recorded': CASE,
      'intervention.imposed': INTERVENTION,
      'referral.made': INTERVENTION,
      'integrated-deployment.decided': CASE,
      'report.filed': REPORT,
      'activation.closed': CASE,
      'activation.reopened': CASE,
    });
  });

  it('classifies the parts of an opened activation', () => {
    const categories = fieldCategories(sampleEvent('activation.opened'));
    expect(categories.get('themes[]')).toEqual([CASE]);
    expect(categories.get('location.postcode')).toEqual([LOCATION]);
    expect(categories.get('employer.staffingAgency.kvkNumber')).toEqual([EMPLOYER]);
  });

  describe('categories that depend on the event', () => {
    it("gives a finding's content the finding's own category", () => {
      const health = sampleEvent('finding.recorded');
      expect(categoriesAt(health, 'category')).toEqual([CASE]);
      expect(categoriesAt(health, 'description')).toEqual([HEALTH]);
      expect(categoriesAt(health, 'amounts[].euroCents')).toEqual([HEALTH]);
      expect(categoriesAt(health, 'confirmedInfection')).toEqual([HEALTH]);

      const income = {
        ...health,
        data: { ...health.data, category: DataCategory.INCOME },
      } as ActivationEvent;
      expect(categoriesAt(income, 'description')).toEqual([INCOME]);
      expect(categoriesAt(income, 'amounts[].label')).toEqual([INCOME]);
    });

    it('requires both PERSONAL and the finding category to see who a finding is about', () => {
      const health = sampleEvent('finding.recorded');
      expect(categoriesAt(health, 'subjects[].bsn')).toEqual([PERSONAL, HEALTH]);
      const criminal = { ...health, data: { ...health.data, category: CRIMINAL } } as ActivationEvent;
      expect(categoriesAt(criminal, 'subjects[].name')).toEqual([PERSONAL, CRIMINAL]);
      const personal = { ...health, data: { ...health.data, category: PERSONAL } } as ActivationEvent;
      expect(categoriesAt(personal, 'subjects[].name')).toEqual([PERSONAL]);
    });

    it('adds HEALTH to the persons of a signal only when the signal speaks of health', () => {
      const signal = sampleEvent('signal.recorded');
      expect(categoriesAt(signal, 'subjects[].bsn')).toEqual([PERSONAL, HEALTH]);
      const { confirmedInfection: _c, healthDetail: _h, ...plain } = signal.data;
      expect(categoriesAt({ type: 'signal.recorded', data: plain }, 'subjects[].bsn')).toEqual([PERSONAL]);
      expect(
        categoriesAt(
          { type: 'signal.recorded', data: { ...plain, confirmedInfection: false } },
          'subjects[].bsn',
        ),
      ).toEqual([PERSONAL]);
      expect(
        categoriesAt(
          { type: 'signal.recorded', data: { ...plain, healthDetail: 'Coughing.' } },
          'subjects[].bsn',
        ),
      ).toEqual([PERSONAL, HEALTH]);
    });

    it('refuses to resolve a category field that holds no category, rather than guess', () => {
      const finding = sampleEvent('finding.recorded');
      const corrupt = {
        ...finding,
        data: { ...finding.data, category: 'SECRET' },
      } as unknown as ActivationEvent;
      expect(() => categoriesAt(corrupt, 'description')).toThrow(CatalogueError);
    });
  });

  it('lists the categories an event carries', () => {
    expect(categoriesCarried(sampleEvent('report.filed'))).toEqual([REPORT]);
    expect(new Set(categoriesCarried(sampleEvent('intervention.imposed')))).toEqual(
      new Set([INTERVENTION, EMPLOYER, LOCATION, CASE]),
    );
    expect(new Set(categoriesCarried(sampleEvent('signal.recorded')))).toEqual(
      new Set([CASE, PERSONAL, HEALTH]),
    );
    expect(categoriesCarried({ type: 'agency.joined', data: sampleEvent('agency.joined').data })).toEqual([
      CASE,
    ]);
  });

  describe('schema versions', () => {
    it('writes every type at version 1, except signal.recorded at 2', () => {
      for (const type of allEventTypes()) {
        expect([type, catalogueEntry(type).schemaVersion]).toEqual([
          type,
          type === 'signal.recorded' ? 2 : 1,
        ]);
      }
    });

    it('has one upcaster for every older version, in order', () => {
      for (const type of allEventTypes()) {
        const entry = catalogueEntry(type);
        expect(entry.upcasters.map((upcaster) => upcaster.fromVersion)).toEqual(
          Array.from({ length: entry.schemaVersion - 1 }, (_, i) => i + 1),
        );
      }
    });

    it('leaves current payloads alone and lifts old ones', () => {
      const current = sampleEvent('signal.recorded').data;
      expect(upcastEventData('signal.recorded', 2, current)).toBe(current);
      expect(
        upcastEventData('signal.recorded', 1, {
          signalId: 's-1',
          recordedBy: 'NLA',
          reporter: 'UWV',
          description: 'x',
        }),
      ).toEqual({
        signalId: 's-1',
        recordedBy: 'NLA',
        source: { kind: SignalSourceKind.PARTNER_AGENCY, agency: 'UWV' },
        description: 'x',
      });
    });

    it('refuses versions it does not know', () => {
      expect(() => upcastEventData('signal.recorded', 3, {})).toThrow(CatalogueError);
      expect(() => upcastEventData('agency.joined', 0, {})).toThrow(CatalogueError);
    });

    it('serves the event store: lifts known types, passes others through', () => {
      expect(
        catalogueUpcasting.upcast('signal.recorded', 1, {
          signalId: 's-1',
          recordedBy: 'NLA',
          reporter: '',
          description: 'x',
        }),
      ).toEqual({
        schemaVersion: 2,
        data: {
          signalId: 's-1',
          recordedBy: 'NLA',
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: 'x',
        },
      });
      const agreement = { agency: 'NLA' };
      expect(catalogueUpcasting.upcast('agreement.granted', 1, agreement)).toEqual({
        schemaVersion: 1,
        data: agreement,
      });
    });
  });

  it('samples fold into an activation state', () => {
    // Not a consistent history, but evolve must accept every event type without throwing.
    expect(foldActivation(sampleEvents())).toMatchObject({ opened: true, activationId: 'act-1' });
  });
});
