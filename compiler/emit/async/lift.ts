/**
 * Lifts that run as tasks (runtime/async/lift.ts): one `LiftedFunc` per
 * lift and caller kind (the host, or another component's glue), and the JS
 * face the host calls: `hostCall` (a Promise) for async-typed functions,
 * `hostCallSync` otherwise.
 *
 *   const lf3 = new LiftedFunc(inst1, { kind: LIFT_CALLBACK, isAsyncType: true,
 *     entry: (task, args) => entry3(...args), callback: x2, returnSig: '…' });
 *   const get = function (a0) { return hostCall(lf3, [a0]); };
 */
import type * as E from 'estree';
import { planLift } from '../../abi/plan.js';
import { planAsyncEntry } from '../../abi/plan-async.js';
import type { ResolvedOpts, Step } from '../../link/plan.js';
import type { FuncPlan } from '../../abi/instructions.js';
import type { ValType } from '../../types/model.js';
import * as b from '../builders.js';
import { emitLift } from '../values/index.js';
import { handlePieces } from '../resources/index.js';
import { abiOptions, withoutLeave } from '../module/calls.js';
import { coreItem } from '../module/items.js';
import { safeIdent } from '../module/locals.js';
import { instanceRef, type EmitState } from '../module/state.js';
import { valueContext } from '../module/steps.js';
import { componentResources, typeKey } from './uses.js';
import { flatCount } from '../../abi/layout.js';
import { LIMITS } from '../../binary/opcodes.js';
import { children } from '../../types/walk.js';
import { hostFaceOf, scopeOnThis, withAsyncHooks } from './values.js';
import { thenCoreCall, entryCore, isSuspendableEntry } from './stack.js';

type LiftStep = Extract<Step, { kind: 'lift' }>;

/**
 * The signature `task.return` must match (spec: the result type, and
 * `LiftOptions.equal`: the string encoding and the very same memory
 * instance), interned at run time so it compares by identity.
 */
export function returnSig(st: EmitState, result: ValType | null, opts: ResolvedOpts, component: number): E.Expression {
  const key = `${typeKey(result, componentResources(st, component))}|${opts.stringEncoding}`;
  st.runtime.add('asyncReturnSig');
  // the memory only counts when lifting the result reads memory (wasmtime's reading, which the suite follows)
  const memory = result !== null && readsMemory(result) ? opts.memory : undefined;
  const mem = memory ? coreItem(st, memory) : b.lit(null);
  const memKey = memory ? JSON.stringify(memory) : '-';
  return st.locals.once(`return-sig:${key}:${memKey}`, 'returnSig', () => b.call('asyncReturnSig', b.lit(key), mem));
}

/** Does lifting `t` as a task.return result read linear memory (strings, lists, or more than MAX_FLAT_PARAMS flat values)? */
function readsMemory(t: ValType): boolean {
  if (flatCount(t) > LIMITS.MAX_FLAT_PARAMS) return true;
  const walk = (x: ValType): boolean => x.kind === 'string' || (x.kind === 'list' && x.length === undefined) || x.kind === 'map' || children(x).some(walk);
  return walk(t);
}

/** The `LiftedFunc` of a lift, for callers of one kind (`host`: JS values; else another instance's glue). */
export function liftedFunc(st: EmitState, step: LiftStep, host: boolean): E.Identifier {
  return st.locals.once(`lifted:${step.id}:${host}`, 'lifted', (local) => {
    const opts = step.opts;
    const kindName = !opts.async ? 'LIFT_SYNC' : opts.callback ? 'LIFT_CALLBACK' : 'LIFT_STACKFUL';
    st.runtime.add('LiftedFunc');
    st.runtime.add(kindName);
    const handles = handlePieces(st, { kind: 'lift', instance: step.component, host, resources: step.resources }, step.type);
    const ctx = valueContext(st, step.component, opts, {
      callee: entryCore(st, step.core),
      name: `${local}_entry`,
      postReturn: opts.postReturn
        ? withoutLeave(st, step.component, `post-return:${JSON.stringify(opts.postReturn)}`, coreItem(st, opts.postReturn), 1)
        : undefined,
      enter: scopeOnThis(handles.begin),
      handles: withAsyncHooks(st, step.component, host, handles.hooks),
    });
    const plan = entryPlan(step);
    const entryFn = emitLift(plan, ctx);
    const suspendable = isSuspendableEntry(st, step.core);
    // the entry works on the core call's result at once: continue it when the call returns a Promise
    if (suspendable) thenCoreCall(entryFn, ctx.callee);
    const entry = st.locals.once(`lifted-entry:${step.id}:${host}`, `${local}_entry`, () => entryFn);
    // a sync lift returning result<T,E> throws for err: as a task it yields the variant instead
    // `entry.call(task, args[0], …)`: no spread of the argument array
    const argRefs = step.type.params.map((_, i) => b.member(b.id('args'), i));
    let callEntry: E.Expression = b.call(b.member(entry, 'call'), b.id('task'), ...argRefs);
    if (!opts.async && step.type.result?.kind === 'result') {
      st.runtime.add('asyncCatchResult');
      callEntry = b.call('asyncCatchResult', entry, b.id('task'), b.id('args'));
    }
    const fields: [string, E.Expression][] = [
      ['kind', b.id(kindName)],
      ['isAsyncType', b.lit(step.type.async)],
      ['entry', b.arrow(['task', 'args'], callEntry)],
    ];
    if (opts.callback) fields.push(['callback', entryCore(st, opts.callback)]);
    if (suspendable) fields.push(['suspendable', b.lit(true)], ['resumeInCore', b.lit(true)]);
    if (opts.async) fields.push(['returnSig', returnSig(st, step.type.result, opts, step.component)]);
    return b.newExpr('LiftedFunc', instanceRef(step.component), b.object(fields));
  });
}

