import { describe, expect, it } from '@jest/globals';
import { addPeriod, parseIsoPeriod } from '../shared/iso-period.value.js';
import { ArchiveNomination, archiveDecisionOf, isDueForDestruction } from './archive-decision.js';

const destroyAfter = (term: string) => ({ id: '1.1.3', nomination: ArchiveNomination.DESTROY, term });

describe('the archive decision of an activation (Archiefwet)', () => {
  it('given a category that destroys after five years, when closed late in the evening, then the term runs from that day in the Netherlands', () => {
    // 23:30 UTC on 31 December is already 1 January in Amsterdam.
    expect(archiveDecisionOf(destroyAfter('P5Y'), '2026-12-31T23:30:00Z')).toEqual({
      category: '1.1.3',
      nomination: ArchiveNomination.DESTROY,
      actionDate: '2032-01-01',
    });
    expect(archiveDecisionOf(destroyAfter('P5Y'), '2026-03-15T10:00:00+01:00').actionDate).toBe('2031-03-15');
  });

  it('given terms in months and days, when decided, then they are counted on the calendar', () => {
    expect(archiveDecisionOf(destroyAfter('P18M'), '2026-03-15T10:00:00+01:00').actionDate).toBe(
      '2027-09-15',
    );
    expect(archiveDecisionOf(destroyAfter('P90D'), '2026-03-15T10:00:00+01:00').actionDate).toBe(
      '2026-06-13',
    );
    // 29 February plus a year has no 29th: the last day of February.
    expect(addPeriod('2028-02-29', parseIsoPeriod('P1Y')!)).toBe('2029-02-28');
    expect(addPeriod('2026-01-31', parseIsoPeriod('P1M')!)).toBe('2026-02-28');
  });

  it('given a category that keeps the record, when decided, then there is no day of destruction and it is never due', () => {
    const kept = archiveDecisionOf(
      { id: '1.1.1', nomination: ArchiveNomination.KEEP },
      '2020-01-01T10:00:00Z',
    );
    expect(kept).toEqual({ category: '1.1.1', nomination: ArchiveNomination.KEEP, actionDate: null });
    expect(isDueForDestruction(kept, '2999-12-31')).toBe(false);
  });

  it('is due from its day on, not the day before', () => {
    const decision = archiveDecisionOf(destroyAfter('P5Y'), '2026-03-15T10:00:00+01:00');
    expect(isDueForDestruction(decision, '2031-03-14')).toBe(false);
    expect(isDueForDestruction(decision, '2031-03-15')).toBe(true);
    expect(isDueForDestruction(decision, '2032-01-01')).toBe(true);
  });

  it('refuses a destroying category without a usable term, saying how to write one', () => {
    expect(() => archiveDecisionOf(destroyAfter('5 jaar'), '2026-03-15T10:00:00Z')).toThrow(/P5Y/);
    expect(() =>
      archiveDecisionOf({ id: 'x', nomination: ArchiveNomination.DESTROY }, '2026-03-15T10:00:00Z'),
    ).toThrow(/term/);
  });

  it('reads ISO periods as the register writes them, and nothing else', () => {
    expect(parseIsoPeriod('P1Y6M')).toEqual({ years: 1, months: 6, days: 0 });
    expect(parseIsoPeriod('p5y')).toEqual({ years: 5, months: 0, days: 0 });
    for (const text of ['P', 'P1W', 'PT5H', 'P-1Y', 'P1.5Y', '5Y', ''])
      expect(parseIsoPeriod(text)).toBeUndefined();
  });
});
