import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { CloseCode, type Context, type ServerOptions } from 'graphql-ws';
import type { WebSocket } from 'ws';
import type { Actor } from '#domain';
import { apiError, ApiErrorCode } from '../errors/index.js';
import type { RequestContext } from './graphql-auth.guard.js';
import { SessionRevocations, type EndedSession } from './session-revocations.js';
import { AuthenticationError, type AuthenticatedSession, TokenVerifier } from './token-verifier.js';

/** Operations one connection may run at once; each open subscription holds one. */
export const MAX_OPERATIONS_PER_CONNECTION = 10;

/** A close frame's reason is at most 123 bytes (RFC 6455 §5.5). */
const MAX_CLOSE_REASON_BYTES = 123;
/** setTimeout's longest delay (about 24.8 days); a later expiry re-arms the timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface SocketSession {
  readonly actor: Actor;
  readonly socket: WebSocket;
  readonly issuer: string;
  sid?: string;
  expiry?: NodeJS.Timeout;
}

interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  session?: SocketSession;
}

type SocketContext = Context<Record<string, unknown> | undefined, SocketExtra>;

/**
 * Authentication for GraphQL over WebSocket (graphql-ws): the token travels in the connection_init payload
 * (`{ authorization: 'Bearer …' }`, as browsers cannot set headers on a WebSocket), and is checked by the
 * same TokenVerifier as every HTTP request. A refused token closes the connection with 4403 and the
 * verifier's sentence. An accepted one holds the connection until it expires, unless the client sends a
 * fresh token before then in a graphql-ws ping: `{ type: 'ping', payload: { authorization: 'Bearer …' } }`
 * (the protocol lets a ping carry any payload). A fresh token of the same user, agency, role and region
 * moves the connection's end to its own expiry and is answered by a pong `{ refreshed: true, expiresAt }`;
 * a refused one, or one naming someone else, closes the connection (4403). So does the end of the
 * session at the identity provider (back-channel logout). Every operation on the connection gets the
 * context an HTTP request would get, so the same guards decide what it may read.
 */
@Injectable()
export class WebSocketAuth {
  private readonly live = new Set<SocketSession>();

  constructor(
    private readonly verifier: TokenVerifier,
    revocations: SessionRevocations,
  ) {
    revocations.onEnded((ended) => this.endSession(ended));
  }

  /** Nest passes every option through to graphql-ws, though its type names only some (onPing among the others). */
  serverOptions(path: string): GraphQLWsSubscriptionsConfig & Pick<ServerOptions, 'onPing'> {
    return {
      path,
      onConnect: (ctx) => this.connect(ctx as SocketContext),
      onSubscribe: (ctx) => {
        // The new operation already holds its place in ctx.subscriptions.
        if (Object.keys(ctx.subscriptions).length <= MAX_OPERATIONS_PER_CONNECTION) return undefined;
        return [
          apiError(
            ApiErrorCode.RATE_LIMITED,
            `At most ${MAX_OPERATIONS_PER_CONNECTION} operations run at once on one connection; complete one, or open another connection.`,
            { reason: 'TOO_MANY_OPERATIONS' },
          ),
        ];
      },
      onPing: (ctx, payload) => this.refresh(ctx as SocketContext, payload),
      onClose: (ctx) => {
        const session = (ctx as SocketContext).extra.session;
        if (!session) return;
        clearTimeout(session.expiry);
        this.live.delete(session);
      },
    };
  }

  /**
   * The GraphQL context of an operation on an authenticated connection, shaped as an HTTP request's: the
   * actor verified at connect, and the connection parameters as the headers they stand for (x-purpose,
   * traceparent). Undefined for anything that is not a graphql-ws context.
   */
  contextFor(value: unknown): RequestContext | undefined {
    if (!isSocketContext(value)) return undefined;
    const params = value.connectionParams ?? {};
    return {
      req: {
        headers: {
          authorization: textParam(params, 'authorization'),
          'x-purpose': textParam(params, 'x-purpose'),
          traceparent: textParam(params, 'traceparent'),
        },
        actor: value.extra.session?.actor,
      },
    };
  }

