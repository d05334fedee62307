/**
 * NestJS 12 ships as ES modules only, so Jest runs in its native ESM mode
 * (node --experimental-vm-modules, see package.json) with ts-jest emitting ESM.
 * Unit tests live beside the source; integration tests (test/integration, test/deploy, test/bench) drive the
 * libraries and scripts against the real Postgres and Kafka; e2e tests (test/e2e) boot the real api and
 * worker and speak GraphQL and Kafka to them; the fault suites (test/faults) kill, stop and restart them.
 */
const moduleNameMapper = {
  '^#(domain|events|platform|read-models|documents|attachments)$': '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const common = {
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper,
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
};

export default {
  // A global option: Jest ignores it inside a project. Integration tests boot processes on two cores.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/{integration,deploy,bench}/**/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'] },
    {
      // Real api and worker processes, real Postgres and Kafka, each suite breaking one of them on purpose.
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.spec.ts'],
    },
  ],
};
