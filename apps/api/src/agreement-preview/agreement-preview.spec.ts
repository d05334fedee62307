import { describe, expect, it } from '@jest/globals';
import { ALL_DATA_CATEGORIES, DataCategory } from '#domain';
import { previewOf } from './agreement-preview.js';
import { SAMPLE_ACTIVATION } from './sample-activation.js';

const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, BENEFITS, INTERVENTION, REPORT } = DataCategory;

describe('the preview of an agreement on the sample activation', () => {
  it('shows an agency granted everything the whole sample, nothing withheld', () => {
    const preview = previewOf(new Set(ALL_DATA_CATEGORIES));
    expect(preview.entries.map((entry) => entry.eventId)).toEqual(
      SAMPLE_ACTIVATION.map((sample) => sample.eventId),
    );
    expect(preview.withheld).toEqual([]);
    expect(preview.entries.every((entry) => entry.withheld.length === 0)).toBe(true);
  });

  it("shows UWV's demo terms (CASE, EMPLOYER, PERSONAL, BENEFITS, INCOME): no location, no health finding, no measure", () => {
    const preview = previewOf(new Set([CASE, EMPLOYER, PERSONAL, BENEFITS, INCOME]));
    expect(preview.entries.map((entry) => entry.type)).toEqual([
      'activation.opened',
      'signal.recorded',
      'finding.recorded',
    ]);
    expect(preview.withheld).toEqual([LOCATION, HEALTH, INTERVENTION, REPORT]);
    const opened = preview.entries[0]!;
    expect(opened.withheld).toEqual([LOCATION]);
    expect((opened.payload as { location: unknown }).location).toBeNull();
    expect((opened.payload as { employer: { name: string } }).employer.name).toBe('Voorbeeld Bouw B.V.');
    // The signal's description is LOCATION and PERSONAL: withheld as a whole; whom it names is shown.
    const signal = preview.entries[1]!;
    expect(signal.withheld).toEqual([LOCATION]);
    expect(JSON.stringify(signal.payload)).toContain('123456782');
    expect(JSON.stringify(signal.payload)).not.toContain('bouwkeet');
  });

  it('shows CASE alone only that the activation exists, with every other category named as withheld', () => {
    const preview = previewOf(new Set([CASE]));
    expect(preview.entries.map((entry) => entry.type)).toEqual(['activation.opened', 'signal.recorded']);
    expect(JSON.stringify(preview.entries)).not.toMatch(
      /Voorbeeldstraat|Voorbeeld Bouw|123456782|A\. Voorbeeld/,
    );
    expect(preview.withheld).toEqual([LOCATION, EMPLOYER, PERSONAL, HEALTH, INCOME, INTERVENTION, REPORT]);
  });
});
