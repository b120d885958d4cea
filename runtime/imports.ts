/**
 * Looking up the host's imports at instantiation, with errors that name the
 * import, so a missing or mistyped import fails early and clearly.
 */

/** `imports[path[0]][path[1]]…`, which must be a function. */
export function hostFunc(imports: unknown, path: readonly string[], name: string): Function {
  const value = hostValue(imports, path, name);
  if (typeof value !== 'function') {
    const e = new TypeError(`import ${name} must be a function, got ${value === null ? 'null' : typeof value}`);
    (e as TypeError & { code: string }).code = 'import/not-a-function';
    throw e;
  }
  return value;
}

/** `imports[path[0]][path[1]]…`: throws a TypeError naming the first missing step. */
export function hostValue(imports: unknown, path: readonly string[], name: string): unknown {
  let value = imports;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const next = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key];
    if (next === undefined) {
      const where = i === 0 ? 'the imports object' : `import ${path.slice(0, i).join('.')}`;
      const e = new TypeError(`missing import ${name}: ${where} has no ${JSON.stringify(key)}`);
      (e as TypeError & { code: string }).code = 'import/missing';
      throw e;
    }
    value = next;
  }
  return value;
}
