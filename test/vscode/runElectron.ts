// For contributors with a desktop VS Code: the same suite under @vscode/test-electron (it downloads VS Code 1.100.3,
// which this project's CI machines cannot do; CI runs the suite in code-server instead).
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..', '..');
  const workspace = mkdtempSync(join(tmpdir(), 'meshlens-ws-'));
  cpSync(join(root, 'test', 'fixtures', 'vscode-workspace'), workspace, { recursive: true });
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(__dirname, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
