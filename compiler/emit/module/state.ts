/**
 * What the module emitter carries while it walks the link plan: the names
 * declared in `instantiate`, the runtime pieces used, the module-level
 * hoisted constants, and which instance bookkeeping the store needs.
 */
import type * as E from 'estree';
import type { LinkPlan } from '../../link/plan.js';
import type { ComponentInfo } from '../../types/validate.js';
import type { RuntimeHelper } from '../runtime-helpers.js';
import { Locals } from './locals.js';

export interface EmitState {
  plan: LinkPlan;
  info: ComponentInfo;
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
}

export function createState(plan: LinkPlan, info: ComponentInfo): EmitState {
  const leaveTracked = new Set<number>();
  for (const step of plan.steps) if (step.kind === 'lower' || step.kind === 'builtin') leaveTracked.add(step.component);
  return {
    plan,
    info,
    locals: new Locals(['imports', 'options', 'poisoned', 'load']),
    runtime: new Set(),
    hoisted: [],
    hoistKeys: new Map(),
    helpers: new Set(),
    leaveTracked,
    reentrance: plan.steps.some((s) => s.kind === 'lower'),
  };
}

/** The instance and its ancestors: the spec's `self_and_ancestors()`. */
export function ancestors(plan: LinkPlan, instance: number): number[] {
  const out: number[] = [];
  for (let i: number | undefined = instance; i !== undefined; i = plan.parents[i]) out.push(i);
  return out;
}

/** Name of the `may_enter` flag of a component instance. */
export const enterFlag = (instance: number) => `enter${instance}`;
/** Name of the `may_leave` flag of a component instance. */
export const leaveFlag = (instance: number) => `leave${instance}`;
