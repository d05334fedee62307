import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';

/**
 * Any JSON value, passed through as it is. For payloads whose shape depends on a type named beside them
 * (a timeline entry's `type`); graphql-type-json is not a dependency, and this is all of it we need.
 */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value: an object, array, string, number, boolean or null.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) =>
    ast.kind === Kind.NULL ? null : valueFromASTUntyped(ast, variables ?? undefined),
});
