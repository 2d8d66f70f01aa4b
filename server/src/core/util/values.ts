// Narrowing helpers for plain data parsed from YAML.
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * Visits every mapping below a root (the root included), iteratively so that deep input cannot overflow the stack.
 * Scalars are not visited, nor given a path: they are most of a document and no visitor reads them.
 */
export function walkObjects(
  root: unknown,
  rootPath: Array<string | number>,
  visit: (value: Record<string, unknown>, path: Array<string | number>) => void,
): void {
  const stack: Array<[unknown, Array<string | number>]> = [[root, rootPath]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (isCollection(value[i])) stack.push([value[i], [...path, i]]);
    } else if (isObject(value)) {
      visit(value, path);
      for (const k in value) if (isCollection(value[k])) stack.push([value[k], [...path, k]]);
    }
  }
}

function isCollection(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}
