/**
 * Lowers through subtasks (runtime/async/lower.ts): a `LoweredFunc` per
 * lowered import whose callee is a host function (`HostFunc`: a returned
 * Promise makes it an async callee) or a task-run lift of another instance,
 * and the core function `(p0, …) => lowerCall(lowered, [p0, …])`.
 */
import type * as E from 'estree';
import { planLowerArgs, planLowerResult, resultGoesToMemory } from '../../abi/plan-async.js';
import type { Step } from '../../link/plan.js';
import * as b from '../builders.js';
import { emitLift, emitLower } from '../values/index.js';
import { handlePieces } from '../resources/index.js';
import { abiOptions } from '../module/calls.js';
import { canonName, hostFunction } from '../module/items.js';
import { instanceRef, type EmitState } from '../module/state.js';
import { valueContext, type Lifts } from '../module/steps.js';
import { liftedFunc } from './lift.js';
import { scopeOnThis, withAsyncHooks } from './values.js';

type LowerStep = Extract<Step, { kind: 'lower' }>;

export function emitAsyncLower(st: EmitState, lifts: Lifts, step: LowerStep): void {
  const name = canonName(step.id);
  const host = step.callee.kind === 'host';
  const opts = abiOptions(step.opts);
  const handles = handlePieces(st, { kind: 'lower', instance: step.component, host, resources: step.resources }, step.type);
  const hooks = withAsyncHooks(st, step.component, host, handles.hooks);

  let callee: E.Expression;
  if (step.callee.kind === 'host') {
    const fn = hostFunction(st, step.callee.path, step.callee.type);
    st.runtime.add('HostFunc');
    let body: E.Expression = b.call(b.member(fn, 'apply'), b.lit(null), b.id('args'));
    if (step.type.result?.kind === 'result') {
      st.runtime.add('asyncHostResult');
      body = b.call('asyncHostResult', fn, b.id('args'));
    }
    callee = b.newExpr('HostFunc', b.lit(step.type.async), b.arrow(['args'], body));
  } else {
    callee = liftedFunc(st, lifts.byId.get(step.callee.id)!, false);
  }

  // the lifted argument values as an array literal (Array.of is a slow builtin call)
  const count = step.type.params.length;
  const pack = st.locals.once(`async-pack:${count}`, `asyncPack${count}`, () => {
    const xs = Array.from({ length: count }, (_, i) => `x${i}`);
    return b.arrow(xs, b.array(xs.map((x) => b.id(x))));
  });
  const argsCtx = valueContext(st, step.component, step.opts, {
    callee: pack,
    name: `${name}_args`,
    enter: scopeOnThis(handles.begin),
    handles: hooks,
  });
  const argsFn = st.locals.once(`lower-args:${step.id}`, `${name}_args`, () => emitLower(planLowerArgs(step.type, opts), argsCtx));

  let lowerResult: E.Expression = b.arrow([], b.block([]) as unknown as E.Statement[]);
  const result = step.type.result;
  if (result) {
    const toMemory = resultGoesToMemory(step.type, opts);
    const resCtx = valueContext(st, step.component, step.opts, { callee: b.id('undefined'), name: `${name}_result`, handles: hooks });
    const resFn = st.locals.once(`lower-result:${step.id}`, `${name}_result`, () => emitLift(planLowerResult(result, toMemory, opts), resCtx));
    const flat = b.member(b.id('sub'), 'flat');
    const last = b.member(flat, b.binary('-', b.member(flat, 'length'), b.lit(1)));
    lowerResult = toMemory
      ? b.arrow(['sub', 'v'], b.call(resFn, b.id('v'), last))
      : b.arrow(['sub', 'v'], b.assign(b.member(b.id('sub'), 'result'), b.call(resFn, b.id('v'))));
  } else {
    lowerResult = b.arrow(['sub', 'v'], b.id('undefined'));
  }

  const arity = planLowerArgs(step.type, opts).arity;
  // `argsFn.call(sub, sub.flat[0], …)`: no spread of the flat array
  const flatRefs = Array.from({ length: arity }, (_, i) => b.member(b.member(b.id('sub'), 'flat'), i));
  st.runtime.add('LoweredFunc');
  st.runtime.add('lowerCall');
  const lowered = st.locals.once(`lowered:${step.id}`, `${name}_lowered`, () =>
    b.newExpr('LoweredFunc', instanceRef(step.component), callee, b.object([
      ['isAsync', b.lit(step.opts.async)],
      ['liftArgs', b.arrow(['sub'], b.call(b.member(argsFn, 'call'), b.id('sub'), ...flatRefs))],
      ['lowerResult', lowerResult],
    ])),
  );
  const params = Array.from({ length: arity }, (_, i) => `p${i}`);
  st.locals.push(b.fnDecl(name, params, [b.ret(b.call('lowerCall', lowered, b.array(params.map((p) => b.id(p)))))]));
  st.locals.bind(`canon:${step.id}`, b.id(name));
}
