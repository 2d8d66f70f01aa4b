// Narrowing helpers for plain data parsed from YAML.
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Visits every value below a root, iteratively so that deep input cannot overflow the stack. */
export function walk(
  root: unknown,
  rootPath: Array<string | number>,
  visit: (value: unknown, path: Array<string | number>) => void,
): void {
  const stack: Array<[unknown, Array<string | number>]> = [[root, rootPath]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    visit(value, path);
    if (Array.isArray(value)) value.forEach((v, i) => stack.push([v, [...path, i]]));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) stack.push([v, [...path, k]]);
  }
}
