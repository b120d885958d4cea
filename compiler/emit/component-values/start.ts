/**
 * 🪙 A component-level start function (Explainer "Start Definitions"): at
 * its place in the plan, `instantiate` calls the function with the values
 * and binds its result as a new value. The callee is a lifted function
 * (called as the host calls an export; through tasks, `startLiftedCall`,
 * when its instance uses them) or a host import (`startHostCall`, its result
 * checked like a value import). A `result<T, E>` result is the value
 * `{ tag, value }`, not a throw. Runtime side: runtime/start.ts.
 */
import type * as E from 'estree';
import type { Step } from '../../link/plan.js';
import type { ValType } from '../../types/model.js';
import * as b from '../builders.js';
import { liftedFunc } from '../async/lift.js';
import { liftNeedsTasks } from '../async/uses.js';
import { hostFunction } from '../module/items.js';
import { ancestors, instanceRef, type EmitState } from '../module/state.js';
import { liftFunction, type Lifts } from '../module/steps.js';
import { declareValue, valueRef } from './refs.js';
import { valueShape } from './shape.js';

type StartStep = Extract<Step, { kind: 'start' }>;

/** The emit states whose start functions run as tasks (their background work is let go at the end). */
const taskStarts = new WeakSet<EmitState>();

/** Statements for the end of `instantiate`: let the start functions' background tasks run. */
export function startEpilogue(st: EmitState): E.Statement[] {
  if (!taskStarts.has(st)) return [];
  st.runtime.add('startBackgroundRun');
  return [b.expr(b.call('startBackgroundRun', instanceRef(0)))];
}

/** `startResultValue(() => call, ok?, err?)` for a `result` type: err as a value, not a throw. */
function resultAsValue(st: EmitState, t: ValType | null, call: E.Expression): E.Expression {
  if (t?.kind !== 'result') return call;
  st.runtime.add('startResultValue');
  return b.call('startResultValue', b.arrow([], call), b.lit(t.ok !== null), b.lit(t.err !== null));
}

export function emitStart(st: EmitState, lifts: Lifts, step: StartStep): void {
  const args = step.args.map((v) => valueRef(st, v));
  const f = step.func;
  const resultType = f.type.result;
  // the arguments' types are checked the same way (shape throws for handles)
  for (const v of [...step.args, ...(step.result ? [step.result] : [])]) valueShape(v.type, step.offset);
  let call: E.Expression;
  if (f.kind === 'host') {
    st.runtime.add('startHostCall');
    call = resultAsValue(st, resultType, b.call('startHostCall', hostFunction(st, f.path, f.type), b.array(args)));
    if (resultType) {
      st.runtime.add('valueFromHost');
      call = b.call('valueFromHost', valueShape(resultType, step.offset), call, b.lit(`result of ${JSON.stringify(f.path.join('#'))} (start)`));
    }
  } else {
    const lift = lifts.byId.get(f.id)!;
    if (liftNeedsTasks(st, lift)) {
      // a task: a sync lift's result<T, E> is already the variant (asyncCatchResult: `value` always set,
      // dropped here for a case without payload), an async lift's is task.return's lifted value
      st.runtime.add('startLiftedCall');
      taskStarts.add(st);
      call = b.call('startLiftedCall', liftedFunc(st, lift, true), b.array(args));
      if (!lift.opts.async && resultType?.kind === 'result') {
        st.runtime.add('startResultCases');
        call = b.call('startResultCases', call, b.lit(resultType.ok !== null), b.lit(resultType.err !== null));
      }
    } else {
      // called as the host calls an export: enters the lifting instance and its ancestors
      const fn = liftFunction(st, lift, ancestors(st.plan, lift.component), `start${lift.id}`);
      call = resultAsValue(st, resultType, b.call(fn, ...args));
    }
  }
  if (step.result) declareValue(st, step.result, 'started', call);
  else st.locals.push(b.expr(call));
}
