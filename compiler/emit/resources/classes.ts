/**
 * The JS classes of resource types (BRIEF §3). A component-defined type gets
 * a class, declared inside `instantiate` right after its run-time type (so
 * each instantiation has its own classes, as it has its own types), holding
 * the exported `[constructor]` / `[method]` / `[static]` functions:
 *
 *   const Counter = class Counter {
 *     constructor(a0) { return counter(a0); }       // the lifted [constructor]
 *     get() { return counterGet(this); }            // [method]counter.get
 *     static make(a0) { return counterMake(a0); }   // [static]counter.make
 *     [resourceDisposeSymbol]() { resourceDispose(this, counterType); }
 *   };
 *
 * Instances are made by the glue (`Object.create(Counter.prototype)`, then
 * `resourceWrapOwn`/`resourceWrapBorrow`): the constructor returns the
 * wrapper the lifted constructor built. A host-defined type's class is the
 * host's own, looked up in the imports.
 */
import type * as E from 'estree';
import { jsName, toUpperCamel } from '../../types/names.js';
import * as b from '../builders.js';
import type { EmitState } from '../module/state.js';
import { classExpr, methodDef, thisExpr } from './class-builders.js';
import type { ClassMember, ResourceClass } from './state.js';
import { resourceTypeRef } from './types.js';

/** The class of component-defined resource type `id` (declared in the output once anything refers to it). */
export function classRef(st: EmitState, id: number): E.Identifier {
  const cls = st.resources.classes.get(id);
  if (!cls) throw new Error(`canonjs internal error: resource type ${id} has no class`);
  cls.ident ??= st.locals.fresh(cls.name);
  return b.id(cls.ident);
}

/**
 * The host's class for an imported resource type at `path` (import name,
 * member names…, type name): `imports[…].TypeName`, or `Object` when the
 * host gave none (then any object is accepted).
 */
export function hostClassRef(st: EmitState, path: string[]): E.Identifier {
  const keys = hostClassKeys(path);
  // an annotated import already required the class: use that one
  const required = st.locals.lookup(`hostclass-required:${JSON.stringify(path)}`);
  if (required) return required;
  st.runtime.add('hostResourceClass');
  return st.locals.once(`hostclass:${JSON.stringify(path)}`, keys[keys.length - 1]!, () =>
    b.call('hostResourceClass', b.id('imports'), b.array(keys.map((k) => b.lit(k)))),
  );
}

/** The import keys of a host resource type: members by `jsName`, the type itself UpperCamelCase. */
export function hostClassKeys(path: string[]): string[] {
  return [...path.slice(0, -1).map(jsName), toUpperCamel(path[path.length - 1]!)];
}

/**
 * Declares every class something referred to, with its members; `member`
 * gives the JS function of an exported member. Building a class can refer
 * to further classes (through its members' types): loop until none is left.
 */
export function finishClasses(st: EmitState, member: (m: ClassMember) => E.Expression): void {
  for (let again = true; again; ) {
    again = false;
    for (const [id, cls] of st.resources.classes) {
      if (cls.ident === undefined || cls.built) continue;
      cls.built = true;
      again = true;
      Object.assign(cls.slot, b.constDecl(cls.ident, classExpr(cls.name, classMembers(st, id, cls, member))));
    }
  }
}

function classMembers(st: EmitState, id: number, cls: ResourceClass, member: (m: ClassMember) => E.Expression): E.MethodDefinition[] {
  const params = (m: ClassMember, skip: number) =>
    Array.from({ length: Math.max(0, m.func.type.params.length - skip) }, (_, i) => `a${i}`);
  const out: E.MethodDefinition[] = [];
  const ctor = cls.members.find((m) => m.kind === 'constructor');
  if (ctor) {
    const ps = params(ctor, 0);
    out.push(methodDef('constructor', ps, [b.ret(b.call(member(ctor), ...ps.map(b.id)))], { ctor: true }));
  } else {
    const message = `${cls.name} has no constructor: its instances come from the component's functions`;
    out.push(methodDef('constructor', [], [b.throwStmt(b.newExpr('TypeError', b.lit(message)))], { ctor: true }));
  }
  for (const m of cls.members) {
    if (m.kind === 'constructor') continue;
    if (m.kind === 'static' && m.name === 'prototype') continue; // a class cannot have one
    if (m.kind === 'method') {
      const ps = params(m, 1);
      out.push(methodDef(m.name, ps, [b.ret(b.call(member(m), thisExpr(), ...ps.map(b.id)))]));
    } else {
      const ps = params(m, 0);
      out.push(methodDef(m.name, ps, [b.ret(b.call(member(m), ...ps.map(b.id)))], { static: true }));
    }
  }
  st.runtime.add('resourceDispose');
  st.runtime.add('resourceDisposeSymbol');
  const rt = resourceTypeRef(st, { kind: 'defined', id, step: st.resources.steps.get(id)! });
  out.push(methodDef(b.id('resourceDisposeSymbol'), [], [b.expr(b.call('resourceDispose', thisExpr(), rt))]));
  return out;
}
