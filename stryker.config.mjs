// Mutation testing of the core's chain engine and checks (`npm run mutate`; not part of CI: it takes a while).
// The sandboxes do not see ../shared, so the corpus tests skip there: with them every mutant would run the whole
// corpus (hours on two cores instead of under one).
// Stryker mutates the TypeScript sources in a sandbox, the build bundles the unit tests from them, and mocha runs the
// tests that cover each mutant. Incremental: a re-run only tests mutants whose code or tests changed.
export default {
  testRunner: 'mocha',
  // The chain engine and the per-resource checks: the code whose test strength the README reports.
  mutate: ['server/src/core/chain/**/*.ts', 'server/src/core/checks/**/*.ts'],
  buildCommand: 'node scripts/build.mjs --tests',
  mochaOptions: { spec: ['out/test/unit/**/*.test.js'] },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables) would each re-run the whole suite: hours on two cores.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  ignorePatterns: ['test/vscode-host', 'dist', 'out', 'reports', '*.vsix', 'bench-results', '.tmp'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
