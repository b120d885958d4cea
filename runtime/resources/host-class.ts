/**
 * The class the host gives for a resource type a component imports
 * (`imports['ns:pkg/iface'].Counter`, or `imports.Counter` at the root).
 * Values passed in as that type must be its instances. A host that gives
 * no class (it only ever hands out objects it made itself) gets `Object`:
 * then any object is accepted.
 */
export function hostResourceClass(imports: unknown, path: readonly string[]): Function {
  let value = imports;
  for (let i = 0; i < path.length && value !== null && value !== undefined; i++) {
    value = (value as Record<string, unknown>)[path[i]!];
  }
  return typeof value === 'function' ? value : Object;
}
