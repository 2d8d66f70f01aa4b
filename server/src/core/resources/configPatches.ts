// An EnvoyFilter's configPatches: the entries that are mappings, with their index in the list (what findings point at).
import { asArray, isObject } from '../util/values';

export interface IndexedPatch {
  index: number;
  patch: Record<string, unknown>;
}

export function configPatches(spec: Record<string, unknown>): IndexedPatch[] {
  return asArray(spec.configPatches).flatMap((patch, index) => (isObject(patch) ? [{ index, patch }] : []));
}
