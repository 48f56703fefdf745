// Shared settings of the mutation runs. `npm run mutation` (test/mutation/run.ts) runs one module
// at a time and adds its --mutate, --testFiles and incremental file. The machine is shared, so
// two test processes at most, and incremental mode so an unchanged mutant is never run twice.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  // Static mutants (module-level constants) run, each against all of its module's tests; they are
  // switched on before the import because run.ts passes the tests as vitest includes (see
  // vitest.mutation.config.ts), not as --testFiles.
  ignoreStatic: false,
  reporters: ['clear-text'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 10_000,
  timeoutFactor: 2,
  ignorePatterns: ['dist', 'examples/media', 'test-results', 'reports', '.data'],
};
