/**
 * Flattening: evaluate the component's definitions at compile time, as an
 * instantiation would at run time, recording every core instantiation,
 * canonical function, value (🪙 import or definition) and start call as a
 * step. Nested components are instantiated inline; each instantiation gets
 * fresh resource types (generativity); values pass along as items.
 */
import type { Canon, CanonOpt, Definition, NestedComponentDef } from '../binary/ast.js';
import { fail } from '../errors/index.js';
import type { ComponentInfo } from '../types/validate.js';
import type { FuncType, ValType } from '../types/model.js';
import { decodeValue } from '../types/value-decode.js';
import type { CoreInstanceArg, CoreItem, Item, LinkPlan, ResolvedOpts, Step, ValueItem } from './plan.js';
import { coreSpace, hostItem, itemAt, newEnv, push, pushInstance, pushType, type Env } from './env.js';

class Linker {
  readonly plan: LinkPlan = { modules: [], steps: [], componentInstances: 0, parents: [], imports: [], exports: new Map() };
  private moduleIds = new Map<object, number>();
  private resourceSteps = new Map<number, Extract<Step, { kind: 'resource' }>>();
  private coreInstanceCount = 0;
  private nextId = 0;

  /**
   * Instantiate `info` with `args`; returns its exports. `outer` is the scope
   * the definition appeared in (for outer aliases); `creator` the component
   * instance that instantiates it (its parent at run time).
   */
  instantiate(
    info: ComponentInfo,
    args: (name: string, offset: number) => Item,
    outer: Env | undefined,
    creator: number | undefined,
  ): Map<string, Item> {
    const component = this.plan.componentInstances++;
    this.plan.parents[component] = creator;
    const env = newEnv(info, outer, component);
    const exports = new Map<string, Item>();
    for (const def of info.component.defs) this.define(env, def, args, exports);
    return exports;
  }

  private define(env: Env, def: Definition, args: (name: string, offset: number) => Item, exports: Map<string, Item>): void {
    switch (def.kind) {
      case 'core-module': {
        let id = this.moduleIds.get(def.module);
        if (id === undefined) {
          id = this.plan.modules.push(def.module) - 1;
          this.moduleIds.set(def.module, id);
        }
        env.coreModules.push(id);
        return;
      }
      case 'core-instance': {
        const expr = def.expr;
        if (expr.kind === 'exports') {
          const bag = new Map<string, CoreItem>();
          for (const e of expr.exports) bag.set(e.name, coreSpace(env, `core ${e.sort}`)[e.index]!);
          env.coreInstances.push({ kind: 'bag', exports: bag });
          return;
        }
        const instance = this.coreInstanceCount++;
        const stepArgs: { name: string; arg: CoreInstanceArg }[] = expr.args.map((a) => {
          const ref = env.coreInstances[a.instance]!;
          const arg: CoreInstanceArg =
            ref.kind === 'instance' ? ref : { kind: 'bag', exports: [...ref.exports] };
          return { name: a.name, arg };
        });
        this.plan.steps.push({ kind: 'core-instantiate', instance, module: env.coreModules[expr.module]!, args: stepArgs, offset: def.offset });
        env.coreInstances.push({ kind: 'instance', instance });
        return;
      }
      case 'core-type':
        env.coreTypes.push(null);
        return;
      case 'component': {
        const info = env.info.nested.get(def as NestedComponentDef);
        if (!info) throw new Error('canonjs internal error: nested component was not validated');
        env.components.push({ info, outer: env });
        return;
      }
      case 'instance': {
        const expr = def.expr;
        if (expr.kind === 'exports') {
          const bag = new Map<string, Item>();
          for (const e of expr.exports) {
            const item = itemAt(env, e.sort, e.index);
            this.nameResource(item, e.name.name);
            bag.set(e.name.name, item);
          }
          pushInstance(env, { kind: 'bag', exports: bag });
          return;
        }
        const target = env.components[expr.component]!;
        const given = new Map(expr.args.map((a) => [a.name, itemAt(env, a.sort, a.index)]));
        const out = this.instantiate(
          target.info,
          (name, offset) => given.get(name) ?? fail('compile/unsupported', offset, `missing instantiation argument ${name}`),
          target.outer,
          env.component,
        );
        pushInstance(env, { kind: 'bag', exports: out });
        return;
      }
      case 'alias': {
        const { sort, target } = def.alias;
        if (target.kind === 'outer') {
          let scope: Env = env;
          for (let i = 0; i < target.count; i++) scope = scope.parent!;
          push(env, sort, itemAt(scope, sort, target.index));
          return;
        }
        if (target.kind === 'core-export') {
          const ref = env.coreInstances[target.instance]!;
          const item: CoreItem =
            ref.kind === 'instance' ? { kind: 'export', instance: ref.instance, name: target.name } : ref.exports.get(target.name)!;
          coreSpace(env, sort).push(item);
          return;
        }
        const inst = env.instances[target.instance]!;
        if (inst.kind === 'bag') {
          push(env, sort, inst.exports.get(target.name)!);
          return;
        }
        const path = [...inst.path, target.name];
        // a value export of an imported instance: the host's value, checked at instantiation
        if (sort === 'value') push(env, sort, this.hostValue(path, env.info.values[env.values.length]!, def.offset));
        else push(env, sort, hostItem(env, sort, path));
        return;
      }
      case 'type': {
        if (def.type.kind === 'resource') {
          const id = this.nextId++;
          const dtor = def.type.dtor === null ? null : env.coreFuncs[def.type.dtor]!;
          const step: Step = { kind: 'resource', id, name: undefined, dtor, component: env.component, offset: def.offset };
          this.plan.steps.push(step);
          this.resourceSteps.set(id, step);
          pushType(env, { kind: 'resource', id });
        } else {
          pushType(env, { kind: 'other' });
        }
        return;
      }
      case 'canon':
        this.canon(env, def.canon);
        return;
      case 'import': {
        const item = args(def.name.name, def.offset);
        if (env.parent === undefined && env.component === 0) this.plan.imports.push({ name: def.name.name, item });
        push(env, sortOfExtern(def.type.kind), item);
        return;
      }
      case 'export': {
        const item = itemAt(env, def.sort, def.index);
        this.nameResource(item, def.name.name);
        exports.set(def.name.name, item);
        push(env, def.sort, item);
        return;
      }
      case 'value': {
        const value = this.newValue(env.info.values[env.values.length]!);
        this.plan.steps.push({ kind: 'value-def', value, decoded: decodeValue(def.bytes, value.type), offset: def.offset });
        env.values.push(value);
        return;
      }
      case 'start': {
        const func = env.funcs[def.func]!;
        const argValues = def.args.map((i) => env.values[i]!);
        const result = def.results > 0 ? this.newValue(env.info.values[env.values.length]!) : null;
        this.plan.steps.push({ kind: 'start', func, args: argValues, result, component: env.component, offset: def.offset });
        if (result) env.values.push(result);
        return;
      }
    }
  }

