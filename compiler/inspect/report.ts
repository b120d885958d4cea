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
import { chooseProvider, describe, needsProvider, type ImportMap } from '../link/providers.js';

export interface ComponentReport extends ComponentSummary {
  kind: 'component';
  /** the component's own name (name section), when it has one */
  name?: string;
  /** imports and exports as a WIT world */
  wit: string;
  tree: ComponentNode;
  builtins: BuiltinGroup[];
  /** per import, what serves it in ESM mode (`--map`, the built-in WASI shim table, or its own name) */
  providers: ProviderLine[];
}

export type ProviderLine =
  | { import: string; provider: string; via: 'map' | 'builtin' | 'external-id' | 'name' }
  | { import: string; error: string; code: string };

export interface InspectOptions {
  /** `--map` entries, as `compile` takes them, to show the providers they pick */
  map?: ImportMap;
}

export interface ModuleReport extends CoreModuleInfo {
  kind: 'module';
}

export type InspectReport = ComponentReport | ModuleReport;

/** Throws the catalogued CompileError when the bytes do not decode or validate. */
export function inspect(bytes: Uint8Array, options: InspectOptions = {}): InspectReport {
  const decoded = decodeBinary(bytes);
  if (decoded.kind === 'module') return { kind: 'module', ...coreModuleInfo(decoded.module) };
  return inspectComponent(decoded.component, options);
}

function inspectComponent(c: Component, options: InspectOptions): ComponentReport {
  const { type } = validateComponent(c);
  const name = c.names?.component;
  return {
    kind: 'component',
    ...(name === undefined ? {} : { name }),
    ...summarize(c, type, classify(c)),
    wit: printWorld(type, name ?? 'root'),
    tree: componentTree(c),
    builtins: builtinUsage(c),
    providers: providerLines(c, [...type.imports].filter(([, t]) => needsProvider(t)).map(([n]) => n), options.map ?? {}),
  };
}

function providerLines(c: Component, names: Iterable<string>, map: ImportMap): ProviderLine[] {
  return [...names].map((name) => {
    const def = c.defs.find((d) => d.kind === 'import' && d.name.name === name);
    const attrs = def && def.kind === 'import' ? def.name : undefined;
    const p = chooseProvider({ name, externalId: attrs?.externalId, versionSuffix: attrs?.versionSuffix }, { map });
    return 'import' in p ? { import: name, provider: describe(p), via: p.via } : { import: name, error: p.message, code: p.code };
  });
}
