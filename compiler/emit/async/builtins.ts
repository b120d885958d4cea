/**
 * The async-family canon built-ins as core functions that call the runtime
 * with their defining instance (runtime/async): tasks, subtasks, waitable
 * sets, streams, futures, error-context, cooperative threads.
 *
 *   function f7(p0, p1) { return waitableSetWait(inst1, false, mem, p0, p1); }
 *
 * With a 64-bit memory (🐘) the addresses and lengths a built-in takes are
 * i64s: the glue makes them numbers (`addr64`) before the runtime sees them,
 * and a stream copy's outcome back into an i64 (`copyResult64`).
 */
import type * as E from 'estree';
import { planElemLoad, planElemStore, planTaskReturn } from '../../abi/plan-async.js';
import { elemSize, alignment } from '../../abi/layout.js';
import { planLower } from '../../abi/plan.js';
import { CANON_BY_NAME } from '../../binary/opcodes.js';
import { fail } from '../../errors/index.js';
import type { Step } from '../../link/plan.js';
import type { FuncType, ValType } from '../../types/model.js';
import * as b from '../builders.js';
import { emitLift, emitLower } from '../values/index.js';
import { abiOptions } from '../module/calls.js';
import { canonName, coreItem, memoryView } from '../module/items.js';
import { suspenderIdent } from './stack.js';
import { instanceRef, type EmitState } from '../module/state.js';
import { valueContext } from '../module/steps.js';
import { returnSig } from './lift.js';
import { canonInfo, componentResources, isAsyncBuiltinName } from './uses.js';
import { handlePieces } from '../resources/index.js';
import type { HandleHooks } from '../values/index.js';
import { elemTypeRef, isPlainElem, withAsyncHooks } from './values.js';

type BuiltinStep = Extract<Step, { kind: 'builtin' }>;
type AsyncType = ValType & { kind: 'stream' | 'future' };

export const isAsyncBuiltin = (step: BuiltinStep): boolean => isAsyncBuiltinName(step.canon.name);

/** Runtime function and the arguments after the instance, for the built-ins that are a plain call. */
const SIMPLE: Record<string, [fn: string, arity: number, returns: boolean]> = {
  'task.cancel': ['taskCancel', 0, false],
  'subtask.drop': ['subtaskDrop', 1, false],
  'waitable-set.new': ['waitableSetNew', 0, true],
  'waitable-set.drop': ['waitableSetDrop', 1, false],
  'waitable.join': ['waitableJoinSet', 2, false],
  'backpressure.inc': ['backpressureInc', 0, false],
  'backpressure.dec': ['backpressureDec', 0, false],
  'error-context.drop': ['errorContextDrop', 1, false],
};

