/**
 * `inspect`: everything the CLI view shows, as data (the `--json` output).
 * A component is decoded and validated (its WIT needs the resolved types);
 * a core module is only decoded, and said to be one.
 */
import { decodeBinary } from '../binary/decode.js';
import type { Component } from '../binary/ast.js';
import { classify } from '../analyze/features.js';
import { validateComponent } from '../types/validate.js';
import { printWorld } from '../wit/world.js';
import { builtinUsage, type BuiltinGroup } from './builtins.js';
import { coreModuleInfo, type CoreModuleInfo } from './core-module.js';
import { summarize, type ComponentSummary } from './summary.js';
import { componentTree, type ComponentNode } from './tree.js';

export interface ComponentReport extends ComponentSummary {
  kind: 'component';
  /** the component's own name (name section), when it has one */
  name?: string;
  /** imports and exports as a WIT world */
  wit: string;
  tree: ComponentNode;
  builtins: BuiltinGroup[];
}

export interface ModuleReport extends CoreModuleInfo {
  kind: 'module';
}

export type InspectReport = ComponentReport | ModuleReport;

/** Throws the catalogued CompileError when the bytes do not decode or validate. */
export function inspect(bytes: Uint8Array): InspectReport {
  const decoded = decodeBinary(bytes);
  if (decoded.kind === 'module') return { kind: 'module', ...coreModuleInfo(decoded.module) };
  return inspectComponent(decoded.component);
}

function inspectComponent(c: Component): ComponentReport {
  const { type } = validateComponent(c);
  const name = c.names?.component;
  return {
    kind: 'component',
    ...(name === undefined ? {} : { name }),
    ...summarize(c, type, classify(c)),
    wit: printWorld(type, name ?? 'root'),
    tree: componentTree(c),
    builtins: builtinUsage(c),
  };
}
