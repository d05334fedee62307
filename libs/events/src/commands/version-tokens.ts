import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Opaque versions of a stream for optimistic concurrency: a keyed hash of the stream and its version. A
 * token changes whenever the stream does and says nothing else: not how many events the stream holds (a
 * count would tell an agency how many it may not see), nor anything across streams. Only the server,
 * holding the key, can tell which version a token stands for, by making the token of the current one.
 */
export class VersionTokens {
  constructor(private readonly key: string) {}

  of(streamId: string, version: number): string {
    const mac = createHmac('sha256', this.key).update(`${streamId}\u0000${version}`).digest('base64url');
    return `v1.${mac.slice(0, 22)}`;
  }

  /** Whether `token` is the token of this stream at this version. */
  matches(token: string, streamId: string, version: number): boolean {
    const expected = Buffer.from(this.of(streamId, version));
    const given = Buffer.from(token);
    // In constant time: how much of a guessed token is right must not show in the answer's timing.
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
