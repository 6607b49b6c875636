/** One Jest run for the whole repository: API component tests beside their code, cross-package tests in tests/. */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }];
const common = {
  // Node's environment plus failure reports (server log lines by request id, screenshots of open pages).
  testEnvironment: '<rootDir>/tests/support/diagnostics-environment.ts',
  transform: {
    '^.+\\.tsx?$': tsJest,
    // The meilisearch client ships ESM only; Jest's CommonJS runtime needs it transformed.
    '^.+/node_modules/meilisearch/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs' }, diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!meilisearch/)'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  rootDir: __dirname,
};

module.exports = {
  testTimeout: 30_000,
  // Two workers, chosen for the two-core machines the suite runs on. A test file spends most of its time
  // waiting: on the embedded database (one server process for the whole run, each file in a database of
  // its own) and, in browser files, on Chromium's own processes. A second file fills those waits with work
  // on the other core; a third would only queue for the same two cores and the same database server, and
  // `maxWorkers: 1` would run every file inside Jest's own process. The number changes how long a run
  // takes, not whether it passes: no test waits on time, every wait is on a completion signal
  // (TestApp.settled) or on state a page shows, and files share nothing but the database server.
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'api', testMatch: ['<rootDir>/api/src/**/*.test.ts'] },
    { ...common, displayName: 'tests', testMatch: ['<rootDir>/tests/**/*.test.ts'] },
  ],
};
