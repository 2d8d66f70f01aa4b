// The package's version, put in at build time (esbuild define); the tests' bundles read package.json instead.
declare const MESHLENS_VERSION: string | undefined;
export const VERSION: string =
  typeof MESHLENS_VERSION === 'string' ? MESHLENS_VERSION : require('../../../package.json').version;