  private newValue(type: ValType): ValueItem {
    return { id: this.nextId++, type };
  }

  /** 🪙 A value the host passes (a root value import, or a value export of an imported instance). */
  hostValue(path: string[], type: ValType, offset: number): Item {
    const value = this.newValue(type);
    this.plan.steps.push({ kind: 'value-import', value, path, offset });
    return { sort: 'value', value };
  }

  /** The item a root import stands for: the host's function, instance, resource type or value. */
  hostImport(info: ComponentInfo, name: string, offset: number): Item {
    const i = info.type.imports.get(name);
    if (!i) return fail('compile/unsupported', offset, `import ${name}`);
    switch (i.kind) {
      case 'func':
        return { sort: 'func', func: { kind: 'host', path: [name], type: i.type } };
      case 'instance':
        return { sort: 'instance', instance: { kind: 'host', path: [name], type: i.type } };
      case 'type':
        return { sort: 'type', type: { kind: 'host-resource', path: [name] } };
      case 'value':
        return this.hostValue([name], i.type, offset);
    }
    return fail('compile/unsupported', offset, `importing a ${i.kind} (${name}) from the host`);
  }

  /** A resource type is named, for messages and JS classes, after the first name it is exported under. */
  private nameResource(item: Item, name: string): void {
    if (item.sort !== 'type' || item.type.kind !== 'resource') return;
    const step = this.resourceSteps.get(item.type.id);
    if (step && step.name === undefined) step.name = name;
  }

  private canon(env: Env, canon: Canon): void {
    const opts = this.opts(env, canon.opts ?? []);
    const id = this.nextId++;
    if (canon.name === 'lift') {
      const type = env.info.types[canon.type!] as FuncType;
      const core = env.coreFuncs[canon.func!]!;
      this.plan.steps.push({ kind: 'lift', id, core, type, opts, component: env.component, resources: env.resources, offset: canon.offset });
      env.funcs.push({ kind: 'lifted', id, type });
      return;
    }
    if (canon.name === 'lower') {
      const callee = env.funcs[canon.func!]!;
      // the lowering component's view of the type: its resources are the ones `env.resources` knows
      const type = env.info.funcs[canon.func!] ?? callee.type;
      this.plan.steps.push({ kind: 'lower', id, callee, type, opts, component: env.component, resources: env.resources, offset: canon.offset });
      env.coreFuncs.push({ kind: 'canon', id });
      return;
    }
    const step: Step = { kind: 'builtin', id, canon, opts, component: env.component, offset: canon.offset };
    // waitable-set.wait/poll name their memory by an immediate, not a canonopt
    if (canon.memory !== undefined) opts.memory = env.coreMemories[canon.memory];
    if (canon.memory !== undefined && env.info.coreMemories[canon.memory]?.memory64) opts.ptrType = 'i64';
    if (canon.table !== undefined) step.table = env.coreTables[canon.table];
    if (canon.type !== undefined && canon.name.startsWith('resource.')) step.resource = env.types[canon.type];
    this.plan.steps.push(step);
    env.coreFuncs.push({ kind: 'canon', id });
  }

  private opts(env: Env, list: CanonOpt[]): ResolvedOpts {
    const opts: ResolvedOpts = { stringEncoding: 'utf8', async: false };
    for (const o of list) {
      switch (o.name) {
        case 'utf8':
        case 'utf16':
        case 'latin1+utf16':
          opts.stringEncoding = o.name;
          break;
        case 'memory':
          opts.memory = env.coreMemories[o.index!];
          if (env.info.coreMemories[o.index!]?.memory64) opts.ptrType = 'i64';
          break;
        case 'realloc':
          opts.realloc = env.coreFuncs[o.index!];
          break;
        case 'post-return':
          opts.postReturn = env.coreFuncs[o.index!];
          break;
        case 'callback':
          opts.callback = env.coreFuncs[o.index!];
          break;
        case 'async':
          opts.async = true;
          break;
      }
    }
    return opts;
  }

}

function sortOfExtern(kind: string): string {
  return kind === 'module' ? 'core module' : kind;
}

/** Flatten a validated root component into a link plan. */
export function link(info: ComponentInfo): LinkPlan {
  const linker = new Linker();
  const exports = linker.instantiate(info, (name, offset) => linker.hostImport(info, name, offset), undefined, undefined);
  linker.plan.exports = exports;
  return linker.plan;
}
