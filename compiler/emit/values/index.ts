/**
 * Emits the JS function for a plan: `emitLift` for an export wrapper (the
 * host calls it with JS values), `emitLower` for an import trampoline (core
 * calls it with flat core values), `emitFused` for a cross-component adapter
 * (core calls it with flat core values; it calls the other component's core
 * function). Each returns an ESTree function expression; the runtime helpers
 * used are recorded through `ctx.helper`.
 */
import type { FuncPlan } from '../../abi/instructions.js';
import * as b from '../builders.js';
import type { E } from '../builders.js';
import type { EmitContext, FusedEmitContext } from './context.js';
import { FnEmitter, type Handlers } from './emitter.js';
import { scalarOps } from './ops-scalars.js';
import { memoryOps } from './ops-memory.js';
import { hostOps } from './ops-host.js';
import { controlOps } from './ops-control.js';
import { fusedOps } from './ops-fused.js';
import { fail } from '../../errors/index.js';

export type {
  EmitContext, HandleHooks, CollectingContext, FusedEmitContext, FusedHandleHooks, SideContext,
} from './context.js';
export { createEmitContext } from './context.js';

const HANDLERS: Handlers = { ...scalarOps, ...memoryOps, ...hostOps, ...controlOps, ...fusedOps };

function emitFunction(plan: FuncPlan, ctx: EmitContext, params: string[], handlers = HANDLERS): E.FunctionExpression {
  const em = new FnEmitter(plan, ctx, handlers);
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

/**
 * The adapter of a `fused` plan: `function (p0, p1, ...)` taking the caller's
 * flat core values and returning its flat result, like `emitLower`'s; it
 * calls `ctx.callee`, the callee's core function. Plans that move handles
 * need `ctx.fusedHandles`.
 */
export function emitFused(plan: FuncPlan, ctx: FusedEmitContext): E.FunctionExpression {
  if (plan.kind !== 'fused') throw new Error('emitFused: not a fused plan');
  if (plan.uses.handles && !ctx.fusedHandles) fail('compile/unsupported', undefined, 'handles in a fused cross-component call');
  const { leave, enter } = ctx;
  const inner: EmitContext = leave || enter ? { ...ctx, enter: () => [...(leave?.() ?? []), ...(enter?.() ?? [])] } : ctx;
  const returned = ctx.fusedHandles?.returned;
  const handlers: Handlers = returned
    ? {
        ...HANDLERS,
        'call-core'(em, i) {
          HANDLERS['call-core'](em, i);
          // the call must have run before the hook: no inlining of its result past it
          if (i.dst !== null) em.refId(i.dst);
          em.push(...returned());
        },
      }
    : HANDLERS;
  return emitFunction(plan, inner, Array.from({ length: plan.arity }, (_, i) => `p${i}`), handlers);
}
