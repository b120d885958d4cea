/**
 * A lowered import whose callee is another component instance's lifted
 * function becomes one fused adapter: values go from the caller's memory to
 * the callee's (and back) without JS values in between, strings transcoded
 * memory to memory, handles moved table to table.
 */
import type * as E from 'estree';
import { planFused } from '../../abi/fuse.js';
import type { ResolvedOpts, Step } from '../../link/plan.js';
import { fusedHandlePieces } from '../resources/index.js';
import { createEmitContext, emitFused, type SideContext } from '../values/index.js';
import { abiOptions, enterGuards, enteringSet, leaveGuard, withoutLeave } from './calls.js';
import { callGuard } from './guard.js';
import { coreItem, coreItemKey, memoryView } from './items.js';
import type { EmitState } from './state.js';

type LiftStep = Extract<Step, { kind: 'lift' }>;
type LowerStep = Extract<Step, { kind: 'lower' }>;

/** The fused adapter of `step` calling `lift`, or null where only the JS-value path exists (async calls). */
export function fusedAdapter(st: EmitState, step: LowerStep, lift: LiftStep, name: string): E.FunctionExpression | null {
  if (step.type.async || step.opts.async || lift.opts.async) return null;
  const plan = planFused(step.type, abiOptions(step.opts), abiOptions(lift.opts));
  const [caller, callee] = [step.component, lift.component];
  const guards = enterGuards(st, enteringSet(st, caller, callee));
  const handles = plan.uses.handles ? fusedHandlePieces(st, caller, callee, step.resources, step.type) : undefined;
  const side = (inst: number, opts: ResolvedOpts): SideContext => ({
    memory: opts.memory ? memoryView(st, opts.memory) : undefined,
    realloc: opts.realloc ? withoutLeave(st, inst, `realloc:${coreItemKey(opts.realloc)}`, coreItem(st, opts.realloc), 4) : undefined,
  });
  const guard = callGuard(st);
  const sides = { caller: side(caller, step.opts), callee: side(callee, lift.opts) };
  const ctx = createEmitContext(
    {
      callee: coreItem(st, lift.core),
      postReturn: lift.opts.postReturn
        ? withoutLeave(st, callee, `post-return:${JSON.stringify(lift.opts.postReturn)}`, coreItem(st, lift.opts.postReturn), 1)
        : undefined,
      name,
      sides,
      leave: () => [guard.marker, leaveGuard(st, caller)],
      enter: () => [...guards.enter, ...(handles?.begin ?? [])],
      exit: () => [...(handles?.end ?? []), ...guards.exit],
      wrapBody: guard.wrap,
      fusedHandles: handles?.hooks,
    },
    { helpers: st.helpers, hoisted: st.hoisted, keys: st.hoistKeys },
  );
  return emitFused(plan, { ...ctx, sides });
}

