// Telemetry access-log filters are CEL expressions that istiod parses (cel-go Parse, no type check) and rejects when
// they do not parse: "must be a valid CEL expression". @bufbuild/cel's parser agreed with cel-go on accept/reject for
// every expression measured and never rejects what cel-go accepts; it accepts a few malformed escapes, out-of-range
// literals and bad macro arguments that cel-go rejects, which @marcbachmann/cel-js's parser catches. Where both
// reject, the latter's position is used: it points where cel-go's does (at the end for a missing bracket).
import { formatMessage } from '../diagnostics/messages';
import { parse } from '@bufbuild/cel';
import { parse as parseStrict } from '@marcbachmann/cel-js';
import { isScalar } from 'yaml';
import { locate, YamlTree } from '../yaml/parseSlice';
import { scalarText } from '../yaml/scalarText';
import { asArray, isObject } from '../util/values';

export interface CelProblem {
  message: string;
  /** Offsets in the document text. */
  start: number;
  end: number;
}

/** The parse error of one expression, with its offset in the expression, or undefined when it parses. */
/** The strict parser's error codes for what cel-go rejects and @bufbuild/cel lets through. */
const CEL_GO_REJECTS = new Set([
  'invalid_escape_sequence',
  'invalid_octal_escape',
  'octal_escape_out_of_range',
  'invalid_hex_escape',
  'invalid_unicode_surrogate',
  'invalid_integer',
  'invalid_hex_integer',
  'invalid_number',
  'invalid_macro_argument',
  'reserved_identifier',
]);

type StrictError = { code?: string; range?: { start?: number }; message?: string };

type CelError = { message: string; offset: number } | undefined;

/** Results by expression: the same few expressions recur across a workspace's Telemetry resources. */
const parsedExpressions = new Map<string, CelError>();
const MAX_REMEMBERED = 2000;

export function celParseError(expression: string): CelError {
  if (parsedExpressions.has(expression)) return parsedExpressions.get(expression);
  const error = parseError(expression);
  if (parsedExpressions.size >= MAX_REMEMBERED) parsedExpressions.clear();
  parsedExpressions.set(expression, error);
  return error;
}

function parseError(expression: string): CelError {
  let strict: StrictError | undefined;
  try {
    parseStrict(expression);
  } catch (e) {
    strict = e as StrictError;
  }
  const strictResult = (s: StrictError) => ({
    message: String(s.message ?? 'syntax error').split('\n')[0],
    offset: Math.min(s.range?.start ?? 0, expression.length),
  });
  try {
    // A trailing newline works around the parser rejecting a `//` comment at the very end of the input.
    parse(expression + '\n');
  } catch (e) {
    if (strict) return strictResult(strict);
    const err = e as { location?: { start?: { offset?: number } }; rawMessage?: string; message?: string };
    return {
      message: String(err.rawMessage ?? err.message ?? 'syntax error'),
      offset: Math.min(err.location?.start?.offset ?? 0, expression.length),
    };
  }
  return strict && CEL_GO_REJECTS.has(String(strict.code)) ? strictResult(strict) : undefined;
}

/** Every `accessLogging[].filter.expression` of a Telemetry that does not parse, located in the document text. */
export function accessLogFilterProblems(doc: YamlTree, docText: string, spec: Record<string, unknown>): CelProblem[] {
  const problems: CelProblem[] = [];
  asArray(spec.accessLogging).forEach((entry, i) => {
    if (!isObject(entry) || !isObject(entry.filter) || typeof entry.filter.expression !== 'string') return;
    const error = celParseError(entry.filter.expression);
    if (!error) return;
    const node = locate(doc, ['spec', 'accessLogging', i, 'filter', 'expression'])?.node;
    if (!isScalar(node) || !node.range) return;
    const text = scalarText(docText, node);
    const start = text ? text.offsets[Math.min(error.offset, text.value.length)] : node.range[0];
    const end = text ? Math.max(text.offsets[Math.min(error.offset + 1, text.value.length)], start + 1) : node.range[1];
    const line = entry.filter.expression.slice(0, error.offset).split('\n').length;
    const column = error.offset - entry.filter.expression.lastIndexOf('\n', error.offset - 1);
    problems.push({
      message: formatMessage('ML0315', { error: error.message, line, column }),
      start,
      end,
    });
  });
  return problems;
}
