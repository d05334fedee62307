import type { IncomingMessage } from 'node:http';
import type { Actor } from '#domain';
import { AuthenticationError, TokenVerifier } from '../../auth/index.js';
import { apiError, ApiErrorCode } from '../../errors/index.js';

/** The actor of an HTTP request, verified as GraphQL verifies it; 401 UNAUTHENTICATED otherwise. */
export async function actorOf(verifier: TokenVerifier, request: IncomingMessage): Promise<Actor> {
  const header = request.headers.authorization;
  try {
    return await verifier.verify(Array.isArray(header) ? header[0] : header);
  } catch (error) {
    if (error instanceof AuthenticationError) throw apiError(ApiErrorCode.UNAUTHENTICATED, error.message);
    throw error;
  }
}
