import { SessionRevocations } from './session-revocations.js';

describe('SessionRevocations', () => {
  const at = new Date('2026-12-02T10:00:00Z');

  it('ends a session by its sid, for that issuer only', () => {
    const revocations = new SessionRevocations();
    revocations.end({ issuer: 'https://idp', sid: 's1', at });
    expect(revocations.ended('https://idp', 's1', 'u', at)).toBe(true);
    expect(revocations.ended('https://idp', 's2', 'u', at)).toBe(false);
    expect(revocations.ended('https://other', 's1', 'u', at)).toBe(false);
  });

  it("ends a user's tokens issued up to the logout when the provider names no session", () => {
    const revocations = new SessionRevocations();
    revocations.end({ issuer: 'https://idp', sub: 'u', at });
    expect(revocations.ended('https://idp', undefined, 'u', new Date(at.getTime() - 1000))).toBe(true);
    expect(revocations.ended('https://idp', undefined, 'u', new Date(at.getTime() + 1000))).toBe(false);
    expect(revocations.ended('https://idp', undefined, 'someone-else', at)).toBe(false);
  });

  it('tells its listeners, so that live connections of the session close', () => {
    const revocations = new SessionRevocations();
    const told: string[] = [];
    const stop = revocations.onEnded((ended) => told.push(ended.sid!));
    revocations.end({ issuer: 'i', sid: 'a', at });
    stop();
    revocations.end({ issuer: 'i', sid: 'b', at });
    expect(told).toEqual(['a']);
  });
});
