// Jest runs in native ESM mode (NestJS 12 ships ESM only); @swc/jest strips types and
// emits decorator metadata, `tsc --noEmit` (part of `npm test`) does the type checking.
const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'es6' },
      sourceMaps: 'inline',
    },
  ],
};
// CommonJS packages here require() ESM-only ones (@fastify/static -> content-disposition).
// Node 20.19+ allows that natively; jest's module loader does not before Node 24.9, so those
// few ESM files are compiled to CommonJS for the tests.
const REQUIRED_ESM = ['content-disposition'];
const esmToCjs = ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  transform: { ...transform, [`node_modules/(${REQUIRED_ESM.join('|')})/.+\\.js$`]: esmToCjs },
  transformIgnorePatterns: [`/node_modules/(?!(${REQUIRED_ESM.join('|')})/)`],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
  rootDir: '.',
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,seeds,bench}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,seeds,test}/**/*.int-spec.ts'],
      // one PostgreSQL server for the run (TEST_POSTGRES_URL); jest runs these only when an int test runs
      globalSetup: '<rootDir>/test/support/postgres.ts',
      globalTeardown: '<rootDir>/test/support/postgres-teardown.ts',
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
  testTimeout: 60000,
};
