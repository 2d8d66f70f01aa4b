// Checks that need more than one resource: other resources, workloads, the mesh config.
import type { Workspace, ResourceRecord } from '../workspace/workspace';
import type { PathSegment } from '../yaml/parseSlice';
import type { ReportOptions } from '../checks/check';

export type WorkspaceReport = (
  record: ResourceRecord,
  code: string,
  path: readonly PathSegment[],
  message: string,
  options?: ReportOptions,
) => void;

export interface WorkspaceCheck {
  /** The codes this check reports, and no others. */
  codes: readonly string[];
  run(workspace: Workspace, report: WorkspaceReport): void;
}
