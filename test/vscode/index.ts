// The extensionTestsPath entry: runs the mocha suite inside the real extension host (code-server here, or desktop
// VS Code through @vscode/test-electron) and prints "N passed, N failed" for the runner to read.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const suite = join(__dirname, 'suite');
  for (const f of readdirSync(suite)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(join(suite, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`${runner.stats!.passes} passed, ${runner.stats!.failures} failed`);
      if (failures > 0) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
  });
}
