import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { RequestContext } from './graphql-auth.guard.js';

/** The verified actor of the current GraphQL request (set by GraphqlAuthGuard). */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    GqlExecutionContext.create(context).getContext<RequestContext>().req.actor,
);
