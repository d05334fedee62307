import { describe, expect, it } from '@jest/globals';
import {
  feedEventType,
  feedPositionOf,
  feedSequence,
  nlGovProfileViolations,
  parseFeedEventType,
} from './nl-gov-profile.js';

/** A feed message as keten publishes it, to break one rule at a time. */
const conforming = (): Record<string, unknown> => ({
  specversion: '1.0',
  id: '0b5e3c52-6f0a-4c1e-9d57-3f1a8e2b7c40',
  source: 'urn:nld:oin:00000001003214345000:systeem:keten',
  type: 'nl.keten.signal.recorded.v2',
  subject: 'a-2026-0042',
  time: '2026-03-02T09:15:00.000Z',
  sequence: '0000000000000004711',
  datacontenttype: 'application/json',
  dataschema: 'urn:keten:event:signal.recorded:2',
  data: { subjects: [{ bsn: '111222333' }] },
  partitionkey: 'a-2026-0042',
  dataclassification: 'restricted',
  dataregulation: 'GDPR',
  datacategory: 'standard',
  ketencategories: 'CASE,PERSONAL',
});

describe('NL GOV profile for CloudEvents', () => {
  it('names types in reverse-DNS notation with one version, and reads them back', () => {
    expect(feedEventType('integrated-deployment.decided', 1)).toBe(
      'nl.keten.integrated-deployment.decided.v1',
    );
    expect(parseFeedEventType('nl.keten.signal.recorded.v2')).toEqual({
      wireName: 'signal.recorded',
      schemaVersion: 2,
    });
    expect(parseFeedEventType('signal.recorded')).toBeUndefined();
  });

  it('writes feed positions as sequences that sort as the positions do', () => {
    const positions = [9, 10, 99, 100, 12345678901234];
    const sequences = positions.map(feedSequence);
    expect([...sequences].sort()).toEqual(sequences);
    expect(sequences.map((s) => Number(feedPositionOf(s)))).toEqual(positions);
    expect(feedSequence('9223372036854775807')).toBe('9223372036854775807');
    expect(() => feedSequence(-1)).toThrow(RangeError);
    expect(() => feedPositionOf('12')).toThrow(RangeError);
  });

  it('accepts a message as keten publishes it, personal data in data only', () => {
    expect(nlGovProfileViolations(conforming())).toEqual([]);
    // A UUID's hex groups hold digit runs (759575071) that pass the eleven-test: they are no BSN.
    expect(nlGovProfileViolations({ ...conforming(), id: '84ee6425-7044-4f4c-8ffb-9ac759575071' })).toEqual(
      [],
    );
  });

  it.each([
    ['an old-style source', { source: 'urn:keten:development' }, /source/],
    ['a URL as source', { source: 'https://keten.example.nl' }, /source/],
    ['a type without reverse-DNS prefix', { type: 'activation.opened' }, /reverse-DNS/],
    ['a type with two versions', { type: 'nl.keten.v1.signal.recorded.v2' }, /one version/],
    ['a type naming an agency', { type: 'nl.uwv.signal.recorded.v1' }, /organisations: uwv/],
    ['a type naming a municipality', { type: 'nl.gm0599.signal.recorded.v1' }, /organisations: gm0599/],
    ['a sequence that does not sort', { sequence: '4711' }, /sequence/],
    ['a BSN in the subject', { subject: '111222333' }, /subject holds what looks like a BSN/],
    ['a BSN in an extension', { ketennote: 'about 111222333' }, /ketennote holds what looks like a BSN/],
    ['an attribute name in capitals', { ketenNote: 'x' }, /ketenNote is not/],
    ['an XML payload', { datacontenttype: 'application/xml' }, /datacontenttype/],
    ['no classification', { dataclassification: undefined }, /dataclassification/],
    ['restricted data without regulation', { dataregulation: undefined }, /dataregulation/],
    ['both data and dataref', { dataref: 'https://keten.example.nl/graphql' }, /either data or a dataref/],
  ])('refuses %s', (_case, change, problem) => {
    const event: Record<string, unknown> = { ...conforming(), ...change };
    for (const [name, value] of Object.entries(change)) if (value === undefined) delete event[name];
    expect(nlGovProfileViolations(event).join('\n')).toMatch(problem);
  });
});
