// Suites that read ../shared (the project's research data): present on developer machines and in CI, absent from a
// user's clone. Where it is missing they are skipped, except under CI=true, where a missing data set is a failure.
import { existsSync } from 'node:fs';

type Suite = (title: string, fn: (this: Mocha.Suite) => void) => void;
type Test = (title: string, fn: () => void) => void;

function missing(path: string): Error {
  return new Error(`${path} is missing; CI must run with ../shared beside the checkout`);
}

export function describeWithShared(path: string): Suite {
  if (existsSync(path)) return describe;
  if (process.env.CI)
    return (title) =>
      describe(title, () =>
        it('has its data', () => {
          throw missing(path);
        }),
      );
  return describe.skip;
}

export function itWithShared(path: string): Test {
  if (existsSync(path)) return it;
  if (process.env.CI)
    return (title) =>
      it(title, () => {
        throw missing(path);
      });
  return it.skip;
}

/** The data set itself or, outside CI, the fallback, saying so on the console: a smaller input is never silent. */
export function sharedOr(path: string, fallback: string, what: string): string {
  if (existsSync(path)) return path;
  if (process.env.CI) throw missing(path);
  console.log(`    (${what}: ${path} not found, using ${fallback} instead)`);
  return fallback;
}
