// What `.meshlens.yaml` files say for a command-line run: per file its Istio version, rules and whether it is ignored;
// for the run its mesh config and workspace version. Command-line flags win over the files.
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { statSync } from 'node:fs';
import { ProjectConfigResolver, ProjectConfig, NEWEST_VERSION, LineIndex, RuleLevel } from '../core';
import { range1, Result } from './checkFiles';
import type { Input } from './readInputs';

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export class ProjectSettings {
  readonly resolver = new ProjectConfigResolver(readIfExists);
  private readonly used = new Set<ProjectConfig>();
  /** The configuration for the run as a whole: the first path's, else the current folder's. */
  readonly anchor: ProjectConfig | undefined;

  constructor(
    paths: string[],
    private readonly versionFlag: string | undefined,
  ) {
    const first = paths.find((p) => p !== '-');
    let dir = process.cwd();
    if (first) {
      const abs = resolve(first);
      try {
        dir = statSync(abs).isDirectory() ? abs : dirname(abs);
      } catch {
        dir = dirname(abs);
      }
    }
    this.anchor = this.note(this.resolver.forDir(dir));
  }

  private note(config: ProjectConfig | undefined): ProjectConfig | undefined {
    if (config) this.used.add(config);
    return config;
  }

  private configOf(input: Input): ProjectConfig | undefined {
    return input.file === '<stdin>' ? this.anchor : this.note(this.resolver.forFile(resolve(input.file)));
  }

  /** Files an `ignore` glob covers are not checked at all. */
  checked(inputs: Input[]): Input[] {
    return inputs.filter((i) => i.file === '<stdin>' || !this.resolver.isIgnored(resolve(i.file)));
  }

  versionFor(input: Input): string {
    return this.versionFlag ?? this.configOf(input)?.istioVersion ?? this.workspaceVersion;
  }

  get workspaceVersion(): string {
    return this.versionFlag ?? this.anchor?.istioVersion ?? NEWEST_VERSION;
  }

  rulesFor(input: Input): Record<string, RuleLevel> | undefined {
    return this.configOf(input)?.rules;
  }

  /** The anchor configuration's mesh config file, absolute, if it names one. */
  get meshConfigPath(): string | undefined {
    return this.anchor ? this.resolver.meshConfigPath(this.anchor) : undefined;
  }

  /** Problems in the `.meshlens.yaml` files this run used, as results in those files. */
  configResults(): Result[] {
    const out: Result[] = [];
    for (const config of this.used) {
      if (!config.findings.length) continue;
      const lines = new LineIndex(readIfExists(config.file) ?? '');
      for (const f of config.findings) {
        out.push({
          file: config.file,
          range: range1(lines, f.start, f.end),
          severity: f.severity,
          code: f.code,
          message: f.message,
        });
      }
    }
    return out;
  }
}
