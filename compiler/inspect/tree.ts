/**
 * The structure of a component as `inspect` shows it: nested components,
 * core modules and the instances made of them, in binary order, numbered by
 * their index spaces (imports, aliases and exports take indices too, so the
 * numbers match what `instantiate module 2` refers to).
 */
import type { Component, Definition } from '../binary/ast.js';
import type { Sort } from '../binary/opcodes.js';
import { coreModuleInfo, type CoreModuleInfo } from './core-module.js';

export type TreeNode = ComponentNode | ModuleNode | CoreInstanceNode | InstanceNode;

export interface ComponentNode {
  kind: 'component';
  /** index in the parent's component index space (absent for the outermost) */
  index?: number;
  name?: string;
  offset: number;
  size: number;
  children: TreeNode[];
}

export interface ModuleNode extends CoreModuleInfo {
  kind: 'core-module';
  index: number;
  offset: number;
}

export interface CoreInstanceNode {
  kind: 'core-instance';
  index: number;
  name?: string;
  /** instantiate core module `module` with these argument names, or a bag of exports */
  of: { module: number; args: string[] } | { exports: string[] };
}

export interface InstanceNode {
  kind: 'instance';
  index: number;
  name?: string;
  of: { component: number; args: string[] } | { exports: string[] };
}

/** Index spaces the tree numbers. */
type Space = 'core module' | 'component' | 'instance' | 'core instance';
const SPACES: readonly Space[] = ['core module', 'component', 'instance', 'core instance'];

export function componentTree(c: Component, index?: number, name?: string): ComponentNode {
  const next = new Map<Space, number>(SPACES.map((s) => [s, 0]));
  const take = (s: Space) => {
    const i = next.get(s)!;
    next.set(s, i + 1);
    return i;
  };
  const nameOf = (sort: Sort, i: number) => c.names?.sorts.find((s) => s.sort === sort)?.names.get(i);
  const named = (n: string | undefined) => (n === undefined ? {} : { name: n });

  const children: TreeNode[] = [];
  for (const def of c.defs) {
    switch (def.kind) {
      case 'core-module': {
        const i = take('core module');
        const info = coreModuleInfo(def.module);
        children.push({ kind: 'core-module', index: i, offset: def.module.offset, ...info, ...named(nameOf('core module', i) ?? info.name) });
        break;
      }
      case 'component': {
        const i = take('component');
        children.push(componentTree(def.component, i, nameOf('component', i)));
        break;
      }
      case 'core-instance': {
        const i = take('core instance');
        const e = def.expr;
        const of = e.kind === 'instantiate' ? { module: e.module, args: e.args.map((a) => a.name) } : { exports: e.exports.map((x) => x.name) };
        children.push({ kind: 'core-instance', index: i, ...named(nameOf('core instance', i)), of });
        break;
      }
      case 'instance': {
        const i = take('instance');
        const e = def.expr;
        const of = e.kind === 'instantiate' ? { component: e.component, args: e.args.map((a) => a.name) } : { exports: e.exports.map((x) => x.name.name) };
        children.push({ kind: 'instance', index: i, ...named(nameOf('instance', i)), of });
        break;
      }
      default: {
        const s = spaceOf(def);
        if (s !== undefined) take(s);
      }
    }
  }
  return { kind: 'component', ...(index === undefined ? {} : { index }), ...named(name ?? c.names?.component), offset: c.offset, size: c.end - c.offset, children };
}

/** The index space an import, alias or export adds to (only the spaces the tree numbers). */
function spaceOf(def: Definition): Space | undefined {
  let sort: string | undefined;
  if (def.kind === 'import') sort = { module: 'core module', component: 'component', instance: 'instance' }[def.type.kind as string];
  else if (def.kind === 'alias') sort = def.alias.sort;
  else if (def.kind === 'export') sort = def.sort;
  return SPACES.find((s) => s === sort);
}

/** Every core module in the tree (nested ones too), outermost first. */
export function allModules(node: ComponentNode): ModuleNode[] {
  return node.children.flatMap((n) => (n.kind === 'core-module' ? [n] : n.kind === 'component' ? allModules(n) : []));
}

/** Every nested component in the tree (not the root), outermost first. */
export function allComponents(node: ComponentNode): ComponentNode[] {
  return node.children.flatMap((n) => (n.kind === 'component' ? [n, ...allComponents(n)] : []));
}
