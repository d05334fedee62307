import { VerifiedTokens } from './verified-tokens.cache.js';

describe('VerifiedTokens', () => {
  let clock = 0;
  const session = (expiresInMs?: number) => ({
    actor: 'someone',
    expiresAt: expiresInMs === undefined ? undefined : new Date(clock + expiresInMs),
  });

  beforeEach(() => (clock = 1_000_000));

  it('answers a token verified within the time to live, and forgets it after', () => {
    const cache = new VerifiedTokens(60_000, 10, () => clock);
    const verified = session(3_600_000);
    cache.remember('t', verified);
    clock += 59_999;
    expect(cache.get('t')).toBe(verified);
    clock += 1;
    expect(cache.get('t')).toBeUndefined();
  });

  it('never answers a token past its own expiry', () => {
    const cache = new VerifiedTokens(60_000, 10, () => clock);
    cache.remember('t', session(5_000));
    clock += 4_999;
    expect(cache.get('t')).toBeDefined();
    clock += 1;
    expect(cache.get('t')).toBeUndefined();
  });

  it('knows only what it was told, and drops the oldest entry when full', () => {
    const cache = new VerifiedTokens(60_000, 2, () => clock);
    expect(cache.get('never-verified')).toBeUndefined();
    cache.remember('a', session());
    cache.remember('b', session());
    cache.remember('c', session());
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });
});
