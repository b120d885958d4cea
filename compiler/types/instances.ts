/**
 * Component instance definitions (Explainer "Instance Definitions", "Type
 * Checking"; Binary.md's instantiate notes): instantiating a component
 * checks each argument against the import of that name by subtyping,
 * substituting supplied types for type imports as it goes, and gives the
 * instance the component's exports with the imports substituted and the
 * component's own resources freshened; or tupling definitions into an instance.
 */
import type { InstanceDef } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import { sortItem } from './externs.js';
import type { ExternType, InstanceType, Resource } from './model.js';
import { checkAnnotatedFunc, NameScope } from './names.js';
import { at, push, type Scope } from './scope.js';
import { freshResource } from './subst.js';
import { Matcher } from './subtype.js';

export function instanceDef(scope: Scope, def: InstanceDef): void {
  const type = def.expr.kind === 'instantiate' ? instantiate(scope, def.expr, def.offset) : bag(scope, def.expr);
  push(scope, 'instances', type, def);
}

function instantiate(scope: Scope, e: Extract<InstanceDef['expr'], { kind: 'instantiate' }>, offset: number): InstanceType {
  const component = at(scope.components, e.component, 'components', offset);
  const args = new Map<string, ExternType>();
  for (const a of e.args) {
    if (args.has(a.name)) fail('validate/duplicate-instantiate-arg', a.offset, a.name);
    args.set(a.name, sortItem(scope, a.sort, a.index, a.offset));
  }
  const m = new Matcher(component.importedResources);
  for (const [name, imp] of component.imports) {
    const arg = args.get(name);
    if (!arg) fail('validate/missing-import-arg', offset, name);
    const why = m.extern(arg, imp);
    if (why) fail('validate/type-mismatch', offset, `in instantiation argument \`${name}\``, why);
  }
  // Each instantiation makes the component's own resources anew.
  for (const r of component.exportedResources) m.subst.resources.set(r, freshResource(r));
  const exports = new Map<string, ExternType>();
  for (const [name, et] of component.exports) exports.set(name, m.subst.extern(et));
  return { kind: 'instance', exports, exportedResources: [] };
}

function bag(scope: Scope, e: Extract<InstanceDef['expr'], { kind: 'exports' }>): InstanceType {
  const names = new NameScope('export', { features: scope.options.features });
  // A bag introduces no type indices, so no resource has a name in it: an
  // annotated function (`[constructor]r`...) cannot name its resource here.
  const resources = new Map<string, Resource>();
  const exports = new Map<string, ExternType>();
  for (const x of e.exports) {
    const et = sortItem(scope, x.sort, x.index, x.offset);
    const parsed = names.add(x.name, et.kind);
    if (et.kind === 'func') checkAnnotatedFunc(parsed, et.type, resources, x.name.offset);
    exports.set(x.name.name, et);
  }
  return { kind: 'instance', exports, exportedResources: [] };
}
