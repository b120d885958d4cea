/**
 * ABI planning of one function: `planLift` for `canon lift` (an export the
 * host calls) and `planLower` for `canon lower` (an import core calls).
 * The instruction set is documented in `instructions.ts`.
 */
import type { FuncType, ValType } from '../types/model.js';
import type { AbiOptions, FuncPlan, Path, Var } from './instructions.js';
import { PlanBuilder } from './plan-builder.js';
import { lowersPurely, planCheck, planCheckLowerFlat } from './plan-check.js';
import { lowerCasesFlat, lowerCasesStore, lowerFlat, lowerStore } from './plan-lower.js';
import { FlatCursor, liftCases, liftCasesLoad, liftFlat, liftLoad, liftParams, type CaseBuild } from './plan-lift.js';
import { alignment, elemSize, fieldOffsets, flatten, flattenFuncType, tupleOf } from './layout.js';
import { fail } from '../errors/index.js';

export type { AbiOptions, FuncPlan } from './instructions.js';

export const DEFAULT_OPTIONS: AbiOptions = {
  stringEncoding: 'utf8',
  memory: false,
  realloc: false,
  postReturn: false,
  ptrType: 'i32',
  async: false,
};

type ResultType = ValType & { kind: 'result' };
const isResult = (t: ValType | null): t is ResultType => t !== null && t.kind === 'result';

function supported(ft: FuncType, opts: AbiOptions, what: string): void {
  if (ft.async || opts.async) fail('compile/unsupported', undefined, `async ${what} (only synchronous functions so far)`);
}

/**
 * `canon lift`: the host calls `f(...args)`; the plan checks and lowers the
 * arguments, calls the core function, lifts its result, calls post-return.
 * A `result<T,E>` function result returns T or throws E (`return-or-throw`).
 */
export function planLift(ft: FuncType, options: Partial<AbiOptions> = {}): FuncPlan {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  supported(ft, opts, 'lift');
  const b = new PlanBuilder(opts);
  const flat = flattenFuncType(ft, 'lift', { ptrType: opts.ptrType });
  const types = ft.params.map((p) => p.type);
  const args = types.map((_, index) => b.def((dst) => ({ op: 'arg', dst, index })));

  // flat arguments that lower purely are lowered as they are checked; the rest after every check
  const early = new Map<number, Var[]>();
  types.forEach((t, i) => {
    if (!flat.spillParams && lowersPurely(t)) early.set(i, planCheckLowerFlat(b, t, args[i]!, [{ arg: i }]));
    else planCheck(b, t, args[i]!, [{ arg: i }]);
  });
  b.emit({ op: 'enter' });

  let coreArgs: Var[];
  if (flat.spillParams) {
    const tuple = tupleOf(types);
    const size = b.constant(elemSize(tuple, opts.ptrType));
    const ptr = b.def((dst) => ({ op: 'alloc', dst, align: alignment(tuple, opts.ptrType), size }));
    const offsets = fieldOffsets(types, opts.ptrType);
    types.forEach((t, i) => lowerStore(b, t, args[i]!, ptr, offsets[i]!));
    coreArgs = [b.coreAddr(ptr)];
  } else {
    coreArgs = types.flatMap((t, i) => early.get(i) ?? lowerFlat(b, t, args[i]!));
  }

  const ret = flat.results.length ? b.newVar() : null;
  b.emit({ op: 'call-core', args: coreArgs, dst: ret });

  let value: Var | null = null;
  let disc: Var | null = null;
  const result = ft.result;
  if (result) {
    // a result<T,E> function result: [case index, payload] instead of a host variant
    const unwrap: CaseBuild = (index, payload) => [b.constant(index), payload ?? b.constant(null)];
    if (flat.spillResults) {
      const ptr = b.addr(ret!);
      const size = elemSize(result, opts.ptrType);
      b.emit({ op: 'check-ptr', view: b.currentView(), ptr, align: alignment(result, opts.ptrType), size });
      if (isResult(result)) [disc, value] = liftCasesLoad(b, result, ptr, 0, unwrap) as [Var, Var];
      else value = liftLoad(b, result, ptr, 0);
    } else {
      const cur = new FlatCursor(b, [{ v: ret!, t: flat.results[0]! }]);
      if (isResult(result)) {
        const d = cur.next('i32');
        const slots = cur.take(flatten(result, opts.ptrType).length - 1);
        [disc, value] = liftCases(b, result, d, (c) => liftFlat(b, c, new FlatCursor(b, slots)), unwrap) as [Var, Var];
      } else {
        value = liftFlat(b, result, cur);
      }
    }
  }
  if (opts.postReturn) b.emit({ op: 'post-return', args: ret === null ? [] : [ret] });
  b.emit({ op: 'exit' });
  b.emit(disc !== null ? { op: 'return-or-throw', disc, src: value } : { op: 'return', src: value });

  return {
    kind: 'lift', opts, core: { params: flat.params, results: flat.results },
    arity: types.length, body: b.take(), uses: b.uses, vars: b.varCount,
  };
}

/**
 * `canon lower`: core calls the emitted function with flat arguments; the
 * plan lifts them, calls the host function, checks and lowers its result
 * (flat, or stored through the out-pointer the caller passes last). For a
 * `result<T,E>` function result, a host return is `ok` and a thrown
 * ComponentError is `err` with its payload.
 */
export function planLower(ft: FuncType, options: Partial<AbiOptions> = {}): FuncPlan {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  supported(ft, opts, 'lower');
  const b = new PlanBuilder(opts);
  const flat = flattenFuncType(ft, 'lower', { ptrType: opts.ptrType });
  const params = flat.params.map((t, index) => b.def((dst) => ({ op: 'param', dst, index, type: t })));
  const types = ft.params.map((p) => p.type);
  b.emit({ op: 'enter' });

  const args = liftParams(b, types, flat, params);

  const result = ft.result;
  const value = result ? b.newVar() : null;
  const disc = isResult(result) ? b.newVar() : undefined;
  b.emit({ op: 'call-host', args, dst: value, ...(disc !== undefined ? { disc } : {}) });

  let ret: Var | null = null;
  if (result) {
    const path: Path = [{ returned: true }];
    if (isResult(result)) {
      const cases = [result.ok, result.err].map((t, i) =>
        b.caseBlock(i, null, () => {
          if (t) planCheck(b, t, value!, i === 0 ? path : [...path, { thrown: true }]);
          return [];
        }),
      );
      b.emit({ op: 'switch', on: disc!, cases, dsts: [], exhaustive: true });
    } else {
      planCheck(b, result, value!, path);
    }
    const known = { disc: disc!, payload: value };
    if (flat.spillResults) {
      const ptr = b.addr(params.at(-1)!);
      const size = elemSize(result, opts.ptrType);
      b.emit({ op: 'check-ptr', view: b.currentView(), ptr, align: alignment(result, opts.ptrType), size });
      if (isResult(result)) lowerCasesStore(b, result, known, ptr, 0);
      else lowerStore(b, result, value!, ptr, 0);
    } else {
      ret = (isResult(result) ? lowerCasesFlat(b, result, known) : lowerFlat(b, result, value!))[0] ?? null;
    }
  }
  b.emit({ op: 'exit' });
  b.emit({ op: 'return', src: ret });

  return {
    kind: 'lower', opts, core: { params: flat.params, results: flat.results },
    arity: flat.params.length, body: b.take(), uses: b.uses, vars: b.varCount,
  };
}


