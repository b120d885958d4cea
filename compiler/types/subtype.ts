/**
 * Component-level type checking (Explainer "Type Checking"): value and
 * function types are compared structurally (resources by identity); instance,
 * component and module types by subtyping (more exports, fewer imports).
 *
 * A `Matcher` may bind resource variables on the expected side (the
 * `(sub resource)` imports of a component being instantiated, the abstract
 * exports of an expected instance or component type) to the actual
 * resources as it meets them; what it binds, and the named types and
 * visibility tokens the expected side's type imports stand for, accumulate
 * in `subst` for instantiation to apply to the exports.
 */
import { moduleSubtype } from './core-match.js';
import { isResource, isValType } from './kinds.js';
import type { ComponentType, ExternType, FuncType, InstanceType, Resource, TypeDefinition, ValType } from './model.js';
import { Subst } from './subst.js';
import { tokenOf } from './tokens.js';

/** A reason two types do not match, or null when they do. */
export type Why = string | null;

const describe = (t: ValType): string => {
  switch (t.kind) {
    case 'bool': case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32':
    case 's64': case 'u64': case 'f32': case 'f64': case 'char': case 'string': case 'error-context':
      return `primitive \`${t.kind}\``;
    default:
      return t.kind;
  }
};

export class Matcher {
  readonly subst = new Subst();
  private readonly vars = new Set<Resource>();

  constructor(vars: Iterable<Resource> = []) {
    for (const r of vars) this.vars.add(r);
  }

  resource(a: Resource, e: Resource): Why {
    const actual = this.subst.resource(a);
    if (this.vars.has(e) && !this.subst.resources.has(e)) {
      this.subst.resources.set(e, actual);
      return null;
    }
    return actual === this.subst.resource(e) ? null : 'resource types are not the same';
  }

  val(a: ValType, e: ValType): Why {
    if (a === e && this.subst.empty) return null;
    if (a.kind !== e.kind) {
      if (describe(e).startsWith('primitive') && describe(a).startsWith('primitive')) {
        return `expected ${describe(e)} found ${describe(a)}`;
      }
      return `expected ${describe(e).startsWith('primitive') ? 'primitive' : e.kind}, found ${a.kind}`;
    }
    switch (e.kind) {
      case 'record': {
        const x = a as typeof e;
        if (x.fields.length !== e.fields.length) return `expected ${e.fields.length} fields, found ${x.fields.length}`;
        for (let i = 0; i < e.fields.length; i++) {
          const f = e.fields[i]!;
          const g = x.fields[i]!;
          if (f.name !== g.name) return `expected field name \`${f.name}\`, found \`${g.name}\``;
          const why = this.val(g.type, f.type);
          if (why) return `type mismatch in record field \`${f.name}\`: ${why}`;
        }
        return null;
      }
      case 'variant': {
        const x = a as typeof e;
        if (x.cases.length !== e.cases.length) return `expected ${e.cases.length} cases, found ${x.cases.length}`;
        for (let i = 0; i < e.cases.length; i++) {
          const c = e.cases[i]!;
          const d = x.cases[i]!;
          if (c.name !== d.name) return `expected case named \`${c.name}\`, found \`${d.name}\``;
          if (c.type && !d.type) return `expected case \`${c.name}\` to have a type, found none`;
          if (!c.type && d.type) return `expected case \`${c.name}\` to have no type`;
          const why = c.type && d.type && this.val(d.type, c.type);
          if (why) return `type mismatch in variant case \`${c.name}\`: ${why}`;
        }
        return null;
      }
      case 'list': {
        const x = a as typeof e;
        if (x.length !== e.length) return `expected list length ${e.length ?? 'none'}, found ${x.length ?? 'none'}`;
        const why = this.val(x.element, e.element);
        return why && `type mismatch in list element: ${why}`;
      }
      case 'tuple': {
        const x = a as typeof e;
        if (x.types.length !== e.types.length) return `expected ${e.types.length} types, found ${x.types.length}`;
        for (let i = 0; i < e.types.length; i++) {
          const why = this.val(x.types[i]!, e.types[i]!);
          if (why) return `type mismatch in tuple field ${i}: ${why}`;
        }
        return null;
      }
      case 'flags':
      case 'enum': {
        const x = a as typeof e;
        const same = x.names.length === e.names.length && x.names.every((n, i) => n === e.names[i]);
        return same ? null : `mismatch in ${e.kind} elements`;
      }
      case 'option': {
        const why = this.val((a as typeof e).type, e.type);
        return why && `type mismatch in option: ${why}`;
      }
      case 'result': {
        const x = a as typeof e;
        for (const [side, name] of [['ok', 'ok'], ['err', 'err']] as const) {
          const p = e[side];
          const q = x[side];
          if (!p && q) return `expected ${name} type to not be present`;
          if (p && !q) return `expected ${name} type, but found none`;
          const why = p && q && this.val(q, p);
          if (why) return `type mismatch in ${name} variant: ${why}`;
        }
        return null;
      }
      case 'own':
      case 'borrow':
        return this.resource((a as typeof e).resource, e.resource);
      case 'stream':
      case 'future': {
        const x = a as typeof e;
        if (!e.element && x.element) return `expected ${e.kind} type to not be present`;
        if (e.element && !x.element) return `expected ${e.kind} type, but found none`;
        const why = e.element && x.element && this.val(x.element, e.element);
        return why && `type mismatch in ${e.kind}: ${why}`;
      }
      case 'map': {
        const x = a as typeof e;
        return this.val(x.key, e.key) ?? this.val(x.value, e.value);
      }
      default:
        return null;
    }
  }

