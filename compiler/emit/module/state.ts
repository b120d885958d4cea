/**
 * What the module emitter carries while it walks the link plan: the names
 * declared in `instantiate`, the runtime pieces used, the module-level
 * hoisted constants, and which instance bookkeeping the store needs.
 */
import type * as E from 'estree';
import type { LinkPlan } from '../../link/plan.js';
import type { ComponentInfo } from '../../types/validate.js';
import { funcResources } from '../../types/walk.js';
import type { Resource } from '../../types/model.js';
import * as b from '../builders.js';
import type { RuntimeHelper } from '../runtime-helpers.js';
import { createResourceState, type ResourceState } from '../resources/state.js';
import { Locals } from './locals.js';
import { planUsesAsync, setAsyncImports } from '../async/uses.js';
import { planSuspension, type SuspendPlan } from '../async/suspend.js';

export interface EmitState {
  plan: LinkPlan;
  info: ComponentInfo;
  /** what the source map calls the component binary */
  sourceName: string;
  locals: Locals;
  /** runtime declarations the output uses */
  runtime: Set<string>;
  /** module-level constants hoisted by the value emitter */
  hoisted: E.VariableDeclaration[];
  hoistKeys: Map<unknown, E.Identifier>;
  helpers: Set<RuntimeHelper>;
  /** component instances whose `may_leave` is checked (they lower imports) */
  leaveTracked: Set<number>;
  /** whether any call can re-enter the store (there is at least one lowered import) */
  reentrance: boolean;
  /**
   * Component instances are run-time `ComponentInstance` objects (`inst<i>`,
   * with their handle tables, sharing `store`) because the plan uses
   * resources; otherwise plain `let` flags (`enter<i>`, `leave<i>`,
   * `poisoned`) keep components without handles free of that runtime.
   */
  objects: boolean;
  /** resource types, classes and host objects (compiler/emit/resources) */
  resources: ResourceState;
  /** the core instances that need stack switching (compiler/emit/async/suspend.ts) */
  suspend: SuspendPlan;
}

export function createState(plan: LinkPlan, info: ComponentInfo, sourceName: string, asyncImports: readonly string[] = []): EmitState {
  setAsyncImports(plan, asyncImports);
  const leaveTracked = new Set<number>();
  for (const step of plan.steps) if (step.kind === 'lower' || step.kind === 'builtin') leaveTracked.add(step.component);
  // the async runtime keeps its state (tasks, waitables, the scheduler) on run-time instances
  const objects = usesResources(plan) || planUsesAsync(plan);
  const instances = Array.from({ length: plan.componentInstances }, (_, i) => instanceName(i));
  const suspend = planSuspension(plan, asyncImports);
  const stackNames = suspend.instances.size ? ['stackMode', ...[...suspend.instances.keys()].map((i) => `suspender${i}`)] : [];
  return {
    plan,
    info,
    sourceName,
    locals: new Locals(['imports', 'options', 'poisoned', 'load', 'store', ...instances, ...stackNames]),
    runtime: new Set(),
    hoisted: [],
    hoistKeys: new Map(),
    helpers: new Set(),
    leaveTracked,
    reentrance: plan.steps.some((s) => s.kind === 'lower'),
    objects,
    resources: createResourceState(plan),
    suspend,
  };
}

/** Does the plan define or use resource types (so instances need handle tables)? */
function usesResources(plan: LinkPlan): boolean {
  const found = new Set<Resource>();
  for (const s of plan.steps) {
    if (s.kind === 'resource' || (s.kind === 'builtin' && s.canon.name.startsWith('resource.'))) return true;
    if (s.kind === 'lift' || s.kind === 'lower') funcResources(s.type, found);
  }
  return found.size > 0;
}

/** The instance and its ancestors: the spec's `self_and_ancestors()`. */
export function ancestors(plan: LinkPlan, instance: number): number[] {
  const out: number[] = [];
  for (let i: number | undefined = instance; i !== undefined; i = plan.parents[i]) out.push(i);
  return out;
}

/** Name of the `may_enter` flag of a component instance (without instance objects). */
export const enterFlag = (instance: number) => `enter${instance}`;
/** Name of the `may_leave` flag of a component instance (without instance objects). */
export const leaveFlag = (instance: number) => `leave${instance}`;
/** Name of the `ComponentInstance` object of a component instance. */
export const instanceName = (instance: number) => `inst${instance}`;

/** The `ComponentInstance` of plan instance `i` (only with `st.objects`). */
export const instanceRef = (i: number): E.Identifier => b.id(instanceName(i));

/** The instance's `may_enter` flag, as something to read or assign. */
export const enterRef = (st: EmitState, i: number): E.Identifier | E.MemberExpression =>
  st.objects ? b.member(instanceRef(i), 'mayEnter') : b.id(enterFlag(i));

/** The instance's `may_leave` flag, as something to read or assign. */
export const leaveRef = (st: EmitState, i: number): E.Identifier | E.MemberExpression =>
  st.objects ? b.member(instanceRef(i), 'mayLeave') : b.id(leaveFlag(i));

/** The store's poisoned flag, as something to read or assign. */
export const poisonedRef = (st: EmitState): E.Identifier | E.MemberExpression =>
  st.objects ? b.member(b.id('store'), 'poisoned') : b.id('poisoned');
