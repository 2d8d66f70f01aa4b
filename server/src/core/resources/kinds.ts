// Which documents are ours: the Istio kinds and API versions Meshlens understands, straight from the generated data.
import data from '../../../../schemas/istio-versions.json';

export interface KnownKind {
  kind: string;
  group: string;
  versions: string[];
}

const KINDS: Record<string, KnownKind> = Object.fromEntries(
  Object.entries(data.kinds as Record<string, { group: string; versions: string[] }>).map(([kind, k]) => [
    kind,
    { kind, ...k },
  ]),
);

export type Classification =
  | { status: 'ours'; kind: string; group: string; version: string }
  | { status: 'unserved'; kind: string; group: string; version: string; served: string[] }
  | { status: 'other' };

/** Sorts a document by its apiVersion and kind. Other kinds, and kinds of the same name in other groups, are not ours. */
export function classify(apiVersion: unknown, kind: unknown): Classification {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return { status: 'other' };
  const known = KINDS[kind];
  if (!known) return { status: 'other' };
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  if (group !== known.group) return { status: 'other' };
  if (!known.versions.includes(version)) return { status: 'unserved', kind, group, version, served: known.versions };
  return { status: 'ours', kind, group, version };
}

export function knownKinds(): readonly KnownKind[] {
  return Object.values(KINDS);
}
