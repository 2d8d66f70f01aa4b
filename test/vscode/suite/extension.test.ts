// Meshlens in a real VS Code: completion, hover and diagnostics through the VS Code API, as a user gets them.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'meshlens.meshlens';

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== undefined) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function fileUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
}

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  return vscode.window.showTextDocument(doc);
}

async function completionLabels(uri: vscode.Uri, position: vscode.Position, expect: string): Promise<string[]> {
  // The first request can come before the language server is ready: ask again until it answers.
  return until(`completion with ${expect}`, async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      position,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    return labels.includes(expect) ? labels : undefined;
  });
}

function meshlensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'meshlens');
}

function code(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

describe('Meshlens in VS Code', () => {
  let api: {
    previewBody(): Promise<string | undefined>;
    ready: Promise<void>;
    activationMs: number;
    statusItem: vscode.StatusBarItem;
  };
  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded (check engines.vscode)`);
    api = await ext.activate();
    await api.ready;
    // A measurement for the record, not an assertion: timings belong in the benchmark, not in pass/fail.
    console.log(`Meshlens activate() took ${api.activationMs} ms`);
  });

  it('runs in a real VS Code 1.100', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('reports schema and Istio diagnostics on the exact range', async () => {
    const editor = await open('broken.yaml');
    const uri = editor.document.uri;
    const diags = await until('diagnostics', () => {
      const d = meshlensDiagnostics(uri);
      return d.length >= 3 ? d : undefined;
    });
    const unknown = diags.find((d) => code(d) === 'ML0201')!;
    assert.equal(editor.document.getText(unknown.range), 'workloadSelecter');
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    const both = diags.find((d) => code(d) === 'ML0203')!;
    assert.equal(editor.document.getText(both.range), 'HTTP_FILTR');
    assert.ok(
      diags.some((d) => code(d) === 'ML0308'),
      diags.map(code).join(),
    );
  });

  it('leaves other kinds in the same file alone', async () => {
    const editor = await open('broken.yaml');
    const deploymentEnd = editor.document.getText().indexOf('---');
    const diags = meshlensDiagnostics(editor.document.uri);
    assert.ok(diags.every((d) => editor.document.offsetAt(d.range.start) > deploymentEnd));
  });

  it('completes enum values and keys', async () => {
    const editor = await open('complete.yaml');
    const text = editor.document.getText();
    const applyTo = editor.document.positionAt(text.indexOf('applyTo: ') + 'applyTo: '.length);
    const labels = await completionLabels(editor.document.uri, applyTo, 'HTTP_FILTER');
    assert.ok(labels.includes('NETWORK_FILTER'));
    const keyPos = new vscode.Position(5, 2); // the blank line under spec:
    const keys = await completionLabels(editor.document.uri, keyPos, 'workloadSelector');
    assert.ok(keys.includes('priority') && keys.includes('targetRefs'), keys.join());
  });

  it('offers the new-resource snippets', async () => {
    const editor = await open('empty.yaml');
    const labels = await completionLabels(
      editor.document.uri,
      new vscode.Position(0, 0),
      'EnvoyFilter (networking.istio.io/v1alpha3)',
    );
    for (const prefix of ['envoyfilter', 'envoyfilter-lua', 'wasmplugin', 'telemetry', 'trafficextension'])
      assert.ok(labels.includes(prefix), labels.join());
  });

  it('shows hover documentation', async () => {
    const editor = await open('complete.yaml');
    const pos = editor.document.positionAt(editor.document.getText().indexOf('configPatches') + 3);
    const hovers = await until('hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        pos,
      );
      return h.length ? h : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*configPatches\*\*/);
    assert.match(text, /One or more patches with match conditions/);
  });

  it('offers a quick fix that repairs the document', async () => {
    const editor = await open('broken.yaml');
    const uri = editor.document.uri;
    const unknown = await until('ML0201', () => meshlensDiagnostics(uri).find((d) => code(d) === 'ML0201'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      unknown.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Change to `workloadSelector`');
    assert.ok(fix?.edit, actions.map((a) => a.title).join());
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await until('ML0201 gone', () => (meshlensDiagnostics(uri).some((d) => code(d) === 'ML0201') ? undefined : true));
    assert.match(editor.document.getText(), /^  workloadSelector:$/m);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('previews the filter chain of a workload, with EnvoyFilter and WasmPlugin origins', async () => {
    await open('preview.yaml');
    await vscode.commands.executeCommand('meshlens.previewChain', 'preview/web', 'inbound', 8080);
    const body = await until('preview content', async () => {
      const b = await api.previewBody();
      return b && b.includes('envoy.filters.http.router') ? b : undefined;
    });
    const names = [...body.matchAll(/<div class="name">([^<]*)<\/div>/g)].map((m) => m[1]);
    assert.deepEqual(names.slice(0, 2), [
      'istio.metadata_exchange',
      'extensions.istio.io/trafficextension/preview.auth~istio-translated-wasmplugin',
    ]);
    const router = names.indexOf('envoy.filters.http.router');
    assert.equal(names[router - 1], '&#60;script&#62;window.__pwned=2&#60;/script&#62;');
    assert.match(body, /<td>✓<\/td>/);
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    await until(
      `the preview tab among ${labels().join(', ')}`,
      () => (labels().some((l) => l.startsWith('Chain: preview/web inbound 8080')) ? true : undefined),
      10_000,
    );
  });

  it('previews the whole config of a TLS gateway: a chain per SNI, its route configuration, the listener open', async () => {
    await open('gateway.yaml');
    await vscode.commands.executeCommand('meshlens.previewConfig', 'edge/ingress');
    const body = await until('the proxy config', async () => {
      const b = await api.previewBody();
      return b && b.includes('https.443.https.public.edge') ? b : undefined;
    });
    assert.match(body, /<details class="listener" open><summary><code>0\.0\.0\.0_8443<\/code> gateway/);
    assert.match(body, /SNI shop\.example\.com\]<\/span> → route <code>https\.443\.https\.public\.edge<\/code>/);
    assert.match(body, /SNI api\.example\.com\]<\/span> → route <code>https\.443\.https-api\.public\.edge<\/code>/);
    assert.match(body, /<code>shop\.example\.com:443<\/code>/);
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    await until(
      `the preview tab among ${labels().join(', ')}`,
      () => (labels().some((l) => l === 'Proxy config: edge/ingress') ? true : undefined),
      10_000,
    );
  });

  it('a CLUSTER patch: its CodeLens counts the clusters it changes and opens the config that shows them', async () => {
    const editor = await open('gateway.yaml');
    const lens = await until('the cluster CodeLens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        editor.document.uri,
      );
      return lenses.find((l) => l.command?.title === 'applies to 1 cluster');
    });
    assert.match(editor.document.lineAt(lens.range.start.line).text, /applyTo: CLUSTER/);
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    const body = await until('the config with the patched cluster', async () => {
      const b = await api.previewBody();
      return b && b.includes('outbound|8080||shop.edge.svc.cluster.local') ? b : undefined;
    });
    assert.match(
      body,
      /<tr class="touched"><td><code>outbound\|8080\|\|shop\.edge\.svc\.cluster\.local<\/code>.*?edge\/shop-cluster #0 MERGE/s,
    );
    assert.match(body, /&#34;lb_policy&#34;: &#34;LEAST_REQUEST&#34;/);
    assert.match(body, /<div class="targets"><code>outbound\|8080\|\|shop\.edge\.svc\.cluster\.local<\/code>/);
  });

  it("inside a Lua filter's typed_config: completion, Envoy docs on hover, a misspelled field on its key", async () => {
    const editor = await open('lua-filter.yaml');
    const doc = editor.document;
    const blank = new vscode.Position(16, 10);
    const labels = await completionLabels(doc.uri, blank, 'default_source_code');
    assert.ok(labels.includes('stat_prefix') && labels.includes('source_codes'), labels.join());
    // Take the completion, as a user would, and hover what it inserted.
    assert.ok(await editor.edit((e) => e.insert(blank, 'default_source_code:')));
    const pos = doc.positionAt(doc.getText().indexOf('default_source_code') + 3);
    const hovers = await until('hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      return h.length ? h : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*default_source_code\*\*/);
    const typo = await until('ML0605', () => meshlensDiagnostics(doc.uri).find((d) => code(d) === 'ML0605'));
    assert.equal(doc.getText(typo.range), 'stat_prefx');
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Warning);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('follows meshlens.istioVersion', async () => {
    const editor = await open('waypoint.yaml');
    const uri = editor.document.uri;
    const config = vscode.workspace.getConfiguration('meshlens');
    try {
      // ML0320 is istiod's note on every EnvoyFilter: once it is there the server has published this document, and
      // nothing else is wrong at 1.31. (Asserting an absence before the first publish would prove nothing.)
      await until("the server's diagnostics", () =>
        meshlensDiagnostics(uri).some((d) => code(d) === 'ML0320') ? true : undefined,
      );
      assert.deepEqual(
        meshlensDiagnostics(uri)
          .filter((d) => code(d) !== 'ML0320')
          .map((d) => `${code(d)} ${d.message}`),
        [],
      );
      assert.equal(
        meshlensDiagnostics(uri).find((d) => code(d) === 'ML0320')!.severity,
        vscode.DiagnosticSeverity.Information,
      );
      await config.update('istioVersion', '1.28', vscode.ConfigurationTarget.Workspace);
      const diags = await until('version diagnostics', () => {
        const d = meshlensDiagnostics(uri);
        return d.some((x) => code(x) === 'ML0104') ? d : undefined;
      });
      assert.equal(editor.document.getText(diags.find((d) => code(d) === 'ML0104')!.range), 'WAYPOINT');
    } finally {
      await config.update('istioVersion', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('shows the target Istio version in the status bar for YAML files, following the setting', async () => {
    await open('complete.yaml');
    await until('the status item', () => (/Istio 1\.31/.test(api.statusItem.text) ? true : undefined));
    assert.equal(api.statusItem.command, 'meshlens.selectIstioVersion');
    const config = vscode.workspace.getConfiguration('meshlens');
    try {
      await config.update('istioVersion', '1.26', vscode.ConfigurationTarget.Workspace);
      await until('the status item at 1.26', () => (/Istio 1\.26/.test(api.statusItem.text) ? true : undefined));
      assert.match(String(api.statusItem.tooltip), /meshlens\.istioVersion setting/);
    } finally {
      await config.update('istioVersion', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('has a getting-started walkthrough whose steps run commands that exist', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const walkthroughs = ext.packageJSON.contributes.walkthroughs as Array<{
      id: string;
      steps: Array<{ id: string; description: string; media: { markdown: string } }>;
    }>;
    assert.deepEqual(
      walkthroughs[0].steps.map((s) => s.id),
      ['openExamples', 'seeDiagnostic', 'previewChain', 'setVersion'],
    );
    const commands = await vscode.commands.getCommands(true);
    for (const step of walkthroughs[0].steps) {
      for (const m of step.description.matchAll(/\(command:([\w.]+)\)/g))
        assert.ok(commands.includes(m[1]), `${step.id}: ${m[1]}`);
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, step.media.markdown));
    }
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      `${EXTENSION_ID}#meshlens.gettingStarted`,
      false,
    );
    // "See a diagnostic": opens the examples' mistakes.yaml (a copy) and the server marks its problems.
    await vscode.commands.executeCommand('meshlens.showExampleProblem');
    const editor = await until('mistakes.yaml', () =>
      vscode.window.activeTextEditor?.document.uri.path.endsWith('/mistakes.yaml')
        ? vscode.window.activeTextEditor
        : undefined,
    );
    const diags = await until('its problems', () =>
      meshlensDiagnostics(editor.document.uri).some((d) => code(d) === 'ML0201')
        ? meshlensDiagnostics(editor.document.uri)
        : undefined,
    );
    assert.equal(editor.document.getText(diags.find((d) => code(d) === 'ML0201')!.range), 'workloadSelecter');
  });

  it('checks an upgrade: findings of their own, a report grouped by workload, cleared on demand', async () => {
    const waypoint = fileUri('waypoint.yaml');
    await open('waypoint.yaml');
    // waypoint.yaml uses context WAYPOINT, which Istio 1.28 lacks.
    const result = await vscode.commands.executeCommand<{
      from: string;
      to: string;
      findings: Array<{ code: string }>;
    }>('meshlens.checkUpgrade', '1.28');
    assert.equal(result.from, '1.31');
    assert.ok(
      result.findings.some((f) => f.code === 'ML1003'),
      JSON.stringify(result.findings),
    );
    const upgrade = () =>
      vscode.languages.getDiagnostics(waypoint).filter((d) => String(d.source).startsWith('meshlens upgrade'));
    const diags = await until('upgrade diagnostics', () => (upgrade().length ? upgrade() : undefined));
    assert.equal(diags[0].source, 'meshlens upgrade 1.31→1.28');
    assert.match(diags.map((d) => d.message).join('\n'), /Istio 1\.28: .*WAYPOINT.*\[ML0104; not reported for 1\.31\]/);
    const report = await until('the report', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'meshlens-upgrade'),
    );
    assert.match(report.getText(), /^# Istio 1\.31 → 1\.28/);
    await vscode.commands.executeCommand('meshlens.clearUpgradeFindings');
    assert.deepEqual(upgrade(), []);
  });
});
