/**
 * Emits the JS function for a plan: `emitLift` for an export wrapper (the
 * host calls it with JS values), `emitLower` for an import trampoline (core
 * calls it with flat core values). Both return an ESTree function expression;
 * the runtime helpers used are recorded through `ctx.helper`.
 */
import type { FuncPlan } from '../../abi/instructions.js';
import * as b from '../builders.js';
import type { E } from '../builders.js';
import type { EmitContext } from './context.js';
import { FnEmitter, type Handlers } from './emitter.js';
import { scalarOps } from './ops-scalars.js';
import { memoryOps } from './ops-memory.js';
import { hostOps } from './ops-host.js';
import { controlOps } from './ops-control.js';

export type { EmitContext, HandleHooks, CollectingContext } from './context.js';
export { createEmitContext } from './context.js';

const HANDLERS: Handlers = { ...scalarOps, ...memoryOps, ...hostOps, ...controlOps };

function emitFunction(plan: FuncPlan, ctx: EmitContext, params: string[]): E.FunctionExpression {
  const em = new FnEmitter(plan, ctx, HANDLERS);
  const body = em.block(plan.body);
  return b.fn(ctx.name ?? null, params, ctx.wrapBody ? ctx.wrapBody(body) : body);
}

/** The export wrapper of a `canon lift` plan: `function (a0, a1, ...)` taking host values. */
export function emitLift(plan: FuncPlan, ctx: EmitContext): E.FunctionExpression {
  if (plan.kind !== 'lift') throw new Error('emitLift: not a lift plan');
  return emitFunction(plan, ctx, Array.from({ length: plan.arity }, (_, i) => `a${i}`));
}

/** The import function of a `canon lower` plan: `function (p0, p1, ...)` taking flat core values. */
export function emitLower(plan: FuncPlan, ctx: EmitContext): E.FunctionExpression {
  if (plan.kind !== 'lower') throw new Error('emitLower: not a lower plan');
  return emitFunction(plan, ctx, Array.from({ length: plan.arity }, (_, i) => `p${i}`));
}