export function emitAsyncBuiltin(st: EmitState, step: BuiltinStep): void {
  const c = step.canon;
  const spec = CANON_BY_NAME.get(c.name)!;
  const name = canonName(step.id);
  const inst = instanceRef(step.component);
  const use = (fn: string) => {
    st.runtime.add(fn);
    return fn;
  };
  const define = (params: string[], call: E.Expression, returns: boolean) => {
    st.locals.push(b.fnDecl(name, params, [returns ? b.ret(call) : b.expr(call)]));
    st.locals.bind(`canon:${step.id}`, b.id(name));
  };
  const ps = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
  const ids = (params: string[]) => params.map((p) => b.id(p));
  // 🐘 a 64-bit memory: its addresses and lengths (the params after the first) come as bigints, made numbers once
  const wide = step.opts.ptrType === 'i64';
  const addrs = (params: string[]) => params.map((p, i) => (wide && i > 0 ? b.call(use('addr64'), b.id(p)) : b.id(p)));

  const simple = SIMPLE[c.name];
  if (simple) {
    const params = ps(simple[1]);
    return define(params, b.call(use(simple[0]), inst, ...ids(params)), simple[2]);
  }
  switch (c.name) {
    case 'task.return':
      return taskReturnBuiltin(st, step, name);
    case 'context.get':
      return define([], b.call(use('contextGet'), inst, b.lit(c.index!)), true);
    case 'context.set':
      return define(['p0'], b.call(use('contextSet'), inst, b.lit(c.index!), b.id('p0')), false);
    case 'thread.yield':
      return define([], b.call(use('threadYield'), inst, b.lit(c.cancellable ?? false)), true);
    case 'thread.index':
      return define([], b.call(use('coopIndex'), inst), true);
    case 'thread.resume-later':
      return define(['p0'], b.call(use('coopResumeLater'), inst, b.id('p0')), false);
    case 'thread.suspend':
      return define([], b.call(use('coopSuspend'), inst, b.lit(c.cancellable ?? false)), true);
    case 'thread.suspend-then-resume':
    case 'thread.yield-then-resume':
    case 'thread.suspend-then-promote':
    case 'thread.yield-then-promote': {
      const mode = b.id(`COOP_${c.name.slice('thread.'.length).replace(/-/g, '_').toUpperCase()}`);
      st.runtime.add(mode.name);
      return define(['p0'], b.call(use('coopSwitch'), inst, mode, b.lit(c.cancellable ?? false), b.id('p0')), true);
    }
    case 'thread.new-indirect':
      return define(['p0', 'p1'], b.call(use('coopNew'), inst, ...threadNewArgs(st, step), b.id('p0'), b.id('p1')), true);
    case 'thread.spawn-indirect':
      return define(['p0', 'p1'], b.call(use('coopSpawnIndirect'), inst, ...threadNewArgs(st, step), b.id('p0'), b.id('p1')), true);
    case 'thread.spawn-ref':
      return define(['p0', 'p1'], b.call(use('coopSpawnRef'), inst, ...threadNewArgs(st, step).slice(1), b.id('p0'), b.id('p1')), true);
    case 'subtask.cancel':
      return define(['p0'], b.call(use('subtaskCancel'), inst, b.lit(c.async ?? false), b.id('p0')), true);
    case 'waitable-set.wait':
    case 'waitable-set.poll': {
      const fn = c.name === 'waitable-set.wait' ? 'waitableSetWait' : 'waitableSetPoll';
      const mem = memoryView(st, step.opts.memory!);
      return define(['p0', 'p1'], b.call(use(fn), inst, b.lit(c.cancellable ?? false), mem, ...addrs(['p0', 'p1'])), true);
    }
    case 'error-context.new':
    case 'error-context.debug-message':
      return errorContextBuiltin(st, step, name);
  }
  // stream.* / future.*
  const t = canonInfo(st, c)?.payload as AsyncType | undefined;
  if (!t) fail('compile/unsupported', c.offset, `the canonical built-in ${c.name}`);
  const kind = t.kind === 'stream' ? 'stream' : 'future';
  const op = c.name.slice(kind.length + 1);
  const et = elemTypeRef(st, t, step.component);
  const fnName = `${kind}${op.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}`;
  switch (op) {
    case 'new':
      return define([], b.call(use(fnName), inst, et), true);
    case 'drop-readable':
    case 'drop-writable':
      return define(['p0'], b.call(use(fnName), inst, et, b.id('p0')), false);
    case 'cancel-read':
    case 'cancel-write':
      return define(['p0'], b.call(use(fnName), inst, et, b.lit(c.async ?? false), b.id('p0')), true);
    case 'read':
    case 'write': {
      // made once per built-in (the runtime keeps a reference in pending copies)
      const ops = st.locals.once(`elem-ops:${step.id}`, 'elemOps', () => elemOps(st, step, t));
      const params = kind === 'stream' ? ps(3) : ps(2);
      const isAsync = step.opts.async;
      const call = b.call(use(fnName), inst, et, ops, b.lit(isAsync), ...addrs(params));
      // a stream copy's packed outcome has the memory's address type
      return define(params, wide && kind === 'stream' ? b.call(use('copyResult64'), call) : call, true);
    }
  }
  fail('compile/unsupported', c.offset, `the canonical built-in ${c.name}`);
}

/** `task.return`: lifts the flat result (with its own options) and calls `taskReturn(inst, sig, value)`. */
function taskReturnBuiltin(st: EmitState, step: BuiltinStep, name: string): void {
  const info = canonInfo(st, step.canon);
  const result = info?.func?.params[0]?.type ?? null;
  const inst = instanceRef(step.component);
  st.runtime.add('taskReturn');
  const sig = returnSig(st, result, step.opts, step.component);
  // one closure per built-in, made at instantiation (not an arrow called per call)
  const callee = st.locals.once(`task-return:${step.id}`, 'ret', () =>
    b.arrow(result ? ['v'] : [], b.call('taskReturn', inst, sig, result ? b.id('v') : b.id('undefined'))),
  );
  const ctx = valueContext(st, step.component, step.opts, {
    callee,
    name,
    handles: withAsyncHooks(st, step.component, false, resourceHooks(st, step, result)),
  });
  st.locals.push(b.constDecl(name, emitLower(planTaskReturn(result, abiOptions(step.opts)), ctx)));
  st.locals.bind(`canon:${step.id}`, b.id(name));
}

