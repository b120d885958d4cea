/**
 * The summary `validate(bytes)` returns (BRIEF §3): imports and exports with
 * a WIT-ish type string, the features used, the core modules and nested
 * components with their sizes.
 */
import type { Component } from '../binary/ast.js';
import type { Feature } from '../binary/opcodes.js';
import type { ComponentType, ExternType } from '../types/model.js';
import { bodyScope, newWorldNames } from '../wit/body.js';
import { externTypeText } from '../wit/world.js';
import { allComponents, allModules, componentTree } from './tree.js';

export interface ExternSummary {
  name: string;
  kind: ExternType['kind'];
  /** one-line WIT-ish type: `func(s: string) -> string`, `interface { a, b }`, … */
  type: string;
}

export interface ComponentSummary {
  /** bytes in the input */
  size: number;
  imports: ExternSummary[];
  exports: ExternSummary[];
  /** feature gates used (`mvp` = WASI 0.2-level), sorted */
  features: Feature[];
  /** every core module, nested components' included: sizes in bytes, binary order */
  coreModules: { count: number; sizes: number[] };
  /** every nested component (not the outermost), binary order */
  components: { count: number; sizes: number[] };
}

export function summarize(c: Component, type: ComponentType, features: ReadonlySet<Feature>): ComponentSummary {
  const tree = componentTree(c);
  const modules = allModules(tree).map((m) => m.size);
  const nested = allComponents(tree).map((n) => n.size);
  const scope = bodyScope([...type.imports, ...type.exports], newWorldNames());
  const externs = (m: Map<string, ExternType>) =>
    [...m].map(([name, t]): ExternSummary => ({ name, kind: t.kind, type: externTypeText(t, scope) }));
  return {
    size: c.end - c.offset,
    imports: externs(type.imports),
    exports: externs(type.exports),
    features: [...features].sort(),
    coreModules: { count: modules.length, sizes: modules },
    components: { count: nested.length, sizes: nested },
  };
}
