/** Jest (ESM) — recipe from ../shared/docs/toolchain.md: ts-jest in ESM mode, `.js` import suffixes mapped. */
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
