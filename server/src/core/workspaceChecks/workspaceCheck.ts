// Checks that need more than one resource: other resources, workloads, the mesh config.
import type { Workspace, ResourceRecord } from '../workspace/workspace';
import type { PathSegment } from '../yaml/parseSlice';
import type { ReportOptions } from '../checks/check';
import type { Fixer } from '../fixes/fixers';
import type { MessageParams } from '../diagnostics/messages';

export type WorkspaceReport = (
  record: ResourceRecord,
  code: string,
  path: readonly PathSegment[],
  params?: MessageParams,
  options?: ReportOptions,
) => void;

export interface WorkspaceCheck {
  /** The codes this check reports, and no others. */
  codes: readonly string[];
  /** Quick fixes for the codes this check reports. */
  fixes?: Partial<Record<string, Fixer[]>>;
  run(workspace: Workspace, report: WorkspaceReport): void;
}
