// `.meshlens.yaml` files for the server: the nearest one above a document sets its Istio version, rules and whether
// it is ignored, over the VS Code settings; the one above the first workspace folder sets the workspace's Istio
// version and mesh config. The text of an open `.meshlens.yaml` wins over what is saved.
import { ProjectConfigResolver, ProjectConfig, PROJECT_CONFIG_NAME, RuleLevel } from '../core';
import { uriToPath } from './workspaceIndexer';
import { pathToFileURL } from 'node:url';
import type { MeshlensSettings } from './settings';
import type { EffectiveSettings } from '../protocol';

export function isProjectFile(uri: string): boolean {
  return uri.endsWith(`/${PROJECT_CONFIG_NAME}`);
}

export class ProjectFiles {
  private resolver: ProjectConfigResolver;
  rootDir: string | undefined;

  constructor(private readonly readText: (path: string) => string | undefined) {
    this.resolver = new ProjectConfigResolver(readText);
  }

  invalidate(): void {
    this.resolver = new ProjectConfigResolver(this.readText);
  }

  configFor(uri: string): ProjectConfig | undefined {
    const path = uriToPath(uri);
    return path ? this.resolver.forFile(path) : undefined;
  }

  rootConfig(): ProjectConfig | undefined {
    return this.rootDir ? this.resolver.forDir(this.rootDir) : undefined;
  }

  ignored(uri: string): boolean {
    const path = uriToPath(uri);
    return !!path && !isProjectFile(uri) && this.resolver.isIgnored(path);
  }

  meshConfigPath(): string | undefined {
    const root = this.rootConfig();
    return root ? this.resolver.meshConfigPath(root) : undefined;
  }

  /** The settings that apply to one document, and where its Istio version comes from. */
  effective(uri: string | undefined, settings: MeshlensSettings): MeshlensSettings & EffectiveSettings {
    const config = uri ? this.configFor(uri) : this.rootConfig();
    const rules: Record<string, RuleLevel> = { ...settings.rules, ...(config?.rules ?? {}) };
    const projectFile = config ? pathToFileURL(config.file).toString() : undefined;
    if (config?.istioVersion)
      return {
        istioVersion: config.istioVersion,
        rules,
        istioVersionSource: { kind: 'projectFile', uri: projectFile! },
        projectFile,
      };
    return { istioVersion: settings.istioVersion, rules, istioVersionSource: { kind: 'setting' }, projectFile };
  }
}
