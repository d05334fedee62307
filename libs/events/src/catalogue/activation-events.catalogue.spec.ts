import { describe, expect, it } from '@jest/globals';
import {
  ACTIVATION_EVENT_TYPES,
  ActivationEvent,
  ALL_DATA_CATEGORIES,
  DataCategory,
  FINDING_CATEGORIES,
  foldActivation,
  SignalSourceKind,
} from '#domain';
import {
  allEventTypes,
  catalogueEntry,
  categoriesAt,
  categoriesCarried,
  fieldCategories,
  primaryCategoryOf,
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
      sampleEvents().map((event) => [event.type, primaryCategoryOf(event)]),
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
      'finding.recorded': HEALTH,
      'intervention.imposed': INTERVENTION,
      'referral.made': INTERVENTION,
      'integrated-deployment.decided': CASE,
      'report.filed': REPORT,
      'document.attached': CASE,
      'activation.closed': CASE,
      'activation.reopened': CASE,
      'lead.transferred': CASE,
      'closing.proposed': CASE,
      'activation.numbered': CASE,
      'invitation.declined': CASE,
      // A correction of an entry is an event of the entry's category (the sample finding is HEALTH).
      'subject.corrected': HEALTH,
      'finding.corrected': HEALTH,
      'entry.withdrawn': HEALTH,
      'location.corrected': CASE,
      'employer.corrected': CASE,
      'region.corrected': CASE,
      'personal-data.erased': CASE,
    });
  });

  it('classifies a correction like what it corrects', () => {
    const subject = sampleEvent('subject.corrected');
    const finding = sampleEvent('finding.recorded');
    expect(categoriesAt(subject, 'subject.bsn')).toEqual(
      categoriesAt(finding, 'subjects[].bsn')?.slice().sort(),
    );
    const signalSubject = {
      ...subject,
      data: { ...subject.data, entryKind: 'SIGNAL', entryCategory: CASE, subjectCategories: [PERSONAL] },
    } as ActivationEvent;
    expect(primaryCategoryOf(signalSubject)).toBe(CASE);
    expect(categoriesAt(signalSubject, 'subject.name')).toEqual([PERSONAL]);
    const corrected = sampleEvent('finding.corrected');
    expect(categoriesAt(corrected, 'amounts[].euroCents')).toEqual(
      categoriesAt(finding, 'amounts[].euroCents'),
    );
    expect(categoriesAt(sampleEvent('location.corrected'), 'location.address')).toEqual([LOCATION]);
    expect(categoriesAt(sampleEvent('employer.corrected'), 'employer.kvkNumber')).toEqual([EMPLOYER]);
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
      expect(categoriesAt(health, 'description.text')).toEqual([HEALTH]);
      expect(categoriesAt(health, 'amounts[].euroCents')).toEqual([HEALTH]);
      expect(categoriesAt(health, 'confirmedInfection')).toEqual([HEALTH]);

      const income = {
        ...health,
        data: { ...health.data, category: DataCategory.INCOME },
      } as ActivationEvent;
      // The description keeps the categories declared for it when it was written.
      expect(categoriesAt(income, 'description.text')).toEqual([HEALTH]);
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
          {
            type: 'signal.recorded',
            data: { ...plain, healthDetail: { text: 'Coughing.', categories: [HEALTH] } },
          },
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
      expect(() => categoriesAt(corrupt, 'amounts[].label')).toThrow(CatalogueError);
    });
  });

  it('lists the categories an event carries', () => {
    expect(categoriesCarried(sampleEvent('report.filed'))).toEqual([REPORT]);
    expect(new Set(categoriesCarried(sampleEvent('intervention.imposed')))).toEqual(
      // HEALTH: the measure rests on a health finding, and says which.
      new Set([INTERVENTION, EMPLOYER, LOCATION, CASE, HEALTH]),
    );
    expect(new Set(categoriesCarried(sampleEvent('signal.recorded')))).toEqual(
      new Set([CASE, PERSONAL, HEALTH]),
    );
    expect(categoriesCarried({ type: 'agency.joined', data: sampleEvent('agency.joined').data })).toEqual([
      CASE,
    ]);
  });

  describe('schema versions', () => {
    it('writes each type at the version of its current shape', () => {
      expect(
        Object.fromEntries(allEventTypes().map((type) => [type, catalogueEntry(type).schemaVersion])),
      ).toEqual({
        'activation.opened': 2,
        // v2: a source instead of a reporter; v3: classified narratives.
        'signal.recorded': 3,
        'agency.invited': 1,
        'agency.joined': 1,
        // v2: free text became a narrative with the categories its author declared.
        'agency.left': 2,
        'activation.escalated': 1,
        'inspection.scheduled': 1,
        'inspection.completed': 2,
        'inspection.cancelled': 2,
        'finding.recorded': 2,
        // v2: narratives, and the categories of the findings they name.
        'intervention.imposed': 2,
        'referral.made': 2,
        'integrated-deployment.decided': 2,
        'report.filed': 2,
        'document.attached': 1,
        'activation.closed': 2,
        'activation.reopened': 2,
        'lead.transferred': 1,
        'closing.proposed': 1,
        'activation.numbered': 1,
        'invitation.declined': 1,
        'subject.corrected': 1,
        'finding.corrected': 1,
        'entry.withdrawn': 1,
        'location.corrected': 1,
        'employer.corrected': 1,
        'region.corrected': 1,
        'personal-data.erased': 1,
      });
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
      expect(upcastEventData('signal.recorded', 3, current)).toBe(current);
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
        // Nobody can tell what was typed into an old narrative: it counts as naming a person.
        description: { text: 'x', categories: [PERSONAL] },
      });
    });

    it('classifies an old narrative with every category its event carries, PERSONAL included', () => {
      expect(
        upcastEventData('signal.recorded', 2, {
          signalId: 's-1',
          recordedBy: 'NLA',
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: 'Two workers are ill.',
          confirmedInfection: true,
          healthDetail: 'Both tested positive.',
        }),
      ).toMatchObject({
        description: { text: 'Two workers are ill.', categories: [HEALTH, PERSONAL] },
        healthDetail: { text: 'Both tested positive.', categories: [HEALTH, PERSONAL] },
      });
      // What a feed row once withheld is known to have been there.
      expect(
        upcastEventData('activation.closed', 1, { outcome: 'Closed after the fine.' }, [INCOME]),
      ).toEqual({ outcome: { text: 'Closed after the fine.', categories: [INCOME, PERSONAL] } });
    });

    it('counts the findings an old measure named as carrying every finding category', () => {
      const lifted = upcastEventData('intervention.imposed', 1, {
        ...sampleEvent('intervention.imposed').data,
        description: 'Fine.',
        findingIds: ['f-1'],
        findingCategories: undefined,
      });
      expect(lifted.findingCategories).toEqual([...FINDING_CATEGORIES].sort());
    });

    it('refuses versions it does not know', () => {
      expect(() => upcastEventData('signal.recorded', 4, {})).toThrow(CatalogueError);
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
        schemaVersion: 3,
        data: {
          signalId: 's-1',
          recordedBy: 'NLA',
          source: { kind: SignalSourceKind.ANONYMOUS },
          description: { text: 'x', categories: [PERSONAL] },
        },
      });
      // Agreements granted before the register served its one activity, case coordination.
      const agreement = { agency: 'NLA' };
      expect(catalogueUpcasting.upcast('agreement.granted', 1, agreement)).toEqual({
        schemaVersion: 2,
        data: { ...agreement, activities: ['case-coordination'] },
      });
      expect(catalogueUpcasting.upcast('agreement.revoked', 1, agreement)).toEqual({
        schemaVersion: 1,
        data: agreement,
      });
      const other = { anything: true };
      expect(catalogueUpcasting.upcast('something.else', 7, other)).toEqual({
        schemaVersion: 7,
        data: other,
      });
    });
  });

  it('samples fold into an activation state', () => {
    // Not a consistent history, but evolve must accept every event type without throwing.
    expect(foldActivation(sampleEvents())).toMatchObject({ opened: true, activationId: 'act-1' });
  });
});
