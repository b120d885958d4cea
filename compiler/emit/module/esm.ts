/**
 * The ESM face (the default `instantiation: 'esm'`): the component's imports
 * come from ES imports (specifier = the import name, its `external-id`, or a
 * `--map` entry), instantiation happens at top level, and the exports are
 * named ES exports.
 */
import type * as E from 'estree';
import type { LinkPlan } from '../../link/plan.js';
import type { ComponentInfo } from '../../types/validate.js';
import { jsName } from '../../types/names.js';
import * as b from '../builders.js';
import { awaitExpr, exportList, importNamed, importNamespace } from './builders-module.js';

/** `--map` entries: import name (or pattern with one `*`) → specifier, optionally `#export`. */
export type ImportMap = Record<string, string>;

/** Resolves an import name through the map: `{ specifier, name? }` (name: the ES export to take). */
export function resolveImport(importName: string, externalId: string | undefined, map: ImportMap): { specifier: string; name?: string } {
  const bare = importName.replace(/@[^/@]*$/, ''); // versionless, for patterns like `wasi:cli/*`
  for (const candidate of [importName, bare]) {
    if (map[candidate] !== undefined) return split(map[candidate]!);
  }
  for (const [pattern, target] of Object.entries(map)) {
    const star = pattern.indexOf('*');
    if (star < 0) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    for (const candidate of [importName, bare]) {
      if (candidate.startsWith(prefix) && candidate.endsWith(suffix) && candidate.length >= prefix.length + suffix.length) {
        const captured = candidate.slice(prefix.length, candidate.length - suffix.length);
        return split(target.replaceAll('*', captured));
      }
    }
  }
  return { specifier: externalId ?? importName };
}

function split(target: string): { specifier: string; name?: string } {
  const hash = target.indexOf('#');
  return hash < 0 ? { specifier: target } : { specifier: target.slice(0, hash), name: target.slice(hash + 1) };
}

/** Statements after `instantiate`: ES imports, top-level instantiation, named exports. */
export function esmFace(plan: LinkPlan, info: ComponentInfo, map: ImportMap): (E.Statement | E.ModuleDeclaration)[] {
  const head: (E.Statement | E.ModuleDeclaration)[] = [];
  const props: [string, E.Expression][] = [];
  plan.imports.forEach(({ name, item }, n) => {
    const def = info.component.defs.find((d) => d.kind === 'import' && d.name.name === name);
    const externalId = def && def.kind === 'import' ? def.name.externalId : undefined;
    const { specifier, name: exportName } = resolveImport(name, externalId, map);
    const local = `import${n}`;
    if (exportName !== undefined) head.push(importNamed(local, exportName, specifier));
    else if (item.sort === 'func') head.push(importNamed(local, 'default', specifier));
    else head.push(importNamespace(local, specifier));
    props.push([jsName(name), b.id(local)]);
  });
  const body: (E.Statement | E.ModuleDeclaration)[] = [
    b.constDecl('exports', awaitExpr(b.call('instantiate', b.object(props)))),
  ];
  const pairs: [string, string][] = [];
  [...plan.exports].filter(([, item]) => item.sort === 'func' || item.sort === 'instance').forEach(([name], n) => {
    const local = `export${n}`;
    body.push(b.constDecl(local, b.member(b.id('exports'), jsName(name))));
    pairs.push([local, jsName(name)]);
  });
  if (pairs.length) body.push(exportList(pairs));
  return [...head, ...body];
}
