/**
 * Substitution over resolved types: replacing resources (instantiation
 * supplies imported ones and freshens exported ones; importing an instance
 * type freshens its abstract ones), along with the visibility identities
 * that go with them (tokens, named value types). Unchanged parts keep their
 * identity, so a type without anything to substitute comes back as is.
 */
import type { ComponentType, ExternType, FuncType, InstanceType, Resource, TypeDefinition, ValType } from './model.js';
import { handleToken, setHandleToken, setTokenOf, tokenOf } from './tokens.js';

let nextResourceId = 1;

/** A new resource, distinct from every other. */
export function newResource(init: Omit<Resource, 'kind' | 'id'>): Resource {
  return { kind: 'resource', id: nextResourceId++, ...init };
}

/**
 * A fresh abstract resource standing for `r` in one instance (a new
 * identity; same name and representation). Its destructor, if any, belongs
 * to the instance, not to the scope that sees the new resource.
 */
export function freshResource(r: Resource): Resource {
  return newResource({ ...(r.name === undefined ? {} : { name: r.name }), origin: 'abstract', ...(r.rep ? { rep: r.rep } : {}) });
}

export class Subst {
  readonly resources = new Map<Resource, Resource>();
  /** visibility tokens: old → new */
  readonly tokens = new Map<object, object>();
  /** value types: replaced named types (type imports), and memoized rebuilds */
  readonly types = new Map<ValType, ValType>();
  private readonly funcs = new Map<FuncType, FuncType>();
  private readonly instances = new Map<InstanceType, InstanceType>();
  private readonly components = new Map<ComponentType, ComponentType>();

  resource(r: Resource): Resource {
    return this.resources.get(r) ?? r;
  }

  token(t: object | undefined): object | undefined {
    return t && (this.tokens.get(t) ?? t);
  }

  get empty(): boolean {
    return this.resources.size === 0 && this.tokens.size === 0 && this.types.size === 0;
  }

  val(t: ValType): ValType {
    const hit = this.types.get(t);
    if (hit) return hit;
    const out = this.rebuild(t);
    if (out !== t) this.types.set(t, out);
    return out;
  }

  private rebuild(t: ValType): ValType {
    switch (t.kind) {
      case 'own':
      case 'borrow': {
        const resource = this.resource(t.resource);
        const token = handleToken(t);
        const newToken = this.token(token);
        if (resource === t.resource && newToken === token) return t;
        const out: ValType = { ...t, resource };
        setHandleToken(out, newToken);
        return out;
      }
      case 'record': {
        const fields = t.fields.map((f) => ({ name: f.name, type: this.val(f.type) }));
        return fields.some((f, i) => f.type !== t.fields[i]!.type) ? { ...t, fields } : t;
      }
      case 'variant': {
        const cases = t.cases.map((c) => ({ name: c.name, type: c.type && this.val(c.type) }));
        return cases.some((c, i) => c.type !== t.cases[i]!.type) ? { ...t, cases } : t;
      }
      case 'tuple': {
        const types = t.types.map((x) => this.val(x));
        return types.some((x, i) => x !== t.types[i]) ? { ...t, types } : t;
      }
      case 'list': {
        const element = this.val(t.element);
        return element !== t.element ? { ...t, element } : t;
      }
      case 'option': {
        const type = this.val(t.type);
        return type !== t.type ? { ...t, type } : t;
      }
      case 'result': {
        const ok = t.ok && this.val(t.ok);
        const err = t.err && this.val(t.err);
        return ok !== t.ok || err !== t.err ? { ...t, ok, err } : t;
      }
      case 'stream':
      case 'future': {
        const element = t.element && this.val(t.element);
        return element !== t.element ? { ...t, element } : t;
      }
      case 'map': {
        const key = this.val(t.key);
        const value = this.val(t.value);
        return key !== t.key || value !== t.value ? { ...t, key, value } : t;
      }
      default:
        return t;
    }
  }

  func(f: FuncType): FuncType {
    let out = this.funcs.get(f);
    if (out) return out;
    const params = f.params.map((p) => ({ name: p.name, type: this.val(p.type) }));
    const result = f.result && this.val(f.result);
    out = params.some((p, i) => p.type !== f.params[i]!.type) || result !== f.result ? { ...f, params, result } : f;
    this.funcs.set(f, out);
    return out;
  }

  typeDef(t: TypeDefinition): TypeDefinition {
    switch (t.kind) {
      case 'resource':
        return this.resource(t);
      case 'func':
        return this.func(t);
      case 'instance':
        return this.instance(t);
      case 'component':
        return this.component(t);
      default:
        return this.val(t);
    }
  }

  extern(et: ExternType): ExternType {
    switch (et.kind) {
      case 'module':
        return et;
      case 'func': {
        const type = this.func(et.type);
        return type === et.type ? et : { kind: 'func', type };
      }
      case 'value': {
        const type = this.val(et.type);
        return type === et.type ? et : { kind: 'value', type };
      }
      case 'instance': {
        const type = this.instance(et.type);
        return type === et.type ? et : { kind: 'instance', type };
      }
      case 'component': {
        const type = this.component(et.type);
        return type === et.type ? et : { kind: 'component', type };
      }
      case 'type': {
        const type = this.typeDef(et.type);
        const token = tokenOf(et);
        const mapped = this.tokens.get(token);
        if (type === et.type && !mapped) return et;
        const out: ExternType = { kind: 'type', type };
        // The new export is named by what the old one mapped to, or is itself
        // the new name of the old one.
        if (mapped) setTokenOf(out, mapped);
        else this.tokens.set(token, out);
        return out;
      }
    }
  }

  instance(t: InstanceType): InstanceType {
    let out = this.instances.get(t);
    if (out) return out;
    const exports = new Map<string, ExternType>();
    let changed = false;
    for (const [name, et] of t.exports) {
      const n = this.extern(et);
      changed ||= n !== et;
      exports.set(name, n);
    }
    const exportedResources = t.exportedResources.map((r) => this.resource(r));
    changed ||= exportedResources.some((r, i) => r !== t.exportedResources[i]);
    out = changed ? { kind: 'instance', exports, exportedResources } : t;
    this.instances.set(t, out);
    return out;
  }

  component(t: ComponentType): ComponentType {
    let out = this.components.get(t);
    if (out) return out;
    const map = (m: Map<string, ExternType>): [Map<string, ExternType>, boolean] => {
      const res = new Map<string, ExternType>();
      let changed = false;
      for (const [name, et] of m) {
        const n = this.extern(et);
        changed ||= n !== et;
        res.set(name, n);
      }
      return [res, changed];
    };
    const [imports, ci] = map(t.imports);
    const [exports, ce] = map(t.exports);
    out = ci || ce ? { ...t, imports, exports } : t;
    this.components.set(t, out);
    return out;
  }
}

/**
 * An instance type with its abstract (`sub resource`) exports replaced by
 * fresh resources, for one import or export of an instance of that type.
 * The fresh resources are returned to be bound by the enclosing scope.
 */
export function freshenInstance(t: InstanceType): { type: InstanceType; fresh: Resource[] } {
  if (t.exportedResources.length === 0) return { type: t, fresh: [] };
  const s = new Subst();
  const fresh = t.exportedResources.map((r) => {
    const n = freshResource(r);
    s.resources.set(r, n);
    return n;
  });
  const type = s.instance(t);
  return { type: { ...type, exportedResources: [] }, fresh };
}
