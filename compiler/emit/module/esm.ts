/**
 * The ESM face (the default `instantiation: 'esm'`): the component's imports
 * come from ES imports (specifier = the import name, its `external-id`, or a
 * `--map` entry), instantiation happens at top level, and the exports are
 * named ES exports.
 */
import type * as E from 'estree';
import type { LinkPlan } from '../../link/plan.js';
import type { ComponentInfo } from '../../types/validate.js';
import { jsName, toUpperCamel } from '../../types/names.js';
import { parseAnnotated } from '../resources/state.js';
import { exportKeys } from './exports.js';
import * as b from '../builders.js';
import { awaitExpr, exportList, importNamed, importNamespace } from './builders-module.js';
import { chooseProvider, needsProvider, resolveProviders, type ImportMap, type ImportRequest } from '../../link/providers.js';

export type { ImportMap } from '../../link/providers.js';

/**
 * Resolves one import name to its provider (see link/providers.ts: `--map`,
 * then the built-in WASI shim table, then the `external-id` or the name):
 * `{ specifier, name? }` (name: the ES export to take). Throws the catalogued
 * error when nothing can serve it.
 */
export function resolveImport(importName: string, externalId: string | undefined, map: ImportMap): { specifier: string; name?: string } {
  const p = chooseProvider({ name: importName, externalId }, { map });
  if (!('import' in p)) throw p;
  return p.export === undefined ? { specifier: p.specifier } : { specifier: p.specifier, name: p.export };
}

/** Statements after `instantiate`: ES imports, top-level instantiation, named exports. */
export function esmFace(plan: LinkPlan, info: ComponentInfo, map: ImportMap): (E.Statement | E.ModuleDeclaration)[] {
  const head: (E.Statement | E.ModuleDeclaration)[] = [];
  const props: [string, E.Expression][] = [];
  const providers = resolveProviders(plan.imports.map(({ name }) => importRequest(info, name)), { map });
  plan.imports.forEach(({ name, item }, n) => {
    // `[constructor]r` and the like come from the class the import of `r` gives
    if (item.sort === 'func' && parseAnnotated(name)) return;
    // a type import that is not a resource (a record a world defines, say) has no value to import
    if (!needsProvider(info.type.imports.get(name))) return;
    const { specifier, export: exportName } = providers[n]!;
    const local = `import${n}`;
    if (exportName !== undefined) head.push(importNamed(local, exportName, specifier));
    // functions, resource types and values (🪙) are the module's default export (Explainer "ESM-integration")
    else if (item.sort === 'func' || item.sort === 'type' || item.sort === 'value') head.push(importNamed(local, 'default', specifier));
    else head.push(importNamespace(local, specifier));
    props.push([item.sort === 'type' ? toUpperCamel(name) : jsName(name), b.id(local)]);
  });
  const body: (E.Statement | E.ModuleDeclaration)[] = [
    b.constDecl('exports', awaitExpr(b.call('instantiate', b.object(props)))),
  ];
  const pairs: [string, string][] = [];
  exportKeys(plan.exports).forEach((key, n) => {
    const local = `export${n}`;
    body.push(b.constDecl(local, b.member(b.id('exports'), key)));
    pairs.push([local, key]);
  });
  if (pairs.length) body.push(exportList(pairs));
  return [...head, ...body];
}

/** An import's name with the attributes that pick its provider. */
export function importRequest(info: ComponentInfo, name: string): ImportRequest {
  const def = info.component.defs.find((d) => d.kind === 'import' && d.name.name === name);
  if (!def || def.kind !== 'import') return { name };
  const { externalId, versionSuffix } = def.name;
  return { name, ...(externalId === undefined ? {} : { externalId }), ...(versionSuffix === undefined ? {} : { versionSuffix }) };
}
