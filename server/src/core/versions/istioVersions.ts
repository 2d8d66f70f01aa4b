// What the generated data says about Istio versions: which ones we know, and what each added or removed.
import data from '../../../../schemas/istio-versions.json';

export interface VersionChange {
  kind: string;
  apiVersion: string;
  /** A CRD property path: `spec.configPatches[].match.context`; `[]` = each list item, `{}` = each map value. */
  path: string;
  enumValue?: string;
  cel?: string;
  added?: string;
  removed?: string;
}

export const KNOWN_VERSIONS: readonly string[] = data.versions;
export const NEWEST_VERSION: string = data.newest;
const changes = data.changes as VersionChange[];
const kindSince = data.kindSince as Record<string, string>;
const apiVersionSince = data.apiVersionSince as Record<string, string>;

/** Compares "1.9" < "1.20" numerically. */
/** Versions as numbers, parsed once: the checks compare the same few versions for every resource. */
const parsedVersions = new Map<string, number[]>();

function versionParts(v: string): number[] {
  let parts = parsedVersions.get(v);
  if (!parts) {
    parts = v.split('.').map(Number);
    if (parsedVersions.size < 1000) parsedVersions.set(v, parts);
  }
  return parts;
}

export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Accepts "1.28", "1.28.3" or "v1.28"; returns the known minor version to use, or undefined if unknown. */
export function normalizeVersion(input: string | undefined): string | undefined {
  if (!input) return NEWEST_VERSION;
  const m = /^v?(\d+)\.(\d+)/.exec(input.trim());
  if (!m) return undefined;
  const minor = `${Number(m[1])}.${Number(m[2])}`;
  if (KNOWN_VERSIONS.includes(minor)) return minor;
  // A minor between two compared releases behaves like the older one as far as our data can tell.
  if (compareVersions(minor, KNOWN_VERSIONS[0]) < 0 || compareVersions(minor, NEWEST_VERSION) > 0) return undefined;
  return [...KNOWN_VERSIONS].reverse().find((v) => compareVersions(v, minor) <= 0);
}

/** The change records for one kind and API version (e.g. "v1alpha3") that a target version lacks. */
export function changesMissingIn(kind: string, apiVersion: string, target: string): VersionChange[] {
  return changes.filter(
    (c) =>
      c.kind === kind &&
      c.apiVersion === apiVersion &&
      !c.cel &&
      c.added !== undefined &&
      compareVersions(target, c.added) < 0,
  );
}

export function fieldAddedIn(kind: string, apiVersion: string, path: string): string | undefined {
  return changes.find(
    (c) => c.kind === kind && c.apiVersion === apiVersion && c.path === path && !c.enumValue && !c.cel && c.added,
  )?.added;
}

export function enumValueAddedIn(kind: string, apiVersion: string, path: string, value: string): string | undefined {
  return changes.find(
    (c) => c.kind === kind && c.apiVersion === apiVersion && c.path === path && c.enumValue === value && c.added,
  )?.added;
}

/** The first version in which a kind or group/version exists, if it is not in every version we know. */
export function kindAddedIn(kind: string): string | undefined {
  return kindSince[kind];
}

export function apiVersionAddedIn(groupVersion: string): string | undefined {
  return apiVersionSince[groupVersion];
}
