// The server's settings, from initializationOptions or the client's `meshlens` configuration section.
import { normalizeVersion, NEWEST_VERSION } from '../core';

export interface MeshlensSettings {
  istioVersion: string;
}

export const DEFAULT_SETTINGS: MeshlensSettings = { istioVersion: NEWEST_VERSION };

/** Reads raw settings; an unknown Istio version falls back to the newest with a message for the log. */
export function readSettings(raw: unknown, warn: (message: string) => void): MeshlensSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const requested = typeof section.istioVersion === 'string' ? section.istioVersion : undefined;
  const version = normalizeVersion(requested);
  if (!version) {
    warn(`Meshlens: unknown meshlens.istioVersion "${requested}"; using ${NEWEST_VERSION}.`);
    return { istioVersion: NEWEST_VERSION };
  }
  return { istioVersion: version };
}
