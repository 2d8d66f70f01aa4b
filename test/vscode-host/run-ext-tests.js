// Opens code-server's workbench in headless chromium with extensionDevelopmentPath/extensionTestsPath in the payload:
// the tests then run in the real Node extension host, and VS Code reports their exit code to codeAutomationExit.
const { chromium } = require('playwright-core');
const { launchBrowser } = require('./browser');

const { CS_PORT: PORT, CS_WS: WS, EXT_DEV: DEV, EXT_TESTS: TESTS } = process.env;
const NOISE = /connection token|Creating a socket|Service Worker|builtin extensions cache|ChatSessionStore|open-vsx\.org|Failed to load resource|sandbox attribute|same-origin iframe|Overwriting extension|ENOTFOUND/;

(async () => {
  const { ctx, page, close } = await launchBrowser(chromium);
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  page.on('console', async (m) => {
    // Extension-host console output arrives as ('%c INFO', css, format, ...args).
    let line = m.text();
    try {
      const a = await Promise.all(m.args().map((h) => h.jsonValue()));
      if (typeof a[0] === 'string' && /^%c/.test(a[0])) line = require('util').format(...a.slice(2));
    } catch { /* page navigated */ }
    if (process.env.VERBOSE || !NOISE.test(line)) console.log(line);
  });
  const auth = `127.0.0.1:${PORT}`;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${auth}${DEV}`], ['extensionTestsPath', `vscode-remote://${auth}${TESTS}`]];
  await page.goto(`http://${auth}/?folder=${encodeURIComponent(WS)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 240_000))]);
  await new Promise((r) => setTimeout(r, 500)); // let forwarded console lines drain
  if (code !== 0) console.log(`extension tests ended with ${code}`);
  await close();
  process.exit(code === 0 ? 0 : 1);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
