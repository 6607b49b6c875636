/** One Jest run for the whole repository: API component tests beside their code, cross-package tests in tests/. */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }];
const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': tsJest,
    // The meilisearch client ships ESM only; Jest's CommonJS runtime needs it transformed.
    '^.+/node_modules/meilisearch/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' }, diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!meilisearch/)'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  rootDir: __dirname,
};

module.exports = {
  testTimeout: 30_000,
  // Two cores: one worker per core keeps FerretDB and Chromium from starving each other.
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'api', testMatch: ['<rootDir>/api/src/**/*.test.ts'] },
    { ...common, displayName: 'tests', testMatch: ['<rootDir>/tests/**/*.test.ts'] },
  ],
};
