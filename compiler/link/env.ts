/**
 * The index spaces of one component instance while the linker evaluates it:
 * what each func, instance, type, core item… index stands for at run time.
 */
import type { ComponentInfo } from '../types/validate.js';
import { fail } from '../errors/index.js';
import type { CoreItem, FuncItem, InstanceItem, Item, TypeItem, ValueItem } from './plan.js';
import { bindInstance, bindType, type ResourceMap } from './resources.js';

/** A core instance at link time: a real instantiation, or a bag of items. */
export type CoreInstanceRef = { kind: 'instance'; instance: number } | { kind: 'bag'; exports: Map<string, CoreItem> };

export interface ComponentRef {
  info: ComponentInfo;
  outer: Env;
}

/** The index spaces of one component instance being evaluated. */
export interface Env {
  info: ComponentInfo;
  parent: Env | undefined;
  component: number;
  coreModules: number[];
  coreInstances: CoreInstanceRef[];
  coreFuncs: CoreItem[];
  coreTables: CoreItem[];
  coreMemories: CoreItem[];
  coreGlobals: CoreItem[];
  coreTags: CoreItem[];
  coreTypes: null[];
  funcs: FuncItem[];
  types: TypeItem[];
  instances: InstanceItem[];
  components: ComponentRef[];
  values: ValueItem[];
  /** the run-time resource type behind each validator resource this instance can name */
  resources: ResourceMap;
}

export function newEnv(info: ComponentInfo, parent: Env | undefined, component: number): Env {
  return {
    info,
    parent,
    component,
    coreModules: [],
    coreInstances: [],
    coreFuncs: [],
    coreTables: [],
    coreMemories: [],
    coreGlobals: [],
    coreTags: [],
    coreTypes: [],
    funcs: [],
    types: [],
    instances: [],
    components: [],
    values: [],
    resources: new Map(),
  };
}

export function pushType(env: Env, item: TypeItem): void {
  const def = env.info.types[env.types.length];
  // a type the instance already knows (an `eq` import, a re-aliased export) keeps its first binding
  const known = def?.kind === 'resource' ? env.resources.get(def) : undefined;
  bindType(env.resources, def, item);
  env.types.push(known ?? item);
}

export function pushInstance(env: Env, item: InstanceItem): void {
  bindInstance(env.resources, env.info.instances[env.instances.length], item);
  env.instances.push(item);
}

export function coreSpace(env: Env, sort: string): CoreItem[] {
  switch (sort) {
    case 'core func':
      return env.coreFuncs;
    case 'core table':
      return env.coreTables;
    case 'core memory':
      return env.coreMemories;
    case 'core global':
      return env.coreGlobals;
    case 'core tag':
      return env.coreTags;
  }
  throw new Error(`canonjs internal error: ${sort} is not a core item sort`);
}

/** The item at `index` of `sort` in `env`. */
export function itemAt(env: Env, sort: string, index: number): Item {
  switch (sort) {
    case 'func':
      return { sort: 'func', func: env.funcs[index]! };
    case 'instance':
      return { sort: 'instance', instance: env.instances[index]! };
    case 'type':
      return { sort: 'type', type: env.types[index]! };
    case 'core module':
      return { sort: 'core module', module: env.coreModules[index]! };
    case 'component':
      return { sort: 'component', component: env.components[index]! };
    case 'value':
      return { sort: 'value', value: env.values[index]! };
    case 'core type':
      return { sort: 'type', type: { kind: 'other' } };
  }
  throw new Error(`canonjs internal error: cannot link a ${sort} item`);
}

/** Appends `item` to the `sort` index space of `env`. */
export function push(env: Env, sort: string, item: Item): void {
  switch (item.sort) {
    case 'func':
      env.funcs.push(item.func);
      return;
    case 'instance':
      pushInstance(env, item.instance);
      return;
    case 'type':
      if (sort === 'core type') env.coreTypes.push(null);
      else pushType(env, item.type);
      return;
    case 'core module':
      env.coreModules.push(item.module);
      return;
    case 'component':
      env.components.push(item.component as ComponentRef);
      return;
    case 'value':
      env.values.push(item.value);
      return;
  }
}

/** An item reached through a host import path. Its type comes from the validator's index spaces. */
export function hostItem(env: Env, sort: string, path: string[]): Item {
  switch (sort) {
    case 'func':
      return { sort: 'func', func: { kind: 'host', path, type: env.info.funcs[env.funcs.length]! } };
    case 'instance':
      return { sort: 'instance', instance: { kind: 'host', path, type: env.info.instances[env.instances.length]! } };
    case 'type':
      return { sort: 'type', type: { kind: 'host-resource', path } };
  }
  return fail('compile/unsupported', undefined, `importing a ${sort} from the host`);
}
