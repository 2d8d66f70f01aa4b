// UI-level checks in the real workbench: the suggest widget offers Meshlens's completions where a user types them,
// and problems are squiggled. With SCREENSHOT=path it saves what the user sees (the README's screenshot).
const { chromium } = require('playwright-core');
const { launchBrowser } = require('./browser');

const { CS_PORT: PORT, CS_WS: WS } = process.env;
const results = [];

async function check(name, fn) {
  try {
    await fn();
    results.push([name, true]);
    console.log(`  ✔ ${name}`);
  } catch (e) {
    results.push([name, false]);
    console.log(`  ✘ ${name}: ${e.message}`);
  }
}

async function openFile(page, name) {
  await page.click(`.explorer-folders-view .monaco-list-row:has-text("${name}")`);
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 15000 });
  await page.waitForTimeout(300);
}

/** Runs a command from the command palette (F1), as a user does, with `file` the active editor. */
async function runFromPalette(page, file, title) {
  await openFile(page, file);
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.keyboard.type(title);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

async function pickQuickInput(page, label) {
  await page.waitForSelector('.quick-input-widget .quick-input-list .monaco-list-row', { timeout: 15000 });
  await page.keyboard.type(label);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

/** Webviews live in nested iframes; find the one whose document shows `text`. */
async function findFrame(page, text) {
  for (let i = 0; i < 100; i++) {
    for (const frame of page.frames()) {
      try {
        if ((await frame.textContent('body', { timeout: 200 }))?.includes(text)) return frame;
      } catch { /* not ready or cross-origin */ }
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no webview showing "${text}"`);
}

async function goToLineEnd(page, line) {
  await page.click('.editor-instance .view-lines');
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
}

(async () => {
  const { page, close } = await launchBrowser(chromium);
  try {
    await page.goto(`http://127.0.0.1:${PORT}/?folder=${encodeURIComponent(WS)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });

    await check('suggest widget lists applyTo values from the Meshlens server', async () => {
      await openFile(page, 'complete.yaml');
      let labels = [];
      // The first requests can come before the server is up; a user would press Ctrl+Space again.
      for (let attempt = 0; attempt < 30 && !labels.some((l) => l.startsWith('HTTP_FILTER')); attempt++) {
        await page.keyboard.press('Escape');
        await goToLineEnd(page, 8);
        await page.keyboard.press('Control+Space');
        try {
          await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 3000 });
          labels = await page.$$eval('.suggest-widget.visible .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label') || ''));
        } catch { /* not yet */ }
      }
      if (!labels.some((l) => l.startsWith('HTTP_FILTER'))) throw new Error(`suggest widget showed: ${JSON.stringify(labels)}`);
      if (process.env.SCREENSHOT_COMPLETION) await page.screenshot({ path: process.env.SCREENSHOT_COMPLETION });
      await page.keyboard.press('Escape');
    });

    await check('problems are squiggled in the editor and counted in the status bar', async () => {
      await openFile(page, 'broken.yaml');
      await page.waitForSelector('.editor-instance .squiggly-error', { timeout: 30000 });
      const status = await page.textContent('#status\\.problems');
      if (!/[1-9]/.test(status || '')) throw new Error(`status bar problems: ${status}`);
      if (process.env.SCREENSHOT) {
        await page.keyboard.press('Control+Shift+M'); // the Problems panel
        await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 10000 });
        await page.waitForTimeout(500);
        await page.screenshot({ path: process.env.SCREENSHOT });
      }
    });
    await check('the chain preview shows workspace text as text and runs none of it', async () => {
      await runFromPalette(page, 'preview.yaml', 'Meshlens: Preview Envoy Filter Chain');
      await pickQuickInput(page, 'preview/web');
      await pickQuickInput(page, 'inbound');
      const frame = await findFrame(page, 'HTTP filters');
      const text = await frame.textContent('main');
      for (const literal of ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=2</script>', 'envoy.filters.http.router']) {
        if (!text.includes(literal)) throw new Error(`preview does not show ${literal}`);
      }
      const pwned = await frame.evaluate(() => window.__pwned);
      if (pwned !== undefined) throw new Error(`a payload ran: window.__pwned = ${pwned}`);
      if (await frame.$('main img, main script')) throw new Error('an element from the workspace made it into the page');
      if (process.env.SCREENSHOT_PREVIEW) await page.screenshot({ path: process.env.SCREENSHOT_PREVIEW });
    });
    await check('the proxy config preview of a TLS gateway: a chain per SNI, clusters and what a patch touched', async () => {
      await runFromPalette(page, 'gateway.yaml', 'Meshlens: Preview Proxy Config');
      await pickQuickInput(page, 'edge/ingress');
      const frame = await findFrame(page, 'https.443.https.public.edge');
      const text = await frame.textContent('main');
      for (const literal of ['SNI shop.example.com', 'https.443.https.public.edge', 'outbound|8080||shop.edge.svc.cluster.local', 'edge/shop-cluster #0 MERGE']) {
        if (!text.includes(literal)) throw new Error(`the config preview does not show ${literal}`);
      }
      if (process.env.SCREENSHOT_CONFIG) {
        // Scroll the open chain into view for the README's picture.
        await frame.evaluate(() => document.querySelector('section.config')?.scrollIntoView());
        await page.waitForTimeout(300);
        await page.screenshot({ path: process.env.SCREENSHOT_CONFIG });
      }
    });
  } finally {
    await close();
  }
  const passed = results.filter(([, ok]) => ok).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exit(passed === results.length ? 0 : 1);
})().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
