// Turns the paths given on the command line into texts to check: files, folders (recursively, YAML files only) and
// `-` for standard input. Unreadable, binary and non-UTF-8 input is reported, and the run goes on with the rest.
import { formatMessage } from '../core';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import type { Finding, RuleLevel } from '../core';

export interface Input {
  /** The path as given (or found under a given folder), `<stdin>` for standard input. */
  file: string;
  text: string;
  /** Problems with the bytes themselves (invalid UTF-8), as findings. */
  findings: Finding[];
  /** The Istio version and rules of the `.meshlens.yaml` that applies to it, when there is one. */
  istioVersion?: string;
  rules?: Record<string, RuleLevel>;
}

export interface InputError {
  file: string;
  message: string;
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

export function readInputs(paths: string[], readStdin: () => Buffer): { inputs: Input[]; errors: InputError[] } {
  const inputs: Input[] = [];
  const errors: InputError[] = [];
  const visit = (path: string, explicit: boolean) => {
    let stat;
    try {
      stat = statSync(path);
    } catch (e) {
      errors.push({ file: path, message: describeIoError(e) });
      return;
    }
    if (stat.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(path).sort();
      } catch (e) {
        errors.push({ file: path, message: describeIoError(e) });
        return;
      }
      for (const name of names) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(join(path, name), false);
      }
      return;
    }
    if (!explicit && !YAML_EXTENSIONS.has(extname(path).toLowerCase())) return;
    try {
      addBytes(path, readFileSync(path));
    } catch (e) {
      errors.push({ file: path, message: describeIoError(e) });
    }
  };
  const addBytes = (file: string, bytes: Buffer) => {
    if (bytes.includes(0)) {
      errors.push({ file, message: 'binary file (contains NUL bytes), not checked' });
      return;
    }
    inputs.push({ file, ...decode(bytes) });
  };
  for (const path of paths) {
    if (path === '-') {
      try {
        addBytes('<stdin>', readStdin());
      } catch (e) {
        errors.push({ file: '<stdin>', message: describeIoError(e) });
      }
    } else visit(path, true);
  }
  return { inputs, errors };
}

function decode(bytes: Buffer): { text: string; findings: Finding[] } {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1); // keep offsets; a BOM is allowed
  const findings: Finding[] = [];
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = text.indexOf('\ufffd');
    findings.push({
      code: 'ML0004',
      severity: 'error',
      message: formatMessage('ML0004'),
      start: Math.max(0, at),
      end: Math.max(0, at) + 1,
    });
  }
  return { text, findings };
}

function describeIoError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file or directory';
  if (err.code === 'EACCES') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  return err.message ?? String(e);
}
