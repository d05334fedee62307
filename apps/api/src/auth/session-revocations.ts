import { Injectable } from '@nestjs/common';

/** A session the identity provider said has ended (back-channel logout): by its sid, or all of a user's. */
export interface EndedSession {
  readonly issuer: string;
  readonly sid?: string;
  readonly sub?: string;
  /** When the provider ended it; a user's tokens issued before this moment are refused. */
  readonly at: Date;
}

/** How long an ended session is remembered: longer than any access token keten accepts lives. */
const REMEMBER_MS = 24 * 3600_000;
const MAX_REMEMBERED = 100_000;

/**
 * The sessions ended by the identity provider, remembered on this api instance so that the tokens of an
 * ended session are refused from then on (also those verified a moment ago), and told to those listening
 * (the graphql-ws connections of that session, which close).
 */
@Injectable()
export class SessionRevocations {
  private readonly sids = new Map<string, number>();
  private readonly subjects = new Map<string, number>();
  private readonly listeners = new Set<(ended: EndedSession) => void>();

  end(ended: EndedSession): void {
    const at = ended.at.getTime();
    if (ended.sid) remember(this.sids, `${ended.issuer} ${ended.sid}`, at);
    else if (ended.sub) remember(this.subjects, `${ended.issuer} ${ended.sub}`, at);
    for (const listener of this.listeners) listener(ended);
  }

  /** Whether a token of this issuer, session and subject, issued at `issuedAt`, belongs to an ended session. */
  ended(issuer: string, sid: string | undefined, sub: string, issuedAt: Date | undefined): boolean {
    if (sid && this.sids.has(`${issuer} ${sid}`)) return true;
    const since = this.subjects.get(`${issuer} ${sub}`);
    return since !== undefined && (issuedAt === undefined || issuedAt.getTime() <= since);
  }

  onEnded(listener: (ended: EndedSession) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function remember(map: Map<string, number>, key: string, at: number): void {
  for (const [old, when] of map) {
    if (map.size < MAX_REMEMBERED && when > Date.now() - REMEMBER_MS) break;
    map.delete(old);
  }
  map.set(key, at);
}
