/**
 * ABI plans of the async Canonical ABI (CanonicalABI.md `canon_lift` /
 * `canon_lower` with `async`, `task.return`), as pieces the async emitter
 * hands to the runtime (runtime/async): a lift's core entry (lower the
 * arguments, call core, return the callback code), a lower's argument lifting
 * (`on_start`) and result lowering (`on_resolve`), and one element of a
 * stream or future moved in or out of memory.
 */
import type { FuncType, ValType } from '../types/model.js';
import type { AbiOptions, FuncPlan, Var } from './instructions.js';
import { PlanBuilder } from './plan-builder.js';
import { planCheck } from './plan-check.js';
import { lowerFlat, lowerStore } from './plan-lower.js';
import { liftLoad, liftParams } from './plan-lift.js';
import { alignment, elemSize, flattenFuncType } from './layout.js';
import { DEFAULT_OPTIONS, planLift, planLower } from './plan.js';

const U32: ValType = { kind: 'u32' };

const syncOpts = (options: Partial<AbiOptions>): AbiOptions => ({ ...DEFAULT_OPTIONS, ...options, async: false, postReturn: false });

/**
 * The core entry of an async lift: `(a0, …) => code`. Arguments flatten as
 * for a sync lift (MAX_FLAT_PARAMS, else one pointer into memory from
 * realloc); the callback kind returns the packed i32 code, the stackful kind
 * nothing. Results go through `task.return`.
 */
export function planAsyncEntry(ft: FuncType, callback: boolean, options: Partial<AbiOptions> = {}): FuncPlan {
  return planLift({ kind: 'func', params: ft.params, result: callback ? U32 : null, async: false }, syncOpts(options));
}

/** `canon task.return`: core calls it with the flat result (or a pointer past MAX_FLAT_PARAMS); it calls the callee with the lifted value. */
export function planTaskReturn(result: ValType | null, options: Partial<AbiOptions> = {}): FuncPlan {
  return planLower({ kind: 'func', params: result ? [{ name: 'v', type: result }] : [], result: null, async: false }, syncOpts(options));
}

/**
 * `on_start` of a lowered call: `(p0, …) => [args]` lifting the caller's flat
 * arguments, flattened as `flatten_functype(opts, ft, 'lower')` says (async:
 * MAX_FLAT_ASYNC_PARAMS, then a pointer). The callee is `Array.of`.
 */
export function planLowerArgs(ft: FuncType, options: Partial<AbiOptions> = {}): FuncPlan {
  const opts = { ...DEFAULT_OPTIONS, ...options, postReturn: false };
  const b = new PlanBuilder(opts);
  const flat = flattenFuncType(ft, 'lower', { ptrType: opts.ptrType, async: opts.async });
  const params = flat.params.map((t, index) => b.def((dst) => ({ op: 'param', dst, index, type: t })));
  const types = ft.params.map((p) => p.type);
  b.emit({ op: 'enter' });
  const args = liftParams(b, types, flat, params);
  const value = b.newVar();
  b.emit({ op: 'call-host', args, dst: value });
  b.emit({ op: 'return', src: value });
  return {
    kind: 'lower', opts, core: { params: flat.params, results: [] },
    arity: flat.params.length, body: b.take(), uses: b.uses, vars: b.varCount,
  };
}

/** Where a lowered call's result goes: `flat` (the one core result), or `memory` (through the pointer the caller passed last). */
export function resultGoesToMemory(ft: FuncType, options: Partial<AbiOptions> = {}): boolean {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  return flattenFuncType(ft, 'lower', { ptrType: opts.ptrType, async: opts.async }).spillResults;
}

/**
 * `on_resolve` of a lowered call: `(v, ptr) => flat?` checks the callee's
 * result and lowers it: stored at `ptr` (async lowers, and sync lowers whose
 * result spills), else returned as the one flat core value.
 */
export function planLowerResult(result: ValType, toMemory: boolean, options: Partial<AbiOptions> = {}): FuncPlan {
  const opts = { ...DEFAULT_OPTIONS, ...options, postReturn: false };
  const b = new PlanBuilder(opts);
  const v = b.def((dst) => ({ op: 'arg', dst, index: 0 }));
  planCheck(b, result, v, [{ returned: true }]);
  let ret: Var | null = null;
  if (toMemory) {
    const raw = b.def((dst) => ({ op: 'arg', dst, index: 1 }));
    const ptr = b.addr(raw);
    b.emit({ op: 'check-ptr', view: b.currentView(), ptr, align: alignment(result, opts.ptrType), size: elemSize(result, opts.ptrType) });
    lowerStore(b, result, v, ptr, 0);
  } else {
    ret = lowerFlat(b, result, v)[0] ?? null;
  }
  b.emit({ op: 'return', src: ret });
  return { kind: 'lift', opts, core: { params: [], results: [] }, arity: 2, body: b.take(), uses: b.uses, vars: b.varCount };
}

/** One stream/future element lifted from memory: `(ptr) => value` (ptr already checked). */
export function planElemLoad(t: ValType, options: Partial<AbiOptions> = {}): FuncPlan {
  const opts = { ...DEFAULT_OPTIONS, ...options, postReturn: false };
  const b = new PlanBuilder(opts);
  const ptr = b.def((dst) => ({ op: 'arg', dst, index: 0 }));
  const v = liftLoad(b, t, ptr, 0);
  b.emit({ op: 'return', src: v });
  return { kind: 'lift', opts, core: { params: [], results: [] }, arity: 1, body: b.take(), uses: b.uses, vars: b.varCount };
}

/** One stream/future element checked and lowered into memory: `(value, ptr) => {}`. */
export function planElemStore(t: ValType, options: Partial<AbiOptions> = {}): FuncPlan {
  const opts = { ...DEFAULT_OPTIONS, ...options, postReturn: false };
  const b = new PlanBuilder(opts);
  const v = b.def((dst) => ({ op: 'arg', dst, index: 0 }));
  const ptr = b.def((dst) => ({ op: 'arg', dst, index: 1 }));
  planCheck(b, t, v, [{ arg: 0 }]);
  lowerStore(b, t, v, ptr, 0);
  b.emit({ op: 'return', src: null });
  return { kind: 'lift', opts, core: { params: [], results: [] }, arity: 2, body: b.take(), uses: b.uses, vars: b.varCount };
}
