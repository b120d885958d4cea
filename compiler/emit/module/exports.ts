/**
 * The object `instantiate` returns: the root's exports, keyed by their JS
 * names (BRIEF §3). Resource types are classes (UpperCamelCase keys); the
 * `[constructor]`/`[method]`/`[static]` functions of a component-defined
 * resource type are members of its class, not keys.
 */
import type * as E from 'estree';
import type { FuncItem, Item } from '../../link/plan.js';
import { jsName, toLowerCamel, toUpperCamel } from '../../types/names.js';
import * as b from '../builders.js';
import { classRef, finishClasses, hostClassRef, parseAnnotated, resourceIdIn, type ClassMember } from '../resources/index.js';
import { hostFunction, hostObject } from './items.js';
import { ancestors, type EmitState } from './state.js';
import { liftFunction, type Lifts } from './steps.js';
import { valueRef } from '../component-values/index.js';

export function exportsObject(st: EmitState, lifts: Lifts, exports: Map<string, Item>): E.ObjectExpression {
  const props: [string, E.Expression][] = [];
  for (const [name, item] of exports) {
    if (!isExported(exports, name, item)) continue;
    const value = exportValue(st, lifts, name, item);
    if (value) props.push([exportKey(name, item), value]);
  }
  return b.object(props);
}

/** The keys of the object `exportsObject` builds for `exports` (for the ESM face's named exports). */
export function exportKeys(exports: Map<string, Item>): string[] {
  return [...exports].filter(([name, item]) => isExported(exports, name, item)).map(([name, item]) => exportKey(name, item));
}

const exportKey = (name: string, item: Item): string => (item.sort === 'type' ? toUpperCamel(name) : jsName(name));

/** Functions (but not class members), instances, resource types and values (🪙) become keys. */
function isExported(exports: Map<string, Item>, name: string, item: Item): boolean {
  switch (item.sort) {
    case 'func':
      return !isClassMember(exports, name);
    case 'instance':
      return true;
    case 'type':
      return item.type.kind !== 'other';
    case 'value':
      return true;
    default:
      return false;
  }
}

/** Declares the classes of the resource types the output uses, with their member functions. */
export function finishExports(st: EmitState, lifts: Lifts): void {
  finishClasses(st, (m: ClassMember) => exportedFunction(st, lifts, memberName(m), m.func));
}

/** `[method]r.f` where `r` is a component-defined resource exported beside it. */
function isClassMember(exports: Map<string, Item>, name: string): boolean {
  const a = parseAnnotated(name);
  return a !== null && resourceIdIn(exports, a.resource) !== undefined;
}

/** `counterGet` for `[method]counter.get`, `counterConstructor` for `[constructor]counter`. */
function memberName(m: ClassMember): string {
  const a = parseAnnotated(m.exportName)!;
  return toLowerCamel(a.resource) + (a.label === undefined ? 'Constructor' : toUpperCamel(a.label));
}

function exportedFunction(st: EmitState, lifts: Lifts, name: string, f: FuncItem): E.Expression {
  if (f.kind === 'host') return hostFunction(st, f.path, f.type);
  const step = lifts.byId.get(f.id)!;
  // called by the host: enters the lifting instance and all its ancestors
  return liftFunction(st, step, ancestors(st.plan, step.component), name.replace(/\W/g, '_'));
}

function exportValue(st: EmitState, lifts: Lifts, name: string, item: Item): E.Expression | null {
  switch (item.sort) {
    case 'func':
      return exportedFunction(st, lifts, jsName(name), item.func);
    case 'instance': {
      const inst = item.instance;
      if (inst.kind === 'host') return hostObject(st, inst.path);
      return exportsObject(st, lifts, inst.exports);
    }
    case 'type':
      if (item.type.kind === 'resource') return classRef(st, item.type.id);
      if (item.type.kind === 'host-resource') return hostClassRef(st, item.type.path);
      return null;
    case 'value':
      return valueRef(st, item.value);
    default:
      // core modules, components
      return null;
  }
}
