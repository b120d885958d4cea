/**
 * One emitter per link-plan step kind. Each appends statements to the body
 * of `instantiate`, in plan order, so every name is declared before use.
 */
import type * as E from 'estree';
import { planLift, planLower } from '../../abi/plan.js';
import { fail } from '../../errors/index.js';
import type { FuncItem, ResolvedOpts, Step } from '../../link/plan.js';
import * as b from '../builders.js';
import { createEmitContext, emitLift, emitLower, type EmitContext } from '../values/index.js';
import { awaitExpr } from './builders-module.js';
import { declareResourceType, emitResourceBuiltin, handlePieces, isResourceBuiltin } from '../resources/index.js';
import { canonName, coreInstanceName, coreItem, coreItemKey, hostFunction, memoryView } from './items.js';
import { callGuard } from './guard.js';
import { markOffset } from './source-map.js';
import { abiOptions, enterGuards, enteringSet, leaveGuard, withoutLeave } from './calls.js';
import { fusedAdapter } from './fused.js';
import { safeIdent } from './locals.js';
import { instanceRef, type EmitState } from './state.js';
import { asyncLiftFunction } from '../async/lift.js';
import { emitAsyncLower } from '../async/lower.js';
import { emitAsyncBuiltin, isAsyncBuiltin } from '../async/builtins.js';
import { liftNeedsTasks, lowerNeedsTasks, startTaskComponent } from '../async/uses.js';
import { attachStatements, importValue } from '../async/stack.js';
import { emitThreadBuiltin, isThreadBuiltin } from '../threads/index.js';
import { emitValueStep } from '../component-values/index.js';

type LiftStep = Extract<Step, { kind: 'lift' }>;

/** Lift steps by id, so exports and lowers can ask for wrappers of them. */
export interface Lifts {
  byId: Map<number, LiftStep>;
}

export function emitStep(st: EmitState, lifts: Lifts, step: Step, moduleIdent: (index: number) => E.Expression): void {
  switch (step.kind) {
    case 'core-instantiate': {
      const args = step.args.map(({ name, arg }) => {
        const value =
          arg.kind === 'instance'
            ? b.member(b.id(coreInstanceName(arg.instance)), 'exports')
            : b.object(arg.exports.map(([n, item]) => [n, importValue(st, step.instance, item)] as const));
        return [name, value] as const;
      });
      let made: E.Expression = b.call(b.member(b.id('WebAssembly'), 'instantiate'), moduleIdent(step.module), b.object(args));
      const startIn = startTaskComponent(st, step);
      if (startIn !== null) {
        st.runtime.add('startTask');
        made = b.call('startTask', instanceRef(startIn), b.arrow([], made));
      }
      st.locals.push(b.constDecl(coreInstanceName(step.instance), awaitExpr(made)), ...attachStatements(st, step));
      return;
    }
    case 'lift':
      lifts.byId.set(step.id, step);
      return;
    case 'lower':
      emitLowerStep(st, lifts, step);
      return;
    case 'resource':
      declareResourceType(st, step);
      return;
    case 'value-import':
    case 'value-def':
    case 'start':
      return emitValueStep(st, lifts, step);
    case 'builtin':
      if (isResourceBuiltin(step)) return emitResourceBuiltin(st, step);
      if (isAsyncBuiltin(step)) return emitAsyncBuiltin(st, step);
      if (isThreadBuiltin(step)) return emitThreadBuiltin(st, step, moduleIdent);
      fail('compile/unsupported', step.canon.offset, `the canonical built-in ${step.canon.name}`);
  }
}

export function valueContext(st: EmitState, instance: number, opts: ResolvedOpts, fields: Partial<EmitContext> & { callee: E.Expression }) {
  const ctx = createEmitContext(
    {
      ...fields,
      memory: opts.memory ? memoryView(st, opts.memory) : undefined,
      realloc: opts.realloc
        ? withoutLeave(st, instance, `realloc:${coreItemKey(opts.realloc)}`, coreItem(st, opts.realloc), 4)
        : undefined,
    },
    { helpers: st.helpers, hoisted: st.hoisted, keys: st.hoistKeys },
  );
  return ctx;
}

/**
 * The JS function of a lift, entered from a caller whose own instances are
 * already entered: `entering` lists the instances this call enters (the
 * spec's entering set), checked and cleared for reentrance. `host`: the
 * caller is the host (handles are JS objects), not another component
 * instance's glue (handles are reps).
 */
export function liftFunction(st: EmitState, step: LiftStep, entering: number[], name: string, host = true): E.Identifier {
  // tasks: entering and reentrance are the runtime's (componentEnterFrom)
  if (host && liftNeedsTasks(st, step)) return asyncLiftFunction(st, step, name);
  return st.locals.once(`lift:${step.id}:${entering.join(',')}:${host}`, safeIdent(name), (local) => {
    const guard = callGuard(st);
    const guards = enterGuards(st, entering);
    const handles = handlePieces(st, { kind: 'lift', instance: step.component, host, resources: step.resources }, step.type);
    const ctx = valueContext(st, step.component, step.opts, {
      callee: coreItem(st, step.core),
      name: local,
      postReturn: step.opts.postReturn
        ? withoutLeave(st, step.component, `post-return:${JSON.stringify(step.opts.postReturn)}`, coreItem(st, step.opts.postReturn), 1)
        : undefined,
      enter: () => [guard.marker, ...guards.enter, ...handles.begin],
      exit: () => [...handles.end, ...guards.exit],
      wrapBody: guard.wrap,
      returnOrThrow: guard.returnOrThrow,
      handles: handles.hooks,
    });
    const plan = planLift(step.type, abiOptions(step.opts));
    const fn = emitLift(plan, ctx);
    markOffset(fn, step.offset, st.sourceName);
    return fn;
  });
}

function emitLowerStep(st: EmitState, lifts: Lifts, step: Extract<Step, { kind: 'lower' }>): void {
  const name = canonName(step.id);
  const calleeLift = step.callee.kind === 'lifted' ? lifts.byId.get(step.callee.id) : undefined;
  if (lowerNeedsTasks(st, step, calleeLift)) return emitAsyncLower(st, lifts, step);
  const fused = step.callee.kind === 'lifted' ? fusedAdapter(st, step, lifts.byId.get(step.callee.id)!, name) : null;
  if (fused) {
    st.locals.push(b.constDecl(name, fused));
    st.locals.bind(`canon:${step.id}`, b.id(name));
    return;
  }
  const callee = calleeOf(st, lifts, step.callee, step.component);
  const host = step.callee.kind === 'host';
  const handles = handlePieces(st, { kind: 'lower', instance: step.component, host, resources: step.resources }, step.type);
  const ctx = valueContext(st, step.component, step.opts, {
    callee,
    name,
    enter: () => [leaveGuard(st, step.component), ...handles.begin],
    exit: handles.end.length ? () => handles.end : undefined,
    handles: handles.hooks,
  });
  const plan = planLower(step.type, abiOptions(step.opts));
  st.locals.push(b.constDecl(name, emitLower(plan, ctx)));
  st.locals.bind(`canon:${step.id}`, b.id(name));
}

/** What a lowered function calls: a host function, or the lifted function of another component instance. */
function calleeOf(st: EmitState, lifts: Lifts, callee: FuncItem, caller: number): E.Expression {
  if (callee.kind === 'host') return hostFunction(st, callee.path, callee.type);
  const step = lifts.byId.get(callee.id)!;
  const entering = enteringSet(st, caller, step.component);
  // another component's glue calls it: handles cross as reps
  return liftFunction(st, step, entering, `call${step.id}`, false);
}
