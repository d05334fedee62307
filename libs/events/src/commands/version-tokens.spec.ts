import { describe, expect, it } from '@jest/globals';
import { VersionTokens } from './version-tokens.js';

describe('version tokens', () => {
  const tokens = new VersionTokens('k'.repeat(40));

  it('gives each stream version its own token, the same every time', () => {
    const first = tokens.of('activation-A', 1);
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{22}$/);
    expect(tokens.of('activation-A', 1)).toBe(first);
    expect(tokens.of('activation-A', 2)).not.toBe(first);
    expect(tokens.of('activation-B', 1)).not.toBe(first);
  });

  it('says nothing about the count: tokens of consecutive versions share no order', () => {
    const series = Array.from({ length: 50 }, (_, i) => tokens.of('activation-A', i + 1));
    expect(new Set(series).size).toBe(50);
    expect([...series].sort()).not.toEqual(series);
  });

  it('differs under another key, so only the server can make or check one', () => {
    expect(new VersionTokens('x'.repeat(40)).of('activation-A', 1)).not.toBe(tokens.of('activation-A', 1));
  });

  it('matches only the token of that stream at that version', () => {
    const token = tokens.of('activation-A', 3);
    expect(tokens.matches(token, 'activation-A', 3)).toBe(true);
    expect(tokens.matches(token, 'activation-A', 4)).toBe(false);
    expect(tokens.matches(token, 'activation-B', 3)).toBe(false);
    expect(tokens.matches(`${token}x`, 'activation-A', 3)).toBe(false);
    expect(tokens.matches('', 'activation-A', 3)).toBe(false);
    expect(tokens.matches('3', 'activation-A', 3)).toBe(false);
  });
});
