/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/tests'],
  testMatch: ['**/test/**/*.test.ts', '<rootDir>/tests/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.check.json' }],
  },
  // Tests run against the sources: no build needed (STYLE.md, "Packages").
  moduleNameMapper: {
    '^@wyn/(parser|interpreter|scheduler|cli)$': '<rootDir>/packages/$1/src',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
