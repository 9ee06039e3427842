/** Jest (ESM): ts-jest in ESM mode, `.js` import suffixes mapped to the TypeScript sources. */
export default {
  testEnvironment: 'node',
  testMatch: ['**/__tests__/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  clearMocks: true,
  setupFiles: ['<rootDir>/__tests__/setup/templates.ts'],
  testTimeout: 30000
};