/** The core entry's plan: check and lower the arguments, call core (async: return the callback code; sync: lift the result). */
function entryPlan(step: LiftStep): FuncPlan {
  const opts = step.opts;
  return opts.async
    ? planAsyncEntry(step.type, opts.callback !== undefined, abiOptions(opts))
    : planLift({ ...step.type, async: false }, { ...abiOptions(opts), async: false });
}

/**
 * The argument checks of the entry (its instructions before `enter`), run
 * by the host's function before the call: a bad JS argument is a TypeError
 * for the caller, not a trap that poisons the store. Null when there are none.
 */
function argumentCheck(st: EmitState, step: LiftStep, local: string): E.Identifier | null {
  const plan = entryPlan(step);
  const cut = plan.body.findIndex((i) => i.op === 'enter');
  const checks = plan.body.slice(0, cut < 0 ? 0 : cut);
  if (!checks.some((i) => i.op !== 'arg' && i.op !== 'const')) return null;
  const handles = handlePieces(st, { kind: 'lift', instance: step.component, host: true, resources: step.resources }, step.type);
  const ctx = valueContext(st, step.component, step.opts, {
    callee: b.id('undefined'),
    name: `${local}_check`,
    handles: withAsyncHooks(st, step.component, true, handles.hooks),
  });
  const fn = emitLift({ ...plan, body: [...checks, { op: 'return', src: null }] }, ctx);
  return st.locals.once(`lifted-check:${step.id}`, `${local}_check`, () => fn);
}

/** The host's function for a lift that runs as a task. */
export function asyncLiftFunction(st: EmitState, step: LiftStep, name: string): E.Identifier {
  return st.locals.once(`async-lift:${step.id}`, safeIdent(name), (local) => {
    const lf = liftedFunc(st, step, true);
    const params = step.type.params.map((_, i) => `a${i}`);
    const args = b.array(params.map((p) => b.id(p)));
    const check = argumentCheck(st, step, local);
    const pre: E.Statement[] = check ? [b.expr(b.call(check, ...params.map((p) => b.id(p))))] : [];
    let call: E.Expression;
    if (step.type.async) {
      st.runtime.add('hostCall');
      // the result's JS face, made once: hostCall applies it (no extra `then` hop when the call finishes at once)
      const hostFace = step.opts.async ? hostFaceOf(st, step.type.result, step.resources) : null;
      let face: E.Expression | null = hostFace === null ? null : st.locals.once(`host-face:${step.id}`, `${local}_face`, () => hostFace);
      if (step.type.result?.kind === 'result') {
        st.runtime.add('asyncUnwrapResult');
        const inner = face;
        face = inner === null ? b.id('asyncUnwrapResult') : st.locals.once(`host-unwrap:${step.id}`, `${local}_unwrap`, () => b.arrow(['v'], b.call('asyncUnwrapResult', b.call(inner, b.id('v')))));
      }
      call = face === null ? b.call('hostCall', lf, args) : b.call('hostCall', lf, args, face);
    } else {
      st.runtime.add('hostCallSync');
      call = b.call('hostCallSync', lf, args);
      if (step.type.result?.kind === 'result') {
        st.runtime.add('asyncUnwrapResult');
        call = b.call('asyncUnwrapResult', call);
      }
    }
    if (pre.length && step.type.async) {
      // an async function's bad argument is a rejected Promise
      return b.fn(local, params, [b.tryStmt(pre, 'e', [b.ret(b.call(b.member(b.id('Promise'), 'reject'), b.id('e')))]), b.ret(call)]);
    }
    return b.fn(local, params, [...pre, b.ret(call)]);
  });
}