  func(a: FuncType, e: FuncType): Why {
    if (a.async !== e.async) return e.async ? 'expected an async function, found a sync one' : 'expected a sync function, found an async one';
    if (a.params.length !== e.params.length) return `expected ${e.params.length} parameters, found ${a.params.length}`;
    for (let i = 0; i < e.params.length; i++) {
      const p = e.params[i]!;
      const q = a.params[i]!;
      if (p.name !== q.name) return `expected parameter named \`${p.name}\`, found \`${q.name}\``;
      const why = this.val(q.type, p.type);
      if (why) return `type mismatch in function parameter \`${p.name}\`: ${why}`;
    }
    if (e.result && !a.result) return 'expected a result, found none';
    if (!e.result && a.result) return 'expected no result, found one';
    const why = e.result && a.result && this.val(a.result, e.result);
    return why && `type mismatch with result type: ${why}`;
  }

  typeDef(a: TypeDefinition, e: TypeDefinition): Why {
    if (isResource(e)) return isResource(a) ? this.resource(a, e) : 'expected resource, found defined type';
    if (isResource(a)) return 'expected defined type, found resource';
    if (isValType(e)) {
      if (!isValType(a)) return `expected defined type, found ${a.kind} type`;
      const why = this.val(a, e);
      // The expected side's named type now stands for the actual one.
      if (!why && a !== e) this.subst.types.set(e, a);
      return why;
    }
    if (a.kind !== e.kind) return `expected ${e.kind} type, found ${isValType(a) ? 'defined' : a.kind} type`;
    switch (e.kind) {
      case 'func':
        return this.func(a as FuncType, e);
      case 'instance':
        return this.instance(a as InstanceType, e);
      case 'component':
        return this.component(a as ComponentType, e);
    }
  }

  extern(a: ExternType, e: ExternType): Why {
    if (a.kind !== e.kind) return `expected ${e.kind}, found ${a.kind}`;
    switch (e.kind) {
      case 'module':
        return moduleSubtype((a as typeof e).type, e.type);
      case 'func':
        return this.func((a as typeof e).type, e.type);
      case 'value':
        return this.val((a as typeof e).type, e.type);
      case 'type': {
        const why = this.typeDef((a as typeof e).type, e.type);
        if (!why && isResource(e.type)) this.subst.tokens.set(tokenOf(e), tokenOf(a));
        return why;
      }
      case 'instance':
        return this.instance((a as typeof e).type, e.type);
      case 'component':
        return this.component((a as typeof e).type, e.type);
    }
  }

  instance(a: InstanceType, e: InstanceType): Why {
    for (const r of e.exportedResources) this.vars.add(r);
    for (const [name, et] of e.exports) {
      const got = a.exports.get(name);
      if (!got) return `missing expected export \`${name}\``;
      const why = this.extern(got, et);
      if (why) return `type mismatch in instance export \`${name}\`: ${why}`;
    }
    return null;
  }

  component(a: ComponentType, e: ComponentType): Why {
    for (const r of a.importedResources) this.vars.add(r);
    for (const r of e.exportedResources) this.vars.add(r);
    // Contravariant imports: what `e`'s importer supplies must satisfy `a`.
    for (const [name, et] of a.imports) {
      const supplied = e.imports.get(name);
      if (!supplied) return `missing expected import \`${name}\``;
      const why = this.extern(supplied, et);
      if (why) return `type mismatch in import \`${name}\`: ${why}`;
    }
    for (const [name, et] of e.exports) {
      const got = a.exports.get(name);
      if (!got) return `missing expected export \`${name}\``;
      const why = this.extern(got, et);
      if (why) return `type mismatch in export \`${name}\`: ${why}`;
    }
    return null;
  }
}
