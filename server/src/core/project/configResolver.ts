// Which `.meshlens.yaml` applies to a file: the nearest one in its folder or above. Reading is the caller's (disk,
// or an open editor's text); results are cached per folder until invalidated.
import { dirname, join, relative, isAbsolute, sep } from 'node:path';
import picomatch from 'picomatch';
import { parseProjectConfig, ProjectConfig, PROJECT_CONFIG_NAME } from './projectConfig';

export type ReadText = (path: string) => string | undefined;

export class ProjectConfigResolver {
  private readonly byDir = new Map<string, ProjectConfig | null>();
  private readonly matchers = new WeakMap<ProjectConfig, (path: string) => boolean>();

  constructor(private readonly read: ReadText) {}

  /** The configuration for a file (an absolute path), or undefined when no folder above it has one. */
  forFile(filePath: string): ProjectConfig | undefined {
    return this.forDir(dirname(filePath));
  }

  forDir(dir: string): ProjectConfig | undefined {
    const chain: string[] = [];
    let current = dir;
    let found: ProjectConfig | null | undefined;
    for (;;) {
      if (this.byDir.has(current)) {
        found = this.byDir.get(current);
        break;
      }
      chain.push(current);
      const file = join(current, PROJECT_CONFIG_NAME);
      const text = this.read(file);
      if (text !== undefined) {
        found = parseProjectConfig(text, file);
        break;
      }
      const parent = dirname(current);
      if (parent === current) {
        found = null;
        break;
      }
      current = parent;
    }
    for (const d of chain) this.byDir.set(d, found ?? null);
    return found ?? undefined;
  }

  /** Whether the file is under an `ignore` glob of its configuration. */
  isIgnored(filePath: string): boolean {
    const config = this.forFile(filePath);
    if (!config || !config.ignore.length) return false;
    let match = this.matchers.get(config);
    if (!match) {
      match = picomatch(config.ignore, { dot: true });
      this.matchers.set(config, match);
    }
    const rel = relative(dirname(config.file), filePath);
    if (rel.startsWith('..') || isAbsolute(rel)) return false;
    return match(rel.split(sep).join('/'));
  }

  /** A configuration's mesh config path, absolute. */
  meshConfigPath(config: ProjectConfig): string | undefined {
    return config.meshConfig === undefined ? undefined : join(dirname(config.file), config.meshConfig);
  }

  /** Forget what was read, after a `.meshlens.yaml` changed. */
  invalidate(): void {
    this.byDir.clear();
  }
}
