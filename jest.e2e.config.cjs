/** Browser tests (npm run test:e2e): the built dist/ in Debian's Chromium via playwright-core. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  testTimeout: 300000,
  maxWorkers: 1,
};
