// SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure DevOps) read.
import type { Result } from '../checkFiles';
import { allCodes } from '../../core';
import { pathToFileURL } from 'node:url';
import { resolve, isAbsolute, relative } from 'node:path';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export function formatSarif(results: Result[], toolVersion: string): string {
  const codes = allCodes();
  const ruleIndex = new Map(codes.map((c, i) => [c.code, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'meshlens',
            version: toolVersion,
            rules: codes.map((c) => ({
              id: c.code,
              name: c.name,
              shortDescription: { text: c.title },
              fullDescription: { text: c.explanation },
              defaultConfiguration: { level: LEVEL[c.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.map((r) => ({
          ruleId: r.code,
          ruleIndex: ruleIndex.get(r.code),
          level: LEVEL[r.severity],
          message: { text: r.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactUri(r.file),
                region: {
                  startLine: r.range.start.line,
                  startColumn: r.range.start.column,
                  endLine: r.range.end.line,
                  endColumn: r.range.end.column,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function artifactUri(file: string): { uri: string } {
  if (file === '<stdin>') return { uri: 'stdin' };
  // Relative paths stay relative (code scanning resolves them against the checkout); others become file URIs.
  if (!isAbsolute(file)) return { uri: relative('.', resolve(file)).split('\\').join('/') };
  return { uri: pathToFileURL(file).toString() };
}
