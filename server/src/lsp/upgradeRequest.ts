// The upgrade check for the editor: the workspace's files, compared between the current and the target version.
import { upgradeCheck, normalizeVersion, LineIndex } from '../core';
import type { DocumentModels } from './documentModels';
import type { UpgradeCheckParams, UpgradeCheckResult } from '../protocol';

/** `read` gives a file's current text: the open editor's, else what is on disk. */
export function handleUpgradeCheck(
  models: DocumentModels,
  params: UpgradeCheckParams,
  read: (uri: string) => string | undefined,
): UpgradeCheckResult {
  const from =
    normalizeVersion(params.from) && params.from ? normalizeVersion(params.from)! : models.workspace.istioVersion;
  const to = normalizeVersion(params.to);
  if (!to) throw new Error(`unknown Istio version ${params.to}`);
  const inputs = models.workspace.uris().flatMap((uri) => {
    const text = read(uri);
    return text === undefined ? [] : [{ uri, text }];
  });
  const texts = new Map(inputs.map((i) => [i.uri, i.text]));
  const lines = new Map<string, LineIndex>();
  const findings = upgradeCheck(inputs, from, to, models.workspace.meshConfigOverride).map((f) => {
    let index = lines.get(f.uri);
    if (!index) lines.set(f.uri, (index = new LineIndex(texts.get(f.uri) ?? '')));
    return {
      uri: f.uri,
      range: { start: index.positionAt(f.start), end: index.positionAt(f.end) },
      severity: f.severity,
      code: f.code,
      message: f.message,
      resource: f.resource,
      patchIndex: f.patchIndex,
      workloads: f.workloads,
    };
  });
  return { from, to, findings };
}
