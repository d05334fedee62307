import { Actor, ActorClaims, parseActor, Role } from './actor.value.js';
import { parsedOrReject, requireInstant } from './field.parser.js';
import { Instant } from './instant.value.js';
import { reject } from './rejection.js';

/**
 * What a command is given apart from its data: who sends it (from the verified token) and when (the
 * caller's clock, since the domain has none; it becomes the events' occurred-at). Kept out of the command,
 * so the command is only what was asked for.
 */
export interface CommandContext {
  readonly actor: Actor;
  readonly now: Instant;
}

/** The context as a caller hands it over, before the domain has checked it. */
export interface RawCommandContext {
  readonly actor: unknown;
  readonly now: unknown;
}

/**
 * Checks the context before anything else, so a refused role learns nothing about the command or the
 * stream: the actor must be a valid one in one of `roles`, and `now` a timestamp.
 */
export function parseCommandContext(
  raw: RawCommandContext,
  roles: readonly Role[],
  refusal: { readonly code: string; readonly message: (role: Role) => string },
): CommandContext {
  const actor = parsedOrReject(parseActor((raw.actor ?? {}) as ActorClaims), 'actor');
  if (!roles.includes(actor.role)) return reject(refusal.code, refusal.message(actor.role));
  return { actor, now: requireInstant(raw.now, 'now') };
}
