import { describe, expect, it } from '@jest/globals';
import { DataCategory } from '#domain';
import { redact } from '#events';
import { sampleEvent } from '../../../events/src/catalogue/catalogue.fixtures.js';
import { correctionOf } from './timeline-correction.js';

const { CASE, LOCATION, EMPLOYER, PERSONAL, HEALTH } = DataCategory;

/*
 * Given a correction as one agency sees it (after the one redaction), then what it does to the entry that
 * agency holds: the values it may see replace the recorded ones, and nothing else is written.
 */
describe('a correction applied to what an agency holds', () => {
  const recorded = {
    findingId: 'f-1',
    category: HEALTH,
    subjects: [
      { subjectId: 'p-1', name: 'Jan Kowalski', bsn: '111222333' },
      { subjectId: 'p-2', name: 'Ana Popescu' },
    ],
  };

  it('replaces the corrected person, and only that person, for an agency that sees persons', () => {
    const visible = redact(sampleEvent('subject.corrected'), new Set([CASE, PERSONAL, HEALTH]))!;
    const correction = correctionOf('subject.corrected', visible.data)!;
    expect(correction.entry).toEqual({ eventType: 'finding.recorded', idField: 'findingId', id: 'f-1' });
    expect(correction.patch(recorded)).toEqual({
      ...recorded,
      subjects: [(visible.data as { subject: unknown }).subject, recorded.subjects[1]],
    });
  });

  it('writes nothing of the person for an agency that sees the entry but not its persons', () => {
    const visible = redact(sampleEvent('subject.corrected'), new Set([CASE, HEALTH]))!;
    expect((visible.data as { subject: unknown }).subject).toBeNull();
    const withheld = { ...recorded, subjects: null };
    expect(correctionOf('subject.corrected', visible.data)!.patch(withheld)).toEqual(withheld);
  });

  it('shows the corrected location only as the agency may see it, on the opening and the list row', () => {
    const without = correctionOf(
      'location.corrected',
      redact(sampleEvent('location.corrected'), new Set([CASE]))!.data,
    )!;
    expect(without.patch({ location: null })).toEqual({ location: null });
    expect(without.listRow).toEqual({ location: null });
    const withLocation = correctionOf(
      'location.corrected',
      redact(sampleEvent('location.corrected'), new Set([CASE, LOCATION]))!.data,
    )!;
    expect(withLocation.listRow).toEqual({ location: sampleEvent('location.corrected').data.location });
  });

  it('corrects only the parts a finding correction names', () => {
    const data = { ...sampleEvent('finding.corrected').data } as Record<string, unknown>;
    delete data.amounts;
    const patched = correctionOf('finding.corrected', data)!.patch({ description: 'old', amounts: [1] });
    expect(patched).toEqual({ description: data.description, amounts: [1] });
  });

  it('marks a misfiled entry withdrawn without changing it, and corrects nothing for other events', () => {
    const withdrawn = correctionOf('entry.withdrawn', sampleEvent('entry.withdrawn').data)!;
    expect(withdrawn.mark).toBe('withdrawn');
    expect(withdrawn.patch(recorded)).toBe(recorded);
    expect(correctionOf('finding.recorded', recorded)).toBeUndefined();
    expect(
      correctionOf(
        'employer.corrected',
        redact(sampleEvent('employer.corrected'), new Set([CASE, EMPLOYER]))!.data,
      )!.listRow,
    ).toEqual({ employer: sampleEvent('employer.corrected').data.employer });
  });
});