/** `error-context.new` (the message string, lifted) and `debug-message` (the string, stored through the out-pointer). */
function errorContextBuiltin(st: EmitState, step: BuiltinStep, name: string): void {
  const inst = instanceRef(step.component);
  const str: ValType = { kind: 'string' };
  const isNew = step.canon.name === 'error-context.new';
  const fn = isNew ? 'errorContextNew' : 'errorContextDebugMessage';
  st.runtime.add(fn);
  const callee = b.arrow(['v'], b.call(fn, inst, b.id('v')));
  const ctx = valueContext(st, step.component, step.opts, { callee, name });
  const ft: FuncType = isNew
    ? { kind: 'func', params: [{ name: 'm', type: str }], result: { kind: 'u32' } as ValType, async: false }
    : { kind: 'func', params: [{ name: 'i', type: { kind: 'u32' } as ValType }], result: str, async: false };
  st.locals.push(b.constDecl(name, emitLower(planLower(ft, abiOptions(step.opts)), ctx)));
  st.locals.bind(`canon:${step.id}`, b.id(name));
}

/** The `CopyElemOps` of a stream/future read or write. */
function elemOps(st: EmitState, step: BuiltinStep, t: AsyncType): E.Expression {
  const el = t.element;
  const use = (fn: string) => {
    st.runtime.add(fn);
    return fn;
  };
  if (el === null) return b.id(use('ASYNC_UNIT_OPS'));
  const mem = step.opts.memory ? memoryView(st, step.opts.memory) : undefined;
  if (!mem) fail('compile/unsupported', step.canon.offset, `${step.canon.name} without a memory`);
  const opts = abiOptions(step.opts);
  const size = elemSize(el, opts.ptrType);
  if (isPlainElem(el)) return b.call(use('asyncPlainOps'), mem, b.lit(el.kind), b.lit(size));
  const hooks = withAsyncHooks(st, step.component, false, resourceHooks(st, step, el));
  const loadCtx = valueContext(st, step.component, step.opts, { callee: b.id('undefined'), handles: hooks });
  const storeCtx = valueContext(st, step.component, step.opts, { callee: b.id('undefined'), handles: hooks });
  const load = emitLift(planElemLoad(el, opts), loadCtx);
  const store = emitLift(planElemStore(el, opts), storeCtx);
  return b.call(use('asyncValueOps'), mem, b.lit(size), b.lit(alignment(el, opts.ptrType)), load, store);
}

/**
 * Own/borrow handles inside a task.return result or stream/future elements:
 * the resources emitter's hooks for the built-in's instance (its resource
 * map is that of the instance's lifts and lowers), handing reps between
 * component instances. (The host face of an own<R> returned by task.return
 * is the bare rep for now.)
 */
function resourceHooks(st: EmitState, step: BuiltinStep, t: ValType | null): HandleHooks {
  const no = (): never => fail('compile/unsupported', step.canon.offset, 'resource handles inside async values of an instance without lifts or lowers');
  const map = componentResources(st, step.component);
  if (!map || t === null) return { lift: no, lower: no };
  const ft: FuncType = { kind: 'func', async: false, params: [{ name: 'v', type: t }], result: null };
  return handlePieces(st, { kind: 'lower', instance: step.component, host: false, resources: map }, ft).hooks;
}

/**
 * `thread.new-indirect`'s (and a cooperative spawn's) fixed arguments: the table (none for spawn-ref), the thread function's
 * core type (`"i:"`/`"j:"`), and how to enter it: through the suspender of
 * the core instance that imports the built-in when its code can block.
 */
function threadNewArgs(st: EmitState, step: BuiltinStep): E.Expression[] {
  const table = step.canon.name === 'thread.spawn-ref' ? undefined : step.table;
  if (!table && step.canon.name !== 'thread.spawn-ref') fail('compile/unsupported', step.canon.offset, `${step.canon.name} without a resolved table`);
  const param = canonInfo(st, step.canon)?.core.params[1];
  const sig = param === 'i64' ? 'j:' : 'i:';
  const owner = importerOf(st, step.id);
  const enter =
    owner !== undefined && st.suspend.instances.has(owner)
      ? b.arrow(['f'], b.method(suspenderIdent(owner), 'promising', b.id('f'), b.lit(sig)))
      : b.lit(null);
  return [table ? coreItem(st, table) : b.lit(null), b.lit(sig), enter];
}

/** The core instance that imports canon function `id` (directly, in an instantiation's argument bag). */
function importerOf(st: EmitState, id: number): number | undefined {
  for (const s of st.plan.steps) {
    if (s.kind !== 'core-instantiate') continue;
    for (const { arg } of s.args) if (arg.kind === 'bag' && arg.exports.some(([, it]) => it.kind === 'canon' && it.id === id)) return s.instance;
  }
  return undefined;
}
