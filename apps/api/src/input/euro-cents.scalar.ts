import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { parseEuroCents } from '#domain';

/**
 * Money in whole euro cents, any amount: GraphQL's Int stops at about € 21 million, so this scalar takes
 * an integer or a string of digits (for clients whose numbers are 32-bit) and answers a number. The rule
 * is the domain's own (parseEuroCents).
 */
function cents(value: unknown): number {
  const parsed = parseEuroCents(value);
  if (parsed.ok) return parsed.value;
  throw new GraphQLError(parsed.error.message, {
    extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT' },
  });
}

export const EuroCentsScalar = new GraphQLScalarType({
  name: 'EuroCents',
  description:
    'An amount in whole euro cents (150000 is € 1,500.00), any size: an integer, or a string of digits.',
  serialize: (value) => cents(value),
  parseValue: (value) => cents(value),
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING)
      return cents(ast.kind === Kind.INT ? Number(ast.value) : ast.value);
    return cents(undefined);
  },
});
