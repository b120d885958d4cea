/**
 * ABI planning of a fused call: a lowered import (`canon lower` in the
 * caller) whose callee is the lifted function (`canon lift`) of another
 * component instance. Like wasmtime's FACT adapters, the plan moves every
 * value from the caller's flat values or linear memory straight to the
 * callee's, and the result back, without host values in between.
 *
 * The emitted function has the caller's lowered signature: it takes the
 * caller's flat core arguments (or its spilled-argument pointer, and the
 * out-pointer when the result spills) and returns the caller's flat result.
 * In spec order: enter (the caller's may_leave, the callee's may_enter) →
 * arguments caller → callee (spilled: the caller's tuple is checked, the
 * callee's allocated by its realloc) → the callee's core function → result
 * callee → caller (spilled: the callee's return area and the caller's
 * out-pointer are checked) → the callee's post-return → exit.
 */
import type { FuncType } from '../types/model.js';
import type { AbiOptions, FuncPlan, Var } from './instructions.js';
import { PlanBuilder } from './plan-builder.js';
import { FlatCursor } from './plan-lift.js';
import { DEFAULT_OPTIONS } from './plan.js';
import { alignment, elemSize, flattenFuncType, tupleOf, type CoreFlatType } from './layout.js';
import { fuseFlat, fuseMem, type Route } from './fuse-values.js';
import { fail } from '../errors/index.js';

function supported(ft: FuncType, caller: AbiOptions, callee: AbiOptions): void {
  if (ft.async || caller.async || callee.async) {
    fail('compile/unsupported', undefined, 'async fused calls (only synchronous functions so far)');
  }
}

/**
 * Plans the fused adapter for a call of type `ft` from a component lowering
 * it with `caller` options to one lifting it with `callee` options.
 */
export function planFused(ft: FuncType, caller: Partial<AbiOptions>, callee: Partial<AbiOptions>): FuncPlan {
  const co: AbiOptions = { ...DEFAULT_OPTIONS, ...caller };
  const ce: AbiOptions = { ...DEFAULT_OPTIONS, ...callee };
  supported(ft, co, ce);
  const b = new PlanBuilder(co);
  // each side flattens with its memory's pointer type (🐘 i64 for a 64-bit memory): as many values, both spill alike
  const lower = flattenFuncType(ft, 'lower', { ptrType: co.ptrType });
  const lift = flattenFuncType(ft, 'lift', { ptrType: ce.ptrType });
  const there: Route = { from: 'caller', to: 'callee', fromOpts: co, toOpts: ce };
  const back: Route = { from: 'callee', to: 'caller', fromOpts: ce, toOpts: co };
  /** a side's pointer as its core code holds it → a JS number, and back */
  const addr = (src: Var, o: AbiOptions) => b.def((dst) => ({ op: 'conv', dst, src, conv: o.ptrType === 'i64' ? 'addr64' : 'u32' }));
  const coreAddr = (src: Var, o: AbiOptions) => (o.ptrType === 'i64' ? b.def((dst) => ({ op: 'conv', dst, src, conv: 'to-addr64' })) : src);

  const params = lower.params.map((t, index) => b.def((dst) => ({ op: 'param', dst, index, type: t })));
  const types = ft.params.map((p) => p.type);
  b.emit({ op: 'enter' });

  let args: Var[];
  if (lower.spillParams) {
    // both sides spill: the caller's tuple is read where it is, the callee's allocated
    const tuple = tupleOf(types);
    const src = addr(params[0]!, co);
    b.emit({ op: 'check-ptr', view: b.currentView('caller'), ptr: src, align: alignment(tuple, co.ptrType), size: elemSize(tuple, co.ptrType) });
    const size = elemSize(tuple, ce.ptrType);
    const dst = b.def((d) => ({ op: 'alloc', dst: d, align: alignment(tuple, ce.ptrType), size: b.constant(size), mem: 'callee' }));
    fuseMem(b, tuple, there, src, 0, dst, 0);
    args = [coreAddr(dst, ce)];
  } else {
    const count = lower.params.length - (lower.spillResults ? 1 : 0);
    const cur = new FlatCursor(b, params.slice(0, count).map((v, i) => ({ v, t: lower.params[i]! })));
    args = types.flatMap((t) => fuseFlat(b, t, cur, there));
  }

  const ret = lift.results.length ? b.newVar() : null;
  b.emit({ op: 'call-core', args, dst: ret });

  let out: Var | null = null;
  const result = ft.result;
  if (result) {
    if (lift.spillResults) {
      const src = addr(ret!, ce);
      b.emit({ op: 'check-ptr', view: b.currentView('callee'), ptr: src, align: alignment(result, ce.ptrType), size: elemSize(result, ce.ptrType) });
      const dst = addr(params.at(-1)!, co);
      b.emit({ op: 'check-ptr', view: b.currentView('caller'), ptr: dst, align: alignment(result, co.ptrType), size: elemSize(result, co.ptrType) });
      fuseMem(b, result, back, src, 0, dst, 0);
    } else {
      const cur = new FlatCursor(b, [{ v: ret!, t: lift.results[0]! }]);
      out = fuseFlat(b, result, cur, back)[0] ?? null;
    }
  }
  if (ce.postReturn) b.emit({ op: 'post-return', args: ret === null ? [] : [ret] });
  b.emit({ op: 'exit' });
  b.emit({ op: 'return', src: out });

  const sig = (f: { params: CoreFlatType[]; results: CoreFlatType[] }) => ({ params: f.params, results: f.results });
  return {
    kind: 'fused', opts: co, core: sig(lower), arity: lower.params.length,
    body: b.take(), uses: b.uses, vars: b.varCount,
    fused: { caller: co, callee: ce, calleeCore: sig(lift) },
  };
}
