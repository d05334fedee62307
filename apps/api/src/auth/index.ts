// What other parts of the api may use of auth: the only way in from outside this folder.
export {
  ACCESS_LOG,
  CASE_DATA,
  ERASURE_REQUESTS,
  FIGURES,
  RETENTION_REPORT,
  ReadableBy,
  ReadAccessGuard,
  scopeOf,
} from './read-access.guard.js';
export { AuthModule } from './auth.module.js';
export { CurrentActor } from './current-actor.decorator.js';
export { IS_PUBLIC, Public } from './public.decorator.js';
export { WebSocketAuth } from './websocket-auth.js';
export { AuthenticationError, TokenVerifier } from './token-verifier.js';