  private async connect(ctx: SocketContext): Promise<boolean> {
    const params = ctx.connectionParams ?? {};
    const authorization = textParam(params, 'authorization') ?? textParam(params, 'Authorization');
    try {
      const verified = await this.verifier.authenticate(authorization);
      const session: SocketSession = {
        actor: verified.actor,
        socket: ctx.extra.socket,
        issuer: verified.issuer,
        sid: verified.sid,
      };
      ctx.extra.session = session;
      this.live.add(session);
      if (verified.expiresAt) this.closeAtExpiry(ctx.extra.socket, session, verified.expiresAt);
      return true;
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      // Closing first makes graphql-ws's own 4403 "Forbidden" (for the false below) a no-op: ours has the why.
      close(ctx.extra.socket, `Unauthenticated: ${error.message}`);
      return false;
    }
  }

  /** A ping carrying `authorization`: the client's fresh token takes over the connection. */
  private async refresh(ctx: SocketContext, payload: Record<string, unknown> | undefined): Promise<void> {
    const session = ctx.extra.session;
    const authorization = payload && textParam(payload, 'authorization');
    if (!session || authorization === undefined) return;
    // The pong echoes the ping's payload: it must not carry the token back.
    delete payload!.authorization;
    let verified: AuthenticatedSession;
    try {
      verified = await this.verifier.authenticate(authorization);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      close(session.socket, `Unauthenticated: ${error.message}`);
      return;
    }
    if (!sameActor(verified.actor, session.actor) || verified.issuer !== session.issuer) {
      close(
        session.socket,
        'Unauthenticated: a refreshed token must name the same user, agency, role and region; reconnect to change them.',
      );
      return;
    }
    clearTimeout(session.expiry);
    session.sid = verified.sid;
    if (verified.expiresAt) this.closeAtExpiry(session.socket, session, verified.expiresAt);
    Object.assign(payload!, { refreshed: true, expiresAt: verified.expiresAt?.toISOString() ?? null });
  }

  private endSession(ended: EndedSession): void {
    for (const session of this.live) {
      if (session.issuer !== ended.issuer) continue;
      if (ended.sid ? session.sid === ended.sid : session.actor.userId === ended.sub) {
        close(session.socket, 'Unauthenticated: the session was ended (signed out); sign in again.');
      }
    }
  }

  private closeAtExpiry(socket: WebSocket, session: SocketSession, expiresAt: Date): void {
    const remaining = expiresAt.getTime() - Date.now();
    if (remaining <= 0) {
      close(socket, 'Unauthenticated: the token has expired; reconnect with a new token.');
      return;
    }
    session.expiry = setTimeout(
      () => this.closeAtExpiry(socket, session, expiresAt),
      Math.min(remaining, MAX_TIMER_MS),
    );
    session.expiry.unref();
  }
}

function sameActor(a: Actor, b: Actor): boolean {
  return a.userId === b.userId && a.agency === b.agency && a.role === b.role && a.region === b.region;
}

function close(socket: WebSocket, reason: string): void {
  socket.close(CloseCode.Forbidden, fitCloseReason(reason));
}

function fitCloseReason(text: string): string {
  if (Buffer.byteLength(text) <= MAX_CLOSE_REASON_BYTES) return text;
  let cut = text;
  while (Buffer.byteLength(`${cut}…`) > MAX_CLOSE_REASON_BYTES) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function textParam(params: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' ? value : undefined;
}

function isSocketContext(value: unknown): value is SocketContext {
  return (
    typeof value === 'object' &&
    value !== null &&
    'connectionInitReceived' in value &&
    'extra' in value &&
    typeof (value as { extra: unknown }).extra === 'object'
  );
}
