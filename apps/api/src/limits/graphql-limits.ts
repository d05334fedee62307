import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { GraphqlLimitSettings } from '#platform';

/**
 * Every limit error carries the code GraphQL clients know for an operation refused before it ran, and a
 * reason naming the limit, with the limit and what was found.
 */
export const LIMIT_ERROR_CODE = 'GRAPHQL_VALIDATION_FAILED';

export enum GraphqlLimitReason {
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY',
  TOO_MANY_DIRECTIVES = 'TOO_MANY_DIRECTIVES',
  QUERY_TOO_LONG = 'QUERY_TOO_LONG',
}

/** Directives (@include, @skip) per operation; not configurable: no client needs more. */
export const MAX_DIRECTIVES = 50;

const SENTENCES: Record<GraphqlLimitReason, (limit: number, found?: number) => string> = {
  QUERY_TOO_DEEP: (limit, found) =>
    `The operation nests fields ${found} levels deep; keten allows at most ${limit}. Ask for less nested data, or split it over several operations.`,
  TOO_MANY_ALIASES: (limit, found) =>
    `The operation uses ${found} aliases; keten allows at most ${limit}. Send fewer aliased fields at once, or split them over several operations.`,
  QUERY_TOO_COSTLY: (limit, found) =>
    `The operation's estimated cost is ${found}; keten allows at most ${limit}. Ask for fewer fields or a smaller page (first), and page on with after.`,
  TOO_MANY_DIRECTIVES: (limit, found) =>
    `The operation uses ${found} directives; keten allows at most ${limit}. Remove repeated directives.`,
  QUERY_TOO_LONG: (limit) =>
    `The operation is longer than the ${limit} tokens keten reads; send a shorter document (fewer fields, no repeated selections).`,
};

export function limitError(reason: GraphqlLimitReason, limit: number, found?: number): GraphQLError {
  return new GraphQLError(SENTENCES[reason](limit, found), {
    extensions: { code: LIMIT_ERROR_CODE, reason, limit, ...(found === undefined ? {} : { found }) },
  });
}

/** graphql-armor says what it found in its own sentence ("… exceeded, found 12."); keten says it in its own. */
type RejectCallback = (context: ValidationContext | null, error: GraphQLError) => void;

function reportAs(reason: GraphqlLimitReason, limit: number): RejectCallback[] {
  return [
    (context, error) => {
      const found = /found (\d+(?:\.\d+)?)/.exec(error.message)?.[1];
      context?.reportError(
        limitError(reason, limit, found === undefined ? undefined : Math.ceil(Number(found))),
      );
    },
  ];
}

// graphql-js 16 says "more that"; a later release may fix the typo.
const TOKENS_EXCEEDED = /Document contains more th(?:at|an) \d+ tokens/;
const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * Hides "Did you mean …?" from validation errors: suggestions let a client map the schema field by field
 * even with introspection off.
 */
function hideSuggestions(errors: readonly GraphQLError[]): void {
  for (const error of errors) error.message = error.message.replace(SUGGESTION, '');
}

/**
 * The GraphQL abuse limits (DESIGN §6, OWASP GraphQL cheat sheet), one set for both ways in: Apollo
 * Server over HTTP and graphql-ws over WebSocket, which parses and validates on its own.
 */
export class GraphqlLimits {
  readonly validationRules: ValidationRule[];

  constructor(
    private readonly settings: GraphqlLimitSettings,
    private readonly introspection: boolean,
  ) {
    const { maxDepth, maxAliases, maxCost } = settings;
    const armor = new ApolloArmor({
      maxDepth: {
        n: maxDepth,
        propagateOnRejection: false,
        onReject: reportAs(GraphqlLimitReason.QUERY_TOO_DEEP, maxDepth),
      },
      maxAliases: {
        n: maxAliases,
        propagateOnRejection: false,
        onReject: reportAs(GraphqlLimitReason.TOO_MANY_ALIASES, maxAliases),
      },
      costLimit: {
        maxCost,
        propagateOnRejection: false,
        onReject: reportAs(GraphqlLimitReason.QUERY_TOO_COSTLY, maxCost),
      },
      maxDirectives: {
        n: MAX_DIRECTIVES,
        propagateOnRejection: false,
        onReject: reportAs(GraphqlLimitReason.TOO_MANY_DIRECTIVES, MAX_DIRECTIVES),
      },
      // graphql-js counts tokens while it parses (parseOptions.maxTokens) and stops a long document at
      // once, as an ordinary parse error; armor's version parses every document a second time, in a hook
      // outside Apollo's handling of parse errors.
      maxTokens: { enabled: false },
      // Ours below also covers graphql-ws and leaves no dangling question mark.
      blockFieldSuggestion: { enabled: false },
    });
    this.validationRules = armor.protect().validationRules;
  }

  /** The Apollo Server options that apply the limits over HTTP. */
  apolloOptions(): {
    validationRules: ValidationRule[];
    parseOptions: { maxTokens: number };
    plugins: ApolloServerPlugin[];
    allowBatchedHttpRequests: false;
  } {
    const { maxTokens, blockFieldSuggestions } = this.settings;
    return {
      validationRules: this.validationRules,
      parseOptions: { maxTokens },
      // A batch of operations in one request would multiply every per-operation limit.
      allowBatchedHttpRequests: false,
      plugins: [
        {
          requestDidStart: async () => ({
            didEncounterErrors: async ({ errors }) => {
              for (const error of errors) {
                if (TOKENS_EXCEEDED.test(error.message)) {
                  const limited = limitError(GraphqlLimitReason.QUERY_TOO_LONG, maxTokens);
                  error.message = limited.message;
                  Object.assign(error.extensions, limited.extensions);
                }
              }
              if (blockFieldSuggestions) hideSuggestions(errors);
            },
          }),
        },
      ],
    };
  }

  /**
   * What graphql-ws needs to apply the same limits: a token check before its own parse (whose failure
   * would close the whole connection), and a validate with the limit rules and, where Apollo Server has
   * introspection off, the rule that refuses introspection.
   */
  subscriptionOptions(): {
    checkLength: (query: unknown) => readonly GraphQLError[] | undefined;
    validate: (schema: GraphQLSchema, document: DocumentNode) => GraphQLError[];
  } {
    const { maxTokens, blockFieldSuggestions } = this.settings;
    const rules = [
      ...specifiedRules,
      ...this.validationRules,
      ...(this.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ];
    return {
      checkLength: (query) => {
        if (typeof query !== 'string') return undefined;
        try {
          parse(query, { maxTokens });
          return undefined;
        } catch (error) {
          if (error instanceof GraphQLError && TOKENS_EXCEEDED.test(error.message)) {
            return [limitError(GraphqlLimitReason.QUERY_TOO_LONG, maxTokens)];
          }
          return undefined; // Any other syntax error is graphql-ws's to answer.
        }
      },
      validate: (schema, document) => {
        const errors = [...validate(schema, document, rules)];
        if (blockFieldSuggestions) hideSuggestions(errors);
        return errors;
      },
    };
  }
}
