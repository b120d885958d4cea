/**
 * Which canonical built-ins a component uses (nested components included),
 * grouped by the feature gate the opcode table gives each. A `lift`/`lower`
 * with the `async` canonopt counts under `async`; the MVP group is "sync".
 */
import type { Component } from '../binary/ast.js';
import { CANON, CANON_BY_NAME, type Feature } from '../binary/opcodes.js';

export interface BuiltinGroup {
  /** `sync` for the MVP built-ins, else the feature gate (async, error-context, coop-threads, …) */
  feature: string;
  builtins: { name: string; count: number }[];
}

export function builtinUsage(c: Component): BuiltinGroup[] {
  const counts = new Map<string, { feature: Feature; count: number }>();
  const visit = (comp: Component) => {
    for (const def of comp.defs) {
      if (def.kind === 'component') visit(def.component);
      if (def.kind !== 'canon') continue;
      const { canon } = def;
      const isAsync = (canon.name === 'lift' || canon.name === 'lower') && canon.opts?.some((o) => o.name === 'async') === true;
      const key = isAsync ? `${canon.name} async` : canon.name;
      const feature: Feature = isAsync ? 'async' : (CANON_BY_NAME.get(canon.name)?.feature ?? 'mvp');
      const entry = counts.get(key) ?? { feature, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  };
  visit(c);
  // Groups in the order the table first names their feature; built-ins in table order.
  const order = [...new Set(CANON.map((s) => s.feature))];
  const rank = (name: string) => CANON.findIndex((s) => s.name === name.replace(/ async$/, '')) * 2 + (name.endsWith(' async') ? 1 : 0);
  const groups: BuiltinGroup[] = [];
  for (const feature of order) {
    const builtins = [...counts]
      .filter(([, v]) => v.feature === feature)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([name, v]) => ({ name, count: v.count }));
    if (builtins.length > 0) groups.push({ feature: feature === 'mvp' ? 'sync' : feature, builtins });
  }
  return groups;
}
