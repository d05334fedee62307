import { searchTermsOf } from './search-terms.js';

describe('searchTermsOf: a search text as people type it', () => {
  it('reads a case number in any case, with spaces around it', () => {
    expect(searchTermsOf('  vr17-2026-0042 ').keys).toEqual(['VR17-2026-0042']);
  });

  it('reads a postcode with or without its space, in any case, as the read model keys it', () => {
    expect(searchTermsOf('3011 AB').keys).toEqual(['3011AB']);
    expect(searchTermsOf('3011ab').keys).toEqual(['3011AB']);
  });

  it('reads a KvK number and a municipality code', () => {
    expect(searchTermsOf('12345678').keys).toEqual(['12345678']);
    expect(searchTermsOf('gm0599').keys).toEqual(['GM0599']);
  });

  it('reads a BSN together or grouped with dots or spaces, without judging it', () => {
    for (const typed of ['628194821', '6281.94.821', '628 194 821', ' 62.81.94.821 ']) {
      expect({ typed, bsn: searchTermsOf(typed).bsn }).toEqual({ typed, bsn: '628194821' });
    }
    // A BSN nobody can have is searched for all the same: the answer (nothing) tells nothing.
    expect(searchTermsOf('111222333').bsn).toBe('111222333');
    expect(searchTermsOf('Jan Jansen').bsn).toBeUndefined();
  });

  it('finds identifiers among words, and keeps the whole text for full text and names', () => {
    const terms = searchTermsOf('Kas BV 3011AB');
    expect(terms.keys).toEqual(['3011AB']);
    expect(terms).toMatchObject({ text: 'Kas BV 3011AB', names: true, bsn: undefined });
  });

  it('has no identifier in plain words', () => {
    expect(searchTermsOf('containers achter de kas').keys).toEqual([]);
  });
});
