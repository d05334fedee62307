/**
 * NestJS 12 ships as ES modules only, so Jest runs in its native ESM mode
 * (node --experimental-vm-modules, see package.json) with ts-jest emitting ESM.
 * Unit tests live beside the source; integration and e2e tests under test/ use the real Postgres and Kafka;
 * the fault suites under test/faults (their own project) kill, stop and restart them.
 */
const moduleNameMapper = {
  '^#(domain|events|platform|read-models)$': '<rootDir>/libs/$1/src/index.ts',
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
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      // The fault suites are a project of their own (npm run test:faults), run after the main suite.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
    },
    {
      // Real api and worker processes, real Postgres and Kafka, each suite breaking one of them on purpose.
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.spec.ts'],
    },
  ],
};
