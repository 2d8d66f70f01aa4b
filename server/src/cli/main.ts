// The `meshlens` command line: the editor's checks for CI.
import { readFileSync } from 'node:fs';
import {
  KNOWN_VERSIONS,
  normalizeVersion,
  allCodes,
  parseMeshConfigFile,
  MeshConfigInfo,
  projectConfigSchema,
} from '../core';
import { readInputs } from './readInputs';
import { checkInputs, atOrAbove } from './checkFiles';
import { formatText } from './formatters/text';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatCodeClimate } from './formatters/codeclimate';
import { codesMarkdown } from './formatters/codesMarkdown';
import { workspaceOf, runChain, runTelemetry } from './chainCommands';
import { ProjectSettings } from './projectSettings';
import { runUpgradeCheck } from './upgradeCommand';
import { runConfig } from './configCommand';
import { ChainError, Direction } from '../core';

import { VERSION } from './version';
import { USAGE } from './usage';
export { VERSION };

class UsageError extends Error {}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Buffer;
}

export function run(argv: string[], io: Io): number {
  try {
    return dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`meshlens: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`meshlens: internal error: ${(e as Error)?.stack ?? e}\n`);
    return 2;
  }
}

function dispatch(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (command === 'codes') {
    const { flags } = parseOptions(rest, ['format']);
    const format = flags.get('format') ?? 'text';
    if (format === 'markdown') io.out(codesMarkdown());
    else if (format === 'text')
      for (const c of allCodes()) io.out(`${c.code}  ${c.severity.padEnd(7)}  ${c.name.padEnd(28)}  ${c.title}\n`);
    else throw new UsageError(`--format must be text or markdown, not "${format}"`);
    return 0;
  }
  if (command === 'config-schema') {
    io.out(JSON.stringify(projectConfigSchema(), null, 2) + '\n');
    return 0;
  }
  if (command === 'check') return check(rest, io);
  if (command === 'upgrade-check') return upgrade(rest, io);
  if (command === 'chain' || command === 'telemetry' || command === 'config') return preview(command, rest, io);
  throw new UsageError(`unknown command "${command}"`);
}

interface Options {
  positional: string[];
  flags: Map<string, string>;
}

function parseOptions(args: string[], allowed: string[]): Options {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else positional.push(a);
  }
  return { positional, flags };
}

function check(args: string[], io: Io): number {
  const opts = parseOptions(args, ['format', 'istio-version', 'fail-on', 'mesh-config']);
  const format = opts.flags.get('format') ?? 'text';
  if (!['text', 'json', 'sarif', 'codeclimate'].includes(format))
    throw new UsageError(`--format must be text, json, sarif or codeclimate, not "${format}"`);
  const failOn = opts.flags.get('fail-on') ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning')
    throw new UsageError(`--fail-on must be error or warning, not "${failOn}"`);
  const requested = opts.flags.get('istio-version');
  const istioVersion = normalizeVersion(requested);
  if (!istioVersion) throw new UsageError(`unknown Istio version "${requested}"; known: ${KNOWN_VERSIONS.join(', ')}`);
  if (opts.positional.length === 0) throw new UsageError('check needs at least one path (use - for stdin)');

  const { project, meshConfig, read, errors } = projectInputs(
    opts,
    requested === undefined ? undefined : istioVersion,
    io,
  );
  const inputs = project
    .checked(read.inputs)
    .map((input) => ({ ...input, istioVersion: project.versionFor(input), rules: project.rulesFor(input) }));
  const results = [...project.configResults(), ...checkInputs(inputs, project.workspaceVersion, meshConfig)];
  if (format === 'json') io.out(formatJson(results));
  else if (format === 'sarif') io.out(formatSarif(results, VERSION));
  else if (format === 'codeclimate') io.out(formatCodeClimate(results));
  else io.out(formatText(results));
  if (errors.length > 0) return 2;
  return results.some((r) => atOrAbove(r.severity, failOn)) ? 1 : 0;
}

function upgrade(args: string[], io: Io): number {
  const opts = parseOptions(args, ['format', 'from', 'to', 'fail-on', 'mesh-config']);
  const format = opts.flags.get('format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format))
    throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const failOn = opts.flags.get('fail-on') ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning')
    throw new UsageError(`--fail-on must be error or warning, not "${failOn}"`);
  const version = (flag: 'from' | 'to') => {
    const raw = opts.flags.get(flag);
    if (!raw) throw new UsageError(`upgrade-check needs --${flag} VERSION (one of ${KNOWN_VERSIONS.join(', ')})`);
    const v = normalizeVersion(raw);
    if (!v) throw new UsageError(`unknown Istio version "${raw}" for --${flag}; known: ${KNOWN_VERSIONS.join(', ')}`);
    return v;
  };
  const from = version('from');
  const to = version('to');
  if (opts.positional.length === 0) throw new UsageError('upgrade-check needs at least one path (use - for stdin)');
  const { project, meshConfig, read } = projectInputs(opts, to, io);
  const results = runUpgradeCheck(project.checked(read.inputs), from, to, meshConfig);
  if (format === 'json')
    io.out(
      JSON.stringify(
        results.map(({ file, range, severity, code, message, resource, patchIndex, workloads }) => ({
          file,
          range,
          severity,
          code,
          message,
          resource,
          patchIndex,
          workloads,
        })),
        null,
        2,
      ) + '\n',
    );
  else if (format === 'sarif') io.out(formatSarif(results, VERSION));
  else
    io.out(results.length ? formatText(results) : `No differences for these files between Istio ${from} and ${to}.\n`);
  if (read.errors.length) return 2;
  return results.some((r) => atOrAbove(r.severity, failOn)) ? 1 : 0;
}

function preview(command: 'chain' | 'telemetry' | 'config', args: string[], io: Io): number {
  const opts = parseOptions(args, ['format', 'istio-version', 'workload', 'direction', 'port', 'mesh-config']);
  const format = opts.flags.get('format') ?? 'text';
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be text or json, not "${format}"`);
  const requested = opts.flags.get('istio-version');
  const istioVersion = normalizeVersion(requested);
  if (!istioVersion) throw new UsageError(`unknown Istio version "${requested}"; known: ${KNOWN_VERSIONS.join(', ')}`);
  const workload = opts.flags.get('workload');
  if (!workload) throw new UsageError(`${command} needs --workload NAMESPACE/NAME`);
  if (opts.positional.length === 0) throw new UsageError(`${command} needs at least one path (use - for stdin)`);
  const { project, meshConfig, read, errors } = projectInputs(
    opts,
    requested === undefined ? undefined : istioVersion,
    io,
  );
  for (const r of project.configResults())
    io.err(`meshlens: ${r.file}:${r.range.start.line}:${r.range.start.column}: ${r.code} ${r.message}\n`);
  const inputs = project.checked(read.inputs);
  const ws = workspaceOf(inputs, project.workspaceVersion);
  ws.meshConfigOverride = meshConfig;
  try {
    if (command === 'telemetry') {
      io.out(runTelemetry(ws, workload, project.workspaceVersion, format));
    } else if (command === 'config') {
      io.out(runConfig(ws, workload, project.workspaceVersion, format));
    } else {
      const direction = opts.flags.get('direction') ?? 'inbound';
      if (!['inbound', 'outbound', 'gateway'].includes(direction))
        throw new UsageError(`--direction must be inbound, outbound or gateway, not "${direction}"`);
      const portText = opts.flags.get('port');
      if (!portText) throw new UsageError('chain needs --port N');
      io.out(runChain(ws, workload, direction as Direction, Number(portText), project.workspaceVersion, format));
    }
  } catch (e) {
    if (e instanceof ChainError) {
      io.err(`meshlens: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return errors.length ? 2 : 0;
}

/** The `.meshlens.yaml` settings, the mesh config (the flag's, else the file's) and the inputs of a command. */
function projectInputs(opts: Options, versionFlag: string | undefined, io: Io) {
  const project = new ProjectSettings(opts.positional, versionFlag);
  const meshConfig = readMeshConfig(
    opts.flags.get('mesh-config') ?? project.meshConfigPath,
    !opts.flags.has('mesh-config'),
  );
  const read = readInputs(opts.positional, io.readStdin);
  for (const e of read.errors) io.err(`meshlens: ${e.file}: ${e.message}\n`);
  return { project, meshConfig, read, errors: read.errors };
}

/** The mesh config file given with --mesh-config or named by `.meshlens.yaml` (`fromProject`). */
function readMeshConfig(path: string | undefined, fromProject = false): MeshConfigInfo | undefined {
  if (path === undefined) return undefined;
  const what = fromProject ? `meshConfig ${path} (from .meshlens.yaml)` : `--mesh-config ${path}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(
      `${what}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  try {
    return parseMeshConfigFile(text, path);
  } catch (e) {
    throw new UsageError(`${what}: ${(e as Error).message}`);
  }
}

if (require.main === module) {
  const code = run(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    readStdin: () => readFileSync(0),
  });
  process.exitCode = code;
}
