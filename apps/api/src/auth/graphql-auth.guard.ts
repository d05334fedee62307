import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Actor } from '#domain';
import { apiError, ApiErrorCode } from '../errors/index.js';
import { IS_PUBLIC } from './public.decorator.js';
import { AuthenticationError, TokenVerifier } from './token-verifier.js';

export interface RequestContext {
  req: { headers: Record<string, string | string[] | undefined>; actor?: Actor };
}

/**
 * Every GraphQL operation needs a verified token unless marked @Public. HTTP routes (health probes)
 * are left to their controllers.
 */
@Injectable()
export class GraphqlAuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const { req } = GqlExecutionContext.create(context).getContext<RequestContext>();
    if (req.actor) return true;
    try {
      const header = req.headers.authorization;
      req.actor = await this.verifier.verify(Array.isArray(header) ? header[0] : header);
      return true;
    } catch (error) {
      if (error instanceof AuthenticationError) throw apiError(ApiErrorCode.UNAUTHENTICATED, error.message);
      throw error;
    }
  }
}
