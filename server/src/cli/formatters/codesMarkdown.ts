// The README's list of diagnostic codes, generated from the catalogue so the two cannot drift (npm run docs).
import { allCodes } from '../../core';

export function codesMarkdown(): string {
  const rows = allCodes().map(
    (c) => `| [${c.code}](#${c.code.toLowerCase()}-${c.name}) | ${c.severity} | ${c.title} |`,
  );
  const sections = allCodes().map(
    (c) => `#### ${c.code} ${c.name}\n\n**${c.title}** (${c.severity}). ${c.explanation}\n`,
  );
  return ['| code | default severity | title |', '|---|---|---|', ...rows, '', ...sections].join('\n');
}
