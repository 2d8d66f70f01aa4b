// The shape of an Istio rule check: a small function over one parsed resource that reports findings by data path.
import type { PathSegment } from '../yaml/parseSlice';
import type { Fixer } from '../fixes/fixers';
import type { MessageParams } from '../diagnostics/messages';

export interface ResourceView {
  kind: string;
  group: string;
  /** The API version without its group, e.g. "v1alpha3". */
  version: string;
  /** The whole resource as plain data. */
  value: Record<string, unknown>;
  spec: Record<string, unknown>;
  istioVersion: string;
}

export interface ReportOptions {
  /** Mark the key rather than the value (default: the value for scalars, the key for collections). */
  on?: 'key' | 'value';
  data?: Record<string, unknown>;
  /** Overrides the code's default severity, where istiod uses another for this case. */
  severity?: import('../diagnostics/codes').Severity;
  /** Which of the code's message templates, where it has several (the catalogue's `message`). */
  variant?: string;
}

/** Reports a finding: its message is the code's template in the catalogue, filled with `params`. */
export type Report = (
  code: string,
  path: readonly PathSegment[],
  params?: MessageParams,
  options?: ReportOptions,
) => void;

export interface Check {
  /** The codes this check reports, and no others (a report of another code is an internal error, ML0208). */
  codes: readonly string[];
  /** Quick fixes for the codes this check reports. */
  fixes?: Partial<Record<string, Fixer[]>>;
  /** Kinds this check runs on. */
  kinds: readonly string[];
  run(resource: ResourceView, report: Report): void;
}
