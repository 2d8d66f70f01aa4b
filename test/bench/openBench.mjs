// The benchmark's opening rows: the 1,000-resource file opened in a workspace folder, with the first and the complete
// publish and the server's peak memory. The server helpers come from bench.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Opening the 1,000-resource file in a workspace folder, as a new user does: the first publish (the document's own
 * findings) and the complete one (once Meshlens has indexed the folder; yaml-language-server has no workspace pass,
 * so its first publish is its complete one), and the server's peak memory.
 */
export async function openBench({ start, nextPublish, rss, now }, kind, folder) {
  const { client, logs } = await start(kind, folder);
  const uri = pathToFileURL(join(folder, 'resources-1000.yaml')).toString();
  const t0 = now();
  await client.open(uri, readFileSync(join(folder, 'resources-1000.yaml'), 'utf8'));
  const first = await nextPublish(client, uri, undefined, 120_000);
  const out = { firstDiagnostics: first && Math.round(first - t0) };
  if (kind === 'meshlens') {
    while (!logs.some((l) => /indexed \d+ YAML files/.test(l.text)) && now() - t0 < 120_000)
      await new Promise((r) => setTimeout(r, 5));
    const indexed = logs.find((l) => /indexed \d+ YAML files/.test(l.text));
    let last = client.latest(uri);
    // The complete publish follows the end of indexing; take the last one within a quiet second.
    let lastAt = first;
    for (let quiet = now(); now() - quiet < 1000; ) {
      const p = client.latest(uri);
      if (p !== last) {
        last = p;
        lastAt = now();
        quiet = now();
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    out.completeDiagnostics = Math.round(Math.max(lastAt ?? 0, indexed ? indexed.t : 0) - t0);
  } else out.completeDiagnostics = out.firstDiagnostics;
  out.peakRssMiB = rss(client.pid);
  await client.stop();
  return out;
}
