import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for every operation the console sends, generated from the api's schema (schema.graphql, kept equal
 * to the api's by test/e2e/console/console-schema.spec.ts). Operations are written with `graphql(…)` from
 * src/api/generated; the build and the typecheck generate first, so an operation that no longer fits the
 * schema fails the build.
 */
const config: CodegenConfig = {
  schema: 'apps/console/schema.graphql',
  documents: ['apps/console/src/**/*.{ts,tsx}', '!apps/console/src/api/generated/**'],
  generates: {
    'apps/console/src/api/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
  silent: true,
  errorsOnly: true,
};

export default config;
