import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ActivationEvent, DataCategory, type SubjectPseudonyms } from '#domain';
import { categoriesAt } from '../catalogue/activation-events.catalogue.js';
import { sampleEvent, sampleEvents } from '../catalogue/catalogue.fixtures.js';
import { leavesOf } from '../catalogue/field-paths.js';
import {
  activationRef,
  keyIdsIn,
  openPayload,
  SEALED_CATEGORIES,
  sealingPlan,
  sealPayload,
} from './payload-sealing.js';
import { ERASED, type SubjectKey } from './sealed-value.js';

const refs: SubjectPseudonyms = {
  ofBsn: (bsn) => `bsn-${bsn}`,
  ofCaseSubject: (activationId, subjectId) => `case-${activationId}-${subjectId}`,
};
const ACTIVATION = 'act-1';

/** Seals an event under fresh keys; `keyOf` reads with every key but those of the refs named as erased. */
function sealed(event: ActivationEvent) {
  const plan = sealingPlan(event, ACTIVATION, refs);
  const keys = new Map<string, SubjectKey>();
  for (const ref of new Set([...plan.values()].flat()))
    keys.set(ref, { id: `${ref}.1`, key: randomBytes(32) });
  const data = sealPayload(event, plan, keys);
  const keyOf =
    (...erased: string[]) =>
    (id: string) =>
      [...keys.values()].find((key) => key.id === id && !erased.includes(id.replace(/\.1$/, '')))?.key;
  return { plan, data, keyOf };
}

const isSensitive = (event: ActivationEvent, path: string) =>
  (categoriesAt(event, path) ?? []).some((category) => SEALED_CATEGORIES.has(category));

describe('sealing the personal values of an event', () => {
  it.each(sampleEvents().map((event) => [event.type, event] as const))(
    'given a fully populated %s, when sealed, then no personal, health or criminal value is left in the clear and opening gives it back',
    (_type, event) => {
      const { data, keyOf } = sealed(event);
      const text = JSON.stringify(data);
      for (const leaf of leavesOf(event.data)) {
        const plain =
          typeof leaf.value === 'string' && leaf.value.length >= 3 && !/^[A-Z_]+$/.test(leaf.value);
        if (isSensitive(event, leaf.path) && plain) {
          expect({ path: leaf.path, inTheClear: text.includes(JSON.stringify(leaf.value)) }).toEqual({
            path: leaf.path,
            inTheClear: false,
          });
        }
      }
      expect(openPayload(data, keyOf())).toEqual(event.data);
    },
  );

  it('given a finding about a person with a BSN, when that person is erased, then their values read as erased and the case facts stay', () => {
    const event = sampleEvent('finding.recorded');
    const { data, keyOf } = sealed(event);
    const opened = openPayload(data, keyOf('bsn-111222333')) as Record<string, unknown> & {
      subjects: Record<string, unknown>[];
    };
    expect(opened.subjects[0]).toEqual({
      subjectId: ERASED,
      name: ERASED,
      bsn: ERASED,
      birthDate: ERASED,
      nationality: ERASED,
    });
    // What the activation says beside the person may speak of them: erased with them.
    expect(opened.description).toMatchObject({ text: ERASED });
    // The finding's category, its kind and id are case facts, never sealed.
    expect(opened.category).toBe(event.data.category);
    expect(opened.findingId).toBe(event.data.findingId);
  });

  it('files a person under the activation, the case subject and their BSN, one without a BSN under the first two, and other values under the activation and everyone named', () => {
    const event = sampleEvent('signal.recorded');
    const withoutBsn = { ...event.data.subjects![0]!, subjectId: 'w2', bsn: undefined };
    const two = { ...event, data: { ...event.data, subjects: [event.data.subjects![0]!, withoutBsn] } };
    const plan = sealingPlan(two as ActivationEvent, ACTIVATION, refs);
    const byPath = new Map([...plan].map(([leaf, keys]) => [leaf.location.join('.'), keys]));
    const own = activationRef(refs, ACTIVATION);
    const first = `case-act-1-${event.data.subjects![0]!.subjectId}`;
    expect(byPath.get('subjects.0.name')).toEqual([own, first, 'bsn-111222333']);
    expect(byPath.get('subjects.1.name')).toEqual([own, 'case-act-1-w2']);
    expect(byPath.get('source.name')).toEqual([own, first, 'bsn-111222333', 'case-act-1-w2']);
  });

  it('given a sealed event, when the activation itself is destroyed (retention), then every sealed value reads as erased and the case facts stay', () => {
    const event = sampleEvent('finding.recorded');
    const { data, keyOf } = sealed(event);
    const opened = openPayload(data, keyOf(activationRef(refs, ACTIVATION))) as Record<string, unknown>;
    expect(keyIdsIn(opened)).toEqual([]);
    expect(JSON.stringify(opened)).not.toContain('111222333');
    expect((opened.subjects as unknown[])[0]).toMatchObject({ name: ERASED, bsn: ERASED });
    expect(opened.category).toBe(event.data.category);
  });

  it('leaves the categories a narrative declares in the clear: the rest is classified by them', () => {
    const event = sampleEvent('signal.recorded');
    const { data } = sealed(event);
    expect((data as { description: { categories: DataCategory[] } }).description.categories).toEqual(
      event.data.description.categories,
    );
  });

  it('names every key a payload needs, and an event without personal values needs none', () => {
    const { data, plan } = sealed(sampleEvent('signal.recorded'));
    expect(keyIdsIn(data).sort()).toEqual(
      [...new Set([...plan.values()].flat())].map((ref) => `${ref}.1`).sort(),
    );
    const joined = sampleEvent('agency.joined');
    expect(sealingPlan(joined, ACTIVATION, refs).size).toBe(0);
    expect(keyIdsIn(sealed(joined).data)).toEqual([]);
  });

  it('given a sealed payload, when opened, then the stored payload is left sealed and the parts with nothing sealed are not copied', () => {
    const event = sampleEvent('finding.recorded');
    const { data, keyOf } = sealed(event);
    const stored = JSON.stringify(data);
    const opened = openPayload(data, keyOf()) as Record<string, unknown>;
    expect(opened).toEqual(event.data);
    expect(JSON.stringify(data)).toBe(stored);
    const unsealed = Object.keys(opened).filter(
      (key) => keyIdsIn((data as Record<string, unknown>)[key]).length === 0,
    );
    expect(unsealed.length).toBeGreaterThan(0);
    for (const key of unsealed) expect(opened[key]).toBe((data as Record<string, unknown>)[key]);
    const plain = { ...sampleEvent('agency.joined').data };
    expect(openPayload(plain, keyOf())).toBe(plain);
  });
});
