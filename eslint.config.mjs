// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.cache/',
      '.run/',
      'coverage/',
      'apps/console/src/api/generated/',
      '**/*.cjs',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // SQL has one home per table: its table module (`*.table.ts`), or the event store and the database
    // setup. Connection-level statements (LISTEN, advisory locks) live in `*.listener.ts`/`*.session.ts`.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: [
      '**/*.table.ts',
      '**/*.listener.ts',
      '**/*.session.ts',
      '**/*.spec.ts',
      'libs/events/src/store/**',
      'libs/platform/src/database/**',
      'libs/read-models/src/sql/**',
      // The console speaks GraphQL (urql's client.query), never SQL.
      'apps/console/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message:
            'SQL belongs in the module that owns the table (a *.table.ts beside its projection); call its functions.',
        },
      ],
    },
  },
  {
    // Command-line tools, scripts and tests talk to a terminal on purpose.
    files: ['**/*.cli.ts', 'test/**/*.ts', 'bench/**/*.ts', 'deploy/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
