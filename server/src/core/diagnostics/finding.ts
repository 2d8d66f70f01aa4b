import type { Severity } from './codes';

/** One problem found in a file. Offsets are UTF-16 code unit offsets into the file's text. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** Extra facts a quick fix can use, e.g. the suggested replacement of a misspelled name. */
  data?: Record<string, unknown>;
}
