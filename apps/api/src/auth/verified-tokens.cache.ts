/**
 * Tokens verified a moment ago, so a client sending the same token with every request does not pay a
 * signature check each time. Only successful verifications are kept, each for at most `ttlMs` (so a key
 * taken out of the JWKS stops being honoured soon) and never past the token's own expiry; the cache is
 * bounded, dropping the oldest entry first.
 */
export class VerifiedTokens<T extends { readonly expiresAt: Date | undefined }> {
  private readonly entries = new Map<string, { session: T; until: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.session;
    this.entries.delete(token);
    return undefined;
  }

  remember(token: string, session: T): void {
    const until = Math.min(this.now() + this.ttlMs, session.expiresAt?.getTime() ?? Infinity);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { session, until });
  }
}
