// Debian's chromium, headless, with the flags this machine needs (no background network, no sandbox as root).
const fs = require('fs');
const os = require('os');
const path = require('path');

async function launchBrowser(chromium, viewport = { width: 1400, height: 900 }) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlens-chrome-'));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  return {
    ctx,
    page,
    async close() {
      await ctx.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

module.exports = { launchBrowser };
